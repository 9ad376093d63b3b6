// STAT3–STAT8: what one case adds to the statistics (counts only), and how counts add up.
import type { CaseData } from '../case';
import { num, parseUnitList, statusOf, text } from '../case';
import { followupOverdue } from '../followup-clock';
import { parseIsoTime } from '../time';
import type { VisitResult } from '../vocabulary';
import { SATISFIED_RESULTS } from '../vocabulary';

export interface Figures {
  /** STAT3: cases received (受理日期 in the period). */
  received: number;
  /** 不予受理. */
  rejected: number;
  /** 即时答复: closed or archived without 交办日期 and without 不予受理理由. */
  answeredAtOnce: number;
  /** 交办: with a 交办日期. */
  assigned: number;
  /** Returned (退回): by a unit, ever (STAT3: at each unit that returned it, not at the unit leading it now). */
  returned: number;
  /** STAT4: round 1 fed back no later than round 1's 办结时限, or later / not fed back and overdue now. */
  round1OnTime: number;
  round1Late: number;
  /** STAT4: the same for round 2 (二次办理), against round 2's own 办结时限. */
  round2OnTime: number;
  round2Late: number;
  /** 预警 overdue now. */
  overdue: number;
  /** WF33: waiting for the unit's 说明 past 说明决定期限 now (the unit's lateness). */
  explanationsOverdue: number;
  /** WF33: waiting for the office's decision past 说明决定期限 now (the office's lateness: 合计 only). */
  decisionsOverdue: number;
  /** Approved extensions (延期). */
  extensions: number;
  /** STAT5: cases with a first 回访 verdict, and those 非常满意/满意/基本满意. */
  firstVisited: number;
  firstSatisfied: number;
  /** STAT5: the same for the latest (final) verdict. */
  finalVisited: number;
  finalSatisfied: number;
  /** STAT6: cases checked by 回头看, and those found satisfied at the latest check. */
  spotChecked: number;
  spotCheckSatisfied: number;
  /** STAT6: explanations (作出说明) made, and accepted by the office (采纳说明). */
  explained: number;
  explanationsAccepted: number;
  /** 二次办理 (round 2). */
  secondRound: number;
  /** STAT7: 督办单 issued, and replied after their reply date. */
  supervisions: number;
  supervisionsLate: number;
  /** 移送纪检监察. */
  transfers: number;
  /** STAT8: answered — a feedback (反馈) recorded in round 1, or closed (即时答复 included). */
  responded: number;
  /** STAT8: 已办结 — closed, or archived without transfer or rejection. */
  closed: number;
}

export const ZERO_FIGURES: Figures = {
  received: 0,
  rejected: 0,
  answeredAtOnce: 0,
  assigned: 0,
  returned: 0,
  round1OnTime: 0,
  round1Late: 0,
  round2OnTime: 0,
  round2Late: 0,
  overdue: 0,
  explanationsOverdue: 0,
  decisionsOverdue: 0,
  extensions: 0,
  firstVisited: 0,
  firstSatisfied: 0,
  finalVisited: 0,
  finalSatisfied: 0,
  spotChecked: 0,
  spotCheckSatisfied: 0,
  explained: 0,
  explanationsAccepted: 0,
  secondRound: 0,
  supervisions: 0,
  supervisionsLate: 0,
  transfers: 0,
  responded: 0,
  closed: 0,
};

export const FIGURE_KEYS = Object.keys(ZERO_FIGURES) as (keyof Figures)[];

const SATISFIED: readonly string[] = SATISFIED_RESULTS satisfies readonly VisitResult[];

function time(c: CaseData, id: 'dueAt' | 'fedBackAt' | 'round1DueAt' | 'round1FedBackAt'): number | null {
  return parseIsoTime(text(c, id) ?? '');
}

/** On time (1), late (-1) or not counted (0): fed back by the deadline; late when after it or overdue unanswered. */
function timeliness(due: number | null, fedBack: number | null, overdueNow: boolean): -1 | 0 | 1 {
  if (due === null) return 0;
  if (fedBack !== null) return fedBack <= due ? 1 : -1;
  return overdueNow ? -1 : 0;
}

/** STAT4: round 1 keeps round 1's deadline and feedback, however round 2 went. */
function roundTimeliness(c: CaseData, overdueNow: boolean): { r1: -1 | 0 | 1; r2: -1 | 0 | 1 } {
  const second = (num(c, 'round') ?? 1) >= 2;
  if (!second) return { r1: timeliness(time(c, 'dueAt'), time(c, 'fedBackAt'), overdueNow), r2: 0 };
  const r1Due = time(c, 'round1DueAt');
  // round 1 ended in a feedback (it went to 二次办理); without one recorded it is not counted
  const r1 = r1Due === null ? 0 : timeliness(r1Due, time(c, 'round1FedBackAt'), false);
  return { r1, r2: timeliness(time(c, 'dueAt'), time(c, 'fedBackAt'), overdueNow) };
}

