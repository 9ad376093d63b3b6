// WF31/WF32: the 回头看 sample drawn from the case history as of an instant, and the draw written to the audit.
import type { Actor, CaseData } from '../../shared/case';
import { text } from '../../shared/case';
import type { HistoryEntry, HistoryField } from '../../shared/case-history';
import { HISTORY_FIELDS, casesAsOf, historyValue } from '../../shared/case-history';
import { LedgerError } from '../../shared/errors';
import type { SampleRange } from '../../shared/sample';
import { drawSample, sampleFrame } from '../../shared/sample';
import { formatShanghai, parseIsoTime } from '../../shared/time';
import type { NewAudit, Store } from '../store/store';
import type { UnitOfWork } from './unit-of-work';

/** The audit command of a draw (a row without a case: office and viewer read it in the audit log). */
export const SAMPLE_COMMAND = 'spot-check-sample';
const PAGE = 1000;

/** What a draw needs of the ledger. */
export interface SampleSource {
  visibleCases(actor: Actor): CaseData[];
  flushAudit(): void;
  transaction<T>(fn: (unit: UnitOfWork) => T): { value: T; done: Promise<void> };
}

export interface SampleParams extends SampleRange {
  n: number;
  seed: number;
  /** Epoch ms, a whole second that has ended (WF31: the route waits for it). */
  asOf: number;
}

export interface Draw {
  /** The drawn cases as they are now, in 序号 order. */
  cases: CaseData[];
  available: number;
  asOf: string;
}

function isHistoryField(f: string | null): f is HistoryField {
  return f !== null && (HISTORY_FIELDS as readonly string[]).includes(f);
}

/** WF31: the accepted changes of state, 受理日期 and 序号 recorded at or before `asOf`, read page by page in order. */
export async function historyUntil(store: Pick<Store, 'audit'>, asOf: number): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  for (let afterId = 0; ;) {
    const rows = await store.audit({ afterId, limit: PAGE });
    for (const r of rows) {
      const at = parseIsoTime(r.at);
      if (!r.accepted || r.caseId === null || !isHistoryField(r.field) || at === null || at > asOf) continue;
      out.push({ caseId: r.caseId, at, field: r.field, value: historyValue(r.new) });
    }
    const last = rows[rows.length - 1];
    if (rows.length < PAGE || last === undefined) return out;
    afterId = last.id;
  }
}

/** WF32: the audit row of a draw: who, when, the parameters and the 诉求编号 drawn. */
function drawAudit(actor: Actor, now: number, p: SampleParams, draw: Draw): NewAudit {
  const codes = draw.cases.map((c) => text(c, 'code') ?? c.id);
  const range = `${p.from ?? '不限'} 至 ${p.to ?? '不限'}`;
  return {
    at: formatShanghai(now),
    actorId: actor.userId,
    actorName: actor.name,
    role: actor.role,
    unitId: actor.unitId,
    caseId: null,
    command: SAMPLE_COMMAND,
    field: null,
    old: null,
    new: { n: p.n, from: p.from, to: p.to, seed: p.seed, asOf: draw.asOf, available: draw.available, drawn: codes },
    accepted: true,
    code: null,
    note:
      `回头看抽样：受理日期 ${range}，截至 ${draw.asOf}，随机种子 ${p.seed}，` +
      `从 ${draw.available} 件中抽取 ${codes.length} 件：${codes.join('、') || '无'}`,
  };
}

/**
 * WF31/WF32: draws the sample from the cases closed or archived as of `asOf` (rebuilt from the audit), answers the
 * drawn cases as they are now, and writes the draw to the audit; the answer is given only once that row is durable.
 */
export async function drawAuditedSample(
  source: SampleSource,
  store: Pick<Store, 'audit' | 'flush'>,
  actor: Actor,
  p: SampleParams,
  now: number,
): Promise<Draw> {
  source.flushAudit();
  // a store that cannot write or read the audit cannot give the frame: 503, like any failed write (STORE9)
  const history = await store
    .flush()
    .then(() => historyUntil(store, p.asOf))
    .catch((e: unknown) => {
      console.error('[抽样] 审计日志读取失败', e);
      throw new LedgerError('STORAGE_UNAVAILABLE');
    });
  const then = casesAsOf(history, p.asOf);
  const drawnIds = drawSample(then, p, p.n, p.seed).map((c) => c.id);
  const current = new Map(source.visibleCases(actor).map((c) => [c.id, c]));
  const cases = drawnIds.flatMap((id) => current.get(id) ?? []);
  const draw: Draw = { cases, available: sampleFrame(then, p).length, asOf: formatShanghai(p.asOf) };
  await source.transaction((unit) => unit.audit([drawAudit(actor, now, p, draw)])).done;
  return draw;
}
