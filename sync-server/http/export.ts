// GET /api/export/ledger.xlsx (HTTP47) and stats.xlsx (HTTP49): the 台账 and the assessment as .xlsx downloads.
import { Hono } from 'hono';
import type { CaseData } from '../../shared/case';
import { LEDGER_FILTER_KEYS, inLedgerFilter, readLedgerFilter } from '../../shared/forms/ledger-filter';
import type { FormNames } from '../../shared/forms/names';
import { ANNEX4_TITLE } from '../../shared/annex4';
import { shanghaiDate } from '../../shared/time';
import { renderAssessmentXlsx, renderLedgerXlsx } from '../documents/on-demand';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { unwrap } from './errors';
import { readQuery } from './query';
import { XLSX_TYPE, sendDownload } from './download';
import { periodOfQuery, scopedStats } from './stats';
import { ASSESSMENT_TITLE, assessmentBook } from '../../shared/stats/assessment-book';

function bySeq(a: CaseData, b: CaseData): number {
  const x = typeof a.fields.seq === 'number' ? a.fields.seq : 0;
  const y = typeof b.fields.seq === 'number' ? b.fields.seq : 0;
  return x - y || a.id.localeCompare(b.id);
}

/** HTTP47, HTTP49: office and viewer export every case, a unit only those it leads or cooperates on (PERM3), in 序号 order. */
export function exportApp({ ledger, formNames }: Pick<AppDeps, 'ledger'> & { formNames: FormNames }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/ledger.xlsx', async (c) => {
    const q = readQuery(c, LEDGER_FILTER_KEYS);
    const filter = unwrap(readLedgerFilter(q, (id) => ledger.unit(id) !== null));
    const cases = ledger
      .visibleCases(actorOf(c))
      .filter((x) => inLedgerFilter(x, filter))
      .sort(bySeq);
    const bytes = await renderLedgerXlsx(cases, (id) => ledger.unit(id)?.name ?? null, formNames);
    const day = shanghaiDate(ledger.clock());
    return sendDownload(c, bytes, XLSX_TYPE, `${formNames.city}${ANNEX4_TITLE}（${day}）.xlsx`, `ledger-${day}.xlsx`);
  });
  /** HTTP49: the assessment of a period as .xlsx, with /api/stats's parameters, validation and scoping. */
  app.get('/stats.xlsx', async (c) => {
    const stats = await scopedStats(ledger, actorOf(c), periodOfQuery(c));
    const bytes = await renderAssessmentXlsx(assessmentBook(stats, formNames.city));
    const day = shanghaiDate(ledger.clock());
    const label = stats.period.label.replace(/\s+/g, '');
    return sendDownload(
      c,
      bytes,
      XLSX_TYPE,
      `${formNames.city}${ASSESSMENT_TITLE}（${label}）.xlsx`,
      `stats-${day}.xlsx`,
    );
  });
  return app;
}
