// IMP4: 补全信息 — the office gives an imported open case its 办理类型 and 交办日期, which put it under the clock.
import { statusOf, text } from '../case';
import { fail, ok } from '../errors';
import { CLOCK_STATUSES, computeDueAt } from '../deadlines';
import { formatShanghai, parseIsoTime } from '../time';
import { readInput } from '../contract/read-input';
import type { FieldChanges, Handler } from './types';
import { today } from './types';

/**
 * IMP4: kind and 交办日期 (a date: counted from the start of that day, Shanghai), not after today and not before the
 * 受理日期; a case under the clock (assigned, handling) gets its 办结时限 from them, as 交办 would have given it.
 */
export const complete: Handler = (_actor, c, input, ctx) => {
  const r = readInput('complete', input);
  if (!r.ok) return r;
  const { kind, assignedOn } = r.value;
  if (assignedOn > today(ctx)) return fail('DATE_IN_FUTURE', `交办日期不能晚于今天（${today(ctx)}）`, 'assignedOn');
  const received = text(c, 'receivedAt');
  if (received !== null && assignedOn < received) {
    return fail('DATE_BEFORE_RECEIVED', `交办日期不能早于受理日期（${received}）`, 'assignedOn');
  }
  const assignedMs = parseIsoTime(`${assignedOn}T00:00:00+08:00`);
  if (assignedMs === null) return fail('INVALID_DATE', undefined, 'assignedOn');
  const set: FieldChanges = { kind, assignedAt: formatShanghai(assignedMs) };
  if (CLOCK_STATUSES.includes(statusOf(c))) {
    const due = computeDueAt(ctx.calendar, kind, assignedMs);
    set.dueAt = due.dueAt;
    set.dueNote = due.provisional;
  }
  return ok({ set, note: null });
};
