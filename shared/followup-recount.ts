// WF34: 说明决定期限 (WF33) counted again with a newly loaded calendar, like an open case's 办结时限 (CAL6).
import type { Calendar } from './calendar';
import type { CaseData } from './case';
import { statusOf, text } from './case';
import { addWorkingDays } from './deadlines';
import type { DeadlineMove } from './deadline-recount';
import { countBackStart } from './deadline-recount';
import { FOLLOWUP_WORKING_DAYS, WAITING_STATES } from './followup-clock';
import { endOfShanghaiDay, parseIsoTime, shanghaiDate } from './time';

/**
 * WF34: the 说明决定期限 of a case waiting in unsatisfied or explained, counted with `after` instead of `before` from
 * the same day (read back with `before`). Null when nothing changes, and for a limit `before` does not give (set some
 * other way): that one is left as it is.
 */
export function recountFollowup(c: CaseData, before: Calendar, after: Calendar): DeadlineMove | null {
  const dueAt = text(c, 'followupDueAt');
  const dueMs = parseIsoTime(dueAt ?? '');
  if (!WAITING_STATES.includes(statusOf(c)) || dueAt === null || dueMs === null) return null;
  const start = countBackStart(before, shanghaiDate(dueMs), FOLLOWUP_WORKING_DAYS);
  if (start === null) return null;
  // the wait may have started on a day off before the one found: the same as CAL6's round-2 start (read back)
  if (endOfShanghaiDay(addWorkingDays(before, start, FOLLOWUP_WORKING_DAYS).date) !== dueAt) return null;
  const next = addWorkingDays(after, start, FOLLOWUP_WORKING_DAYS);
  const moved: DeadlineMove = { dueAt: endOfShanghaiDay(next.date), dueNote: next.provisional };
  return moved.dueAt === dueAt && moved.dueNote === text(c, 'followupDueNote') ? null : moved;
}
