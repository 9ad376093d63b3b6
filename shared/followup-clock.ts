// WF33: the clock on a case waiting for the unit's 说明 (unsatisfied) or the office's decision on it (explained).
import type { Calendar } from './calendar';
import type { CaseData } from './case';
import { statusOf, text } from './case';
import { addWorkingDays } from './deadlines';
import type { FieldValue } from './fields';
import { endOfShanghaiDay, parseIsoTime, shanghaiDate } from './time';
import type { Status } from './vocabulary';

/**
 * WF33: the plan sets no time for the 说明 or the decision (四(五), 四(六): only "限时落实闭环任务"), so each gets the
 * plan's limit for a general 诉求: 5 working days (三(三) "5个工作日内办结反馈"). Counted like TIME1: the day the case
 * starts waiting is not counted.
 */
export const FOLLOWUP_WORKING_DAYS = 5;

/** The states a follow-up step waits in: for the unit's 说明, then for the office's decision. */
export const WAITING_STATES: readonly Status[] = ['unsatisfied', 'explained'];

/** WF33: the end of the 5th working day after `nowMs` (Shanghai); WF34: with CAL3's reason when only an estimate. */
export function followupDue(cal: Calendar, nowMs: number): { followupDueAt: string; followupDueNote: string | null } {
  const r = addWorkingDays(cal, shanghaiDate(nowMs), FOLLOWUP_WORKING_DAYS);
  return { followupDueAt: endOfShanghaiDay(r.date), followupDueNote: r.provisional };
}

type FollowupFields = { followupDueAt: FieldValue; followupDueNote: FieldValue };

/**
 * WF33: what a command's move from `before` to `after` does to 说明决定期限: set anew when the case starts waiting in
 * unsatisfied or explained, cleared when it leaves them; nothing while it stays.
 */
export function followupChange(cal: Calendar, c: CaseData, after: Status, nowMs: number): FollowupFields | null {
  const before = statusOf(c);
  if (WAITING_STATES.includes(after)) return before === after ? null : followupDue(cal, nowMs);
  const set = text(c, 'followupDueAt') !== null || text(c, 'followupDueNote') !== null;
  return set ? { followupDueAt: null, followupDueNote: null } : null;
}

/** WF33: which step of a waiting case is past its limit at `nowMs`: the unit's 说明, the office's decision, or none. */
export function followupOverdue(c: CaseData, nowMs: number): 'explanation' | 'decision' | null {
  const status = statusOf(c);
  const due = parseIsoTime(text(c, 'followupDueAt') ?? '');
  if (!WAITING_STATES.includes(status) || due === null || Math.floor(nowMs / 1000) * 1000 <= due) return null;
  return status === 'unsatisfied' ? 'explanation' : 'decision';
}

/**
 * WF35: a case waiting in unsatisfied or explained without 说明决定期限 (imported, or recorded before WF33) gets the
 * limit a command would have set on the day it started waiting (`sinceMs`: its last change of state). Null when it
 * is not waiting or already has one.
 */
export function missingFollowup(cal: Calendar, c: CaseData, sinceMs: number): FollowupFields | null {
  if (!WAITING_STATES.includes(statusOf(c)) || text(c, 'followupDueAt') !== null) return null;
  return followupDue(cal, sinceMs);
}
