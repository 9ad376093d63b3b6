// CAL9: round 1's kept 办结时限 (首轮办结时限, STAT4) counted again with a newly loaded calendar.
import type { Calendar } from './calendar';
import type { CaseData } from './case';
import { kindOf, num, statusOf, text } from './case';
import { KIND_LIMIT, addWorkingDays } from './deadlines';
import type { DeadlineMove } from './deadline-recount';
import { recountDeadline } from './deadline-recount';
import { addDays, endOfShanghaiDay, parseIsoTime, shanghaiDate } from './time';

/** A limit plus its extension never spans more calendar days than this: the count never runs away. */
const MAX_SPAN_DAYS = 400;

/** How many working days of `cal` lie after `start` up to and including `due` (null when due is not one of them). */
function workingDaysBetween(cal: Calendar, start: string, due: string): number | null {
  if (!cal.isWorkingDay(due) || due <= start) return null;
  let n = 0;
  let d = start;
  for (let i = 0; i < MAX_SPAN_DAYS && d < due; i++) {
    d = addDays(d, 1);
    if (cal.isWorkingDay(d)) n++;
  }
  return d === due ? n : null;
}

/**
 * CAL9: a case in 二次办理 (not archived, whose record is sealed) keeps round 1's 办结时限 in `round1DueAt`; it was counted
 * from the Shanghai date of 交办日期 over the limit plus round 1's extension (not kept: 已批延期 starts again in round
 * 2), so that number is read back as the working days `before` gives between the two. Counted again with `after`;
 * the new time when it moves, null when it does not, or when `before` does not give it (set some other way).
 */
export function recountRound1Deadline(c: CaseData, before: Calendar, after: Calendar): string | null {
  const kind = kindOf(c);
  const due = text(c, 'round1DueAt');
  const assignedMs = parseIsoTime(text(c, 'assignedAt') ?? '');
  if ((num(c, 'round') ?? 1) < 2 || statusOf(c) === 'archived' || kind === null || due === null) return null;
  if (KIND_LIMIT[kind].unit !== 'workingDays' || assignedMs === null) return null;
  const dueMs = parseIsoTime(due);
  if (dueMs === null) return null;
  const start = shanghaiDate(assignedMs);
  const dueDate = shanghaiDate(dueMs);
  const n = workingDaysBetween(before, start, dueDate);
  const { amount } = KIND_LIMIT[kind];
  // round 1 ran over the limit plus at most as much again (WF14)
  if (n === null || n < amount || n > 2 * amount || endOfShanghaiDay(dueDate) !== due) return null;
  const moved = endOfShanghaiDay(addWorkingDays(after, start, n).date);
  return moved === due ? null : moved;
}

/**
 * CAL9: a case closed or transferred in round 1 is judged by its 办结时限 (STAT4); when that was only an estimate
 * (时限说明 set, CAL3) it is counted again like an open case's (CAL6). Archived and rejected cases are left as they are.
 */
export function recountSettledRound1(c: CaseData, before: Calendar, after: Calendar): DeadlineMove | null {
  const status = statusOf(c);
  if ((status !== 'closed' && status !== 'transferred') || (num(c, 'round') ?? 1) >= 2 || !text(c, 'dueNote')) {
    return null;
  }
  return recountDeadline({ id: c.id, fields: { ...c.fields, status: 'handling' } }, before, after);
}
