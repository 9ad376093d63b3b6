// Statistics per handling unit (五(二) 综合评价): cases led, closed, on time, satisfaction, overdue, 督办, second handling.
import type { CaseData } from './case';
import { num, statusOf, text } from './case';
import { parseIsoTime } from './time';
import type { VisitResult } from './vocabulary';
import { SATISFIED_RESULTS } from './vocabulary';

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

export interface Rates {
  onTimeRate: number | null;
  satisfactionRate: number | null;
}
export type UnitStats = { unitId: string; unitName: string } & Counts & Rates;

export const ZERO_COUNTS: Counts = {
  led: 0,
  closed: 0,
  onTime: 0,
  onTimeBase: 0,
  visited: 0,
  satisfied: 0,
  overdue: 0,
  supervisions: 0,
  secondRound: 0,
};

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

export function withRates(c: Counts): Counts & Rates {
  return { ...c, onTimeRate: rate(c.onTime, c.onTimeBase), satisfactionRate: rate(c.satisfied, c.visited) };
}

function isClosed(c: CaseData): boolean {
  const s = statusOf(c);
  return s === 'closed' || (s === 'archived' && text(c, 'discipline') === null && text(c, 'rejectReason') === null);
}

/** STAT1: the counts of one case, added to `acc`. */
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

export function sumCounts(a: Counts, b: Counts): Counts {
  const out = { ...a };
  for (const k of Object.keys(ZERO_COUNTS) as (keyof Counts)[]) out[k] = a[k] + b[k];
  return out;
}

/** One row per unit (in the given order), from the cases it leads. */
export function unitStats(units: readonly { id: string; name: string }[], cases: readonly CaseData[]): UnitStats[] {
  const counts = new Map<string, Counts>(units.map((u) => [u.id, ZERO_COUNTS]));
  for (const c of cases) {
    const lead = text(c, 'leadUnit');
    const acc = lead === null ? undefined : counts.get(lead);
    if (lead !== null && acc !== undefined) counts.set(lead, addCase(acc, c));
  }
  return units.map((u) => ({ unitId: u.id, unitName: u.name, ...withRates(counts.get(u.id) ?? ZERO_COUNTS) }));
}
