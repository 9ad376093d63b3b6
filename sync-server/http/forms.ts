// GET /api/cases/:id/forms/{assignment,handling,supervision}.docx (HTTP45/HTTP46): 附件1–3 of a case the caller sees.
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { CaseData } from '../../shared/case';
import type { FormContext } from '../../shared/forms/assignment';
import { assignmentForm } from '../../shared/forms/assignment';
import type { FormDoc } from '../../shared/forms/form';
import { handlingForm } from '../../shared/forms/handling';
import type { FormNames } from '../../shared/forms/names';
import { supervisionForm } from '../../shared/forms/supervision';
import { parseSupervisionCode } from '../../shared/numbering';
import { renderFormDocx } from '../documents/on-demand';
import type { SupervisionRow } from '../store/store';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { refuse } from './errors';
import { readQuery } from './query';
import { DOCX_TYPE, sendDownload } from './download';

/** The newest 督办单 first: by year, then number. */
function byNumberDesc(a: SupervisionRow, b: SupervisionRow): number {
  const x = parseSupervisionCode(a.code);
  const y = parseSupervisionCode(b.code);
  return (y?.year ?? 0) - (x?.year ?? 0) || (y?.n ?? 0) - (x?.n ?? 0);
}

/** HTTP46: ?code=〔2026〕督3号 names one of the case's 督办单; without it the latest. Bad form 400, none or unknown 404. */
async function pickSupervision(deps: Pick<AppDeps, 'ledger'>, found: CaseData, code: string | undefined) {
  if (code !== undefined && parseSupervisionCode(code) === null)
    refuse('INVALID_INPUT', '督办单编号格式不正确，应如〔2026〕督3号', 'code');
  const sheets = (await deps.ledger.supervisionsOf(found.id)).sort(byNumberDesc);
  const sheet = code === undefined ? sheets[0] : sheets.find((s) => s.code === code);
  if (sheet === undefined)
    refuse(
      'SUPERVISION_NOT_FOUND',
      code === undefined ? '该诉求尚未督办，没有督办单' : `该诉求没有编号为${code}的督办单`,
    );
  return sheet;
}

/** HTTP45: read scoping as GET /api/cases/:id (PERM3: a case outside it is 404 CASE_NOT_FOUND), then the .docx. */
export function formsApp({ ledger, formNames }: Pick<AppDeps, 'ledger'> & { formNames: FormNames }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const ctx: FormContext = { names: formNames, unitName: (id) => ledger.unit(id)?.name ?? null };
  const caseOf = (c: Context<AppEnv>): CaseData => {
    const found = ledger.caseFor(actorOf(c), c.req.param('id') ?? '');
    return found ?? refuse('CASE_NOT_FOUND');
  };
  const send = async (c: Context<AppEnv>, doc: FormDoc) =>
    sendDownload(c, await renderFormDocx(doc), DOCX_TYPE, doc.fileName, doc.asciiFileName);

  app.get('/:id/forms/assignment.docx', (c) => {
    readQuery(c, []);
    return send(c, assignmentForm(caseOf(c), ctx));
  });
  app.get('/:id/forms/handling.docx', (c) => {
    readQuery(c, []);
    return send(c, handlingForm(caseOf(c), ctx));
  });
  app.get('/:id/forms/supervision.docx', async (c) => {
    const q = readQuery(c, ['code']);
    const found = caseOf(c);
    const sheet = await pickSupervision({ ledger }, found, q.get('code'));
    return send(c, supervisionForm(found, sheet, ctx));
  });
  return app;
}