function satisfied(v: string | null): boolean {
  return v !== null && SATISFIED.includes(v);
}

function flag(b: boolean): number {
  return b ? 1 : 0;
}

function isTransferred(c: CaseData): boolean {
  return (
    statusOf(c) === 'transferred' || text(c, 'explanationDecision') === '移送纪检监察' || text(c, 'discipline') !== null
  );
}

/** STAT3: the case's own status, read loosely: unknown statuses count as open. */
function outcome(c: CaseData): { rejected: boolean; closed: boolean; atOnce: boolean } {
  const s = c.fields.status;
  const rejected = s === 'rejected' || text(c, 'rejectReason') !== null;
  const closed = (s === 'closed' || s === 'archived') && !rejected && !isTransferred(c);
  return { rejected, closed, atOnce: closed && text(c, 'assignedAt') === null };
}

/** STAT3–STAT8: the counts of one case. */
/**
 * STAT3: the units a case was returned by — 退回单位, or for a case returned before it was kept, the unit leading it
 * while it waits in 已退回 (or its 退回理由 is still there).
 */
export function returnedBy(c: CaseData): string[] {
  const by = parseUnitList(c.fields.returnedBy);
  if (by.length > 0) return by;
  const lead = text(c, 'leadUnit');
  return lead !== null && (c.fields.status === 'returned' || text(c, 'returnReason') !== null) ? [lead] : [];
}

/** STAT3–STAT8, STAT14: the counts of one case; `nowMs` (null: not counted) for the follow-up clock of WF33. */
export function caseFigures(c: CaseData, nowMs: number | null = null): Figures {
  const late = nowMs === null ? null : followupOverdue(c, nowMs);
  const overdue = c.fields.warning === 'overdue';
  const { r1, r2 } = roundTimeliness(c, overdue);
  const { rejected, closed, atOnce } = outcome(c);
  const first = text(c, 'firstVisitResult') ?? text(c, 'visitResult');
  // STAT5: the latest verdict, 回访 or 回头看; a case recorded before 最终评价结果 was kept: the 回头看, else the 回访
  const final = text(c, 'finalVerdict') ?? text(c, 'spotCheckResult') ?? text(c, 'visitResult');
  const spot = text(c, 'spotCheckResult');
  const r1FedBack = (num(c, 'round') ?? 1) >= 2 || text(c, 'fedBackAt') !== null;
  return {
    received: 1,
    rejected: flag(rejected),
    answeredAtOnce: flag(atOnce),
    assigned: flag(text(c, 'assignedAt') !== null),
    returned: flag(returnedBy(c).length > 0),
    round1OnTime: flag(r1 === 1),
    round1Late: flag(r1 === -1),
    round2OnTime: flag(r2 === 1),
    round2Late: flag(r2 === -1),
    overdue: flag(overdue),
    explanationsOverdue: flag(late === 'explanation'),
    decisionsOverdue: flag(late === 'decision'),
    extensions: Math.max(0, num(c, 'extensionCount') ?? 0),
    firstVisited: flag(first !== null),
    firstSatisfied: flag(satisfied(first)),
    finalVisited: flag(final !== null),
    finalSatisfied: flag(satisfied(final)),
    spotChecked: flag(spot !== null),
    spotCheckSatisfied: flag(satisfied(spot)),
    explained: flag(text(c, 'explanation') !== null),
    explanationsAccepted: flag(text(c, 'explanationDecision') === '采纳说明'),
    secondRound: flag((num(c, 'round') ?? 1) >= 2),
    supervisions: Math.max(0, num(c, 'supervisionCount') ?? 0),
    supervisionsLate: Math.max(0, num(c, 'supervisionLateCount') ?? 0),
    transfers: flag(isTransferred(c)),
    responded: flag(closed || r1FedBack),
    closed: flag(closed),
  };
}

export function addFigures(a: Figures, b: Figures): Figures {
  const out = { ...a };
  for (const k of FIGURE_KEYS) out[k] = a[k] + b[k];
  return out;
}

export function sumFigures(cases: readonly CaseData[]): Figures {
  return cases.reduce((acc, c) => addFigures(acc, caseFigures(c)), ZERO_FIGURES);
}
