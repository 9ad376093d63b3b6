// GET /api/stats: per handling unit — cases led, closed, on-time rate, satisfaction rate, overdue, 督办, second handling.
import { Hono } from 'hono';
import type { CaseData } from '../../shared/case';
import { num, statusOf, text } from '../../shared/case';
import { parseIsoTime } from '../../shared/time';
import { SATISFIED_RESULTS } from '../../shared/vocabulary';
import type { VisitResult } from '../../shared/vocabulary';
import type { UnitRow } from '../store/store';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { readQuery } from './query';
import { sendJson } from './respond';

export interface Counts {
  /** Cases the unit leads (办理单位). */
  led: number;
  /** Of those: 已办结 (closed, or archived after closing — not transferred, not rejected). */
  closed: number;
  /** Fed back (反馈提交时间) no later than 办结时限. */
  onTime: number;
  /** Cases with a 办结时限 that were fed back or are overdue now: the base of the on-time rate. */
  onTimeBase: number;
  /** Cases with a 回访结果, and those 非常满意/满意/基本满意. */
  visited: number;
  satisfied: number;
  /** 预警 overdue now. */
  overdue: number;
  /** Sum of 督办次数. */
  supervisions: number;
  /** Cases in 办理轮次 2 (二次办理). */
  secondRound: number;
}

export interface Rates { onTimeRate: number | null; satisfactionRate: number | null }
export type UnitStats = { unitId: string; unitName: string } & Counts & Rates;

const ZERO: Counts = { led: 0, closed: 0, onTime: 0, onTimeBase: 0, visited: 0, satisfied: 0, overdue: 0, supervisions: 0, secondRound: 0 };

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function withRates(c: Counts): Counts & Rates {
  return { ...c, onTimeRate: rate(c.onTime, c.onTimeBase), satisfactionRate: rate(c.satisfied, c.visited) };
}

function isClosed(c: CaseData): boolean {
  const s = statusOf(c);
  return s === 'closed' || (s === 'archived' && text(c, 'discipline') === null && text(c, 'rejectReason') === null);
}

/** HTTP17: the counts of one case, added to `acc`. */
function addCase(acc: Counts, c: CaseData): Counts {
  const due = parseIsoTime(text(c, 'dueAt') ?? '');
  const fedBack = parseIsoTime(text(c, 'fedBackAt') ?? '');
  const overdue = c.fields.warning === 'overdue';
  const visit = text(c, 'visitResult');
  return {
    led: acc.led + 1,
    closed: acc.closed + (isClosed(c) ? 1 : 0),
    onTime: acc.onTime + (due !== null && fedBack !== null && fedBack <= due ? 1 : 0),
    onTimeBase: acc.onTimeBase + (due !== null && (fedBack !== null || overdue) ? 1 : 0),
    visited: acc.visited + (visit !== null ? 1 : 0),
    satisfied: acc.satisfied + (visit !== null && SATISFIED_RESULTS.includes(visit as VisitResult) ? 1 : 0),
    overdue: acc.overdue + (overdue ? 1 : 0),
    supervisions: acc.supervisions + (num(c, 'supervisionCount') ?? 0),
    secondRound: acc.secondRound + ((num(c, 'round') ?? 1) >= 2 ? 1 : 0),
  };
}

function sum(a: Counts, b: Counts): Counts {
  const out = { ...a };
  for (const k of Object.keys(ZERO) as (keyof Counts)[]) out[k] = a[k] + b[k];
  return out;
}

/** One row per unit (in the given order), from the cases it leads. */
export function unitStats(units: readonly UnitRow[], cases: readonly CaseData[]): UnitStats[] {
  const counts = new Map<string, Counts>(units.map((u) => [u.id, ZERO]));
  for (const c of cases) {
    const lead = text(c, 'leadUnit');
    const acc = lead === null ? undefined : counts.get(lead);
    if (lead !== null && acc !== undefined) counts.set(lead, addCase(acc, c));
  }
  return units.map((u) => ({ unitId: u.id, unitName: u.name, ...withRates(counts.get(u.id) ?? ZERO) }));
}

/** HTTP17: office and viewer get every unit; a unit only its own row. Totals and overdue 督办单 follow the same scope. */
export function statsApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', (c) => {
    readQuery(c, []);
    const actor = actorOf(c);
    const own = actor.role === 'unit' ? (actor.unitId === null ? null : ledger.unit(actor.unitId)) : null;
    const units = actor.role === 'unit' ? (own === null ? [] : [own]) : ledger.unitList();
    const rows = unitStats(units, ledger.visibleCases(actor));
    const ids = new Set(units.map((u) => u.id));
    const overdueSupervisions = ledger.overdueSupervisions()
      .filter((s) => actor.role !== 'unit' || (ids.has(s.unitId) && ledger.caseFor(actor, s.caseId) !== null)).length;
    return sendJson(c, { units: rows, totals: withRates(rows.reduce<Counts>((acc, r) => sum(acc, r), ZERO)), overdueSupervisions });
  });
}
