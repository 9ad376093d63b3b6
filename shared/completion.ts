// IMP4: an imported open case the 台账 gave no 交办日期 or 办理类型 for is 待补全 until the office completes it.
import type { Calendar } from './calendar';
import type { CaseData } from './case';
import { kindOf, statusOf, text } from './case';
import { warningFor } from './deadlines';
import type { Status, Warning } from './vocabulary';

/** The states in which a case still needs its time limit (handling, or follow-up that may send it back to handling). */
export const OPEN_STATUSES: readonly Status[] = [
  'assigned',
  'handling',
  'returned',
  'fedBack',
  'unsatisfied',
  'explained',
];

/** IMP4: imported, still open, and without 办理类型 or 交办日期. */
export function needsCompletion(c: CaseData): boolean {
  return (
    text(c, 'importedFrom') !== null &&
    OPEN_STATUSES.includes(statusOf(c)) &&
    (kindOf(c) === null || text(c, 'assignedAt') === null)
  );
}

/** TIME3/IMP4: the case's 预警 — 待补全 before the overdue rules, which need a kind and a due time. */
export function caseWarning(cal: Calendar, c: CaseData, nowMs: number): Warning {
  if (needsCompletion(c)) return 'incomplete';
  return warningFor(cal, { status: statusOf(c), kind: kindOf(c), dueAt: text(c, 'dueAt') }, nowMs);
}
