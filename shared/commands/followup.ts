// Office follow-up after feedback: visit (回访), second round (二次办理), transfer (移送纪检监察), archive (归档).
import { kindOf, num } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import { computeDueAt } from '../deadlines';
import { readInput } from '../contract/read-input';
import { SATISFIED_RESULTS } from '../vocabulary';
import type { FieldChanges, Handler, Outcome } from './types';
import { appendLine, today } from './types';

/** WF10: fedBack → closed (非常满意/满意/基本满意) or unsatisfied (不满意/非常不满意); a dated line in 回访情况. */
export const visit: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('visit', input);
  if (!r.ok) return r;
  const { result, method, note } = r.value;
  const line = appendLine(c, 'visit', `${today(ctx)} ${method}：${result}${note ? `（${note}）` : ''}`);
  if (!line.ok) return line;
  const status = SATISFIED_RESULTS.includes(result) ? 'closed' : 'unsatisfied';
  return ok({ set: { status, visitResult: result, visit: line.value }, note });
};

/**
 * WF11: unsatisfied (round 1) → handling, round 2, a new time limit counted from now with the same kind, extensions
 * reset, the earlier feedback time cleared (the case is being handled again). A note is added to 办理要求.
 * Round 2 already → ROUND_LIMIT.
 */
export const secondRound: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('second-round', input);
  if (!r.ok) return r;
  const { note } = r.value;
  if ((num(c, 'round') ?? 1) >= 2) return fail('ROUND_LIMIT');
  const kind = kindOf(c);
  if (kind === null) return fail('INVALID_STATE', '诉求没有办理类型，不能二次办理');
  const due = computeDueAt(ctx.calendar, kind, ctx.now);
  const set: FieldChanges = {
    status: 'handling',
    round: 2,
    dueAt: due.dueAt,
    dueNote: due.provisional,
    extensionGranted: 0,
    extensionPending: null,
    fedBackAt: null,
  };
  if (note) {
    const line = appendLine(c, 'assignNote', `${today(ctx)} 二次办理：${note}`);
    if (!line.ok) return line;
    set.assignNote = line.value;
  }
  return ok({ set, note });
};

/** WF12: unsatisfied after the second round → transferred (报送市纪委监委); round 1 → NOT_SECOND_ROUND. */
export const transfer: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('transfer', input);
  if (!r.ok) return r;
  const { note } = r.value;
  if ((num(c, 'round') ?? 1) < 2) return fail('NOT_SECOND_ROUND');
  const line = appendLine(c, 'discipline', `${today(ctx)} 移送市纪委监委：${note}`);
  if (!line.ok) return line;
  return ok({ set: { status: 'transferred', discipline: line.value }, note });
};

/** WF13: closed|rejected|transferred → archived, 是否办结归档 = 是. An optional note goes to the audit log. */
export const archive: Handler = (_actor, _c, input) => {
  const r = readInput('archive', input);
  if (!r.ok) return r;
  const { note } = r.value;
  return ok({ set: { status: 'archived', archived: '是' }, note });
};
