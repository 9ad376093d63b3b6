// CAL11: a later notice never puts the unit in the wrong: no open deadline moves into the past, no round turns late.
import type { CaseData } from './case';
import { text } from './case';
import { endOfShanghaiDay, parseIsoTime, shanghaiDate } from './time';

/** The deadlines a notice recounts (CAL6, CAL9, WF34). */
export type RecountedDeadline = 'dueAt' | 'round1DueAt' | 'followupDueAt';

/**
 * CAL11: the instant a deadline may not be moved before: a round fed back is judged by its feedback (反馈提交时间, or
 * 首轮反馈时间 for round 1's kept 办结时限), so the end of that day; anything still running, the end of the day the
 * notice is loaded (`nowMs`).
 */
export function holdFrom(c: CaseData, deadline: RecountedDeadline, nowMs: number): number {
  const field = deadline === 'dueAt' ? 'fedBackAt' : deadline === 'round1DueAt' ? 'round1FedBackAt' : null;
  const done = field === null ? null : parseIsoTime(text(c, field) ?? '');
  return done ?? nowMs;
}

/**
 * CAL11: the deadline a notice sets when the calendar gives `counted` for one that was `old`: later or equal as
 * counted; earlier, never before the end of the day of `fromMs` (holdFrom) — nor, for one already before that, earlier
 * than it was. A deadline an office could not read is left to the count.
 */
export function heldDeadline(old: string, counted: string, fromMs: number): string {
  const oldMs = parseIsoTime(old);
  const countedMs = parseIsoTime(counted);
  if (oldMs === null || countedMs === null || countedMs >= oldMs) return counted;
  const floor = endOfShanghaiDay(shanghaiDate(fromMs));
  const floorMs = parseIsoTime(floor) ?? fromMs;
  if (countedMs >= Math.min(oldMs, floorMs)) return counted;
  return oldMs <= floorMs ? old : floor;
}
