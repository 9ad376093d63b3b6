// CAL6/CAL7: an open case's 办结时限 counted again with a new calendar, and the provisional deadlines a banner counts.
import type { Calendar } from './calendar';
import type { CaseData } from './case';
import { kindOf, num, statusOf, text } from './case';
import { KIND_LIMIT, addWorkingDays } from './deadlines';
import { addDays, endOfShanghaiDay, parseIsoTime, shanghaiDate } from './time';
import type { Status } from './vocabulary';

/** Statuses whose 办结时限 is settled: refused, finished, handed to 纪委监委 or archived. */
export const SETTLED_STATUSES: readonly Status[] = ['rejected', 'closed', 'transferred', 'archived'];

/** The new 办结时限 and 时限说明 of a case whose deadline moved. */
export interface DeadlineMove {
  dueAt: string;
  dueNote: string | null;
}

/** A limit longer than any kind's limit plus its extension, in calendar days: the back count never runs away. */
const BACK_COUNT_DAYS = 400;

/**
 * The day before the first of the `n` working days of `cal` that end on `due` (counted back over at most
 * BACK_COUNT_DAYS calendar days): where a count of n working days that gave `due` started. Null if none is found.
 */
export function countBackStart(cal: Calendar, due: string, n: number): string | null {
  let d = due;
  let counted = 0;
  for (let i = 0; i < BACK_COUNT_DAYS; i++) {
    if (cal.isWorkingDay(d) && ++counted === n) return addDays(d, -1);
    d = addDays(d, -1);
  }
  return null;
}

/**
 * The day the count started: round 1 counts from the Shanghai date of 交办日期. Round 2 (二次办理) starts on a day
 * that is not stored, so the count runs back from the 办结时限 over the same number of working days of `before`.
 */
function countStart(c: CaseData, before: Calendar, dueDate: string, n: number): string | null {
  const assignedMs = parseIsoTime(text(c, 'assignedAt') ?? '');
  if ((num(c, 'round') ?? 1) < 2 && assignedMs !== null) return shanghaiDate(assignedMs);
  return countBackStart(before, dueDate, n);
}

/**
 * CAL6: the deadline of an open case (not settled, a working-day kind) counted with `after` instead of `before`:
 * the same start and the same number of working days (limit + extension granted). Null when nothing changes, and
 * for a deadline `before` does not give (set some other way): that one is left as it is.
 */
export function recountDeadline(c: CaseData, before: Calendar, after: Calendar): DeadlineMove | null {
  const kind = kindOf(c);
  const dueAt = text(c, 'dueAt');
  if (SETTLED_STATUSES.includes(statusOf(c)) || kind === null || dueAt === null) return null;
  if (KIND_LIMIT[kind].unit !== 'workingDays') return null;
  const dueMs = parseIsoTime(dueAt);
  if (dueMs === null) return null;
  const n = KIND_LIMIT[kind].amount + (num(c, 'extensionGranted') ?? 0);
  const start = countStart(c, before, shanghaiDate(dueMs), n);
  if (start === null || endOfShanghaiDay(addWorkingDays(before, start, n).date) !== dueAt) return null;
  const next = addWorkingDays(after, start, n);
  const moved: DeadlineMove = { dueAt: endOfShanghaiDay(next.date), dueNote: next.provisional };
  const note = text(c, 'dueNote');
  return moved.dueAt === dueAt && moved.dueNote === note ? null : moved;
}

/** CAL7: open cases whose 办结时限 is only an estimate, and the years of those deadlines (the notices missing). */
export function provisionalDeadlines(cases: readonly CaseData[]): { cases: number; years: number[] } {
  const years = new Set<number>();
  let count = 0;
  for (const c of cases) {
    const dueAt = text(c, 'dueAt');
    if (SETTLED_STATUSES.includes(statusOf(c)) || dueAt === null || !text(c, 'dueNote')) continue;
    count++;
    years.add(Number(dueAt.slice(0, 4)));
  }
  return { cases: count, years: [...years].sort((a, b) => a - b) };
}
