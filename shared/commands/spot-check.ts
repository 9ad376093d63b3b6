// 回头看: the office's own satisfaction check (四(五) 随机抽查 … “回头看”) on a closed or archived case.
import { num, statusOf, text } from '../case';
import type { Result } from '../errors';
import { ok } from '../errors';
import { readInput } from '../contract/read-input';
import { SATISFIED_RESULTS } from '../vocabulary';
import type { FieldChanges, Handler, Outcome } from './types';
import { appendLine, today } from './types';

/**
 * WF24: a dated line in 回头看情况, 回头看结果, 回头看次数 and 最终评价结果 (STAT5); nothing else of an archived case changes. 不满意/非常不满意
 * on a closed case with a lead unit reopens it to unsatisfied (the unit must explain, WF22); on an archived case, or on
 * one answered at once (即时答复, no unit to explain), the result is recorded and counted only.
 */
export const spotCheck: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('spot-check', input);
  if (!r.ok) return r;
  const { result, method, note } = r.value;
  const line = appendLine(c, 'spotCheck', `${today(ctx)} 回头看（${method}）：${result}${note ? `（${note}）` : ''}`);
  if (!line.ok) return line;
  const set: FieldChanges = {
    spotCheck: line.value,
    spotCheckResult: result,
    spotCheckCount: (num(c, 'spotCheckCount') ?? 0) + 1,
    finalVerdict: result, // STAT5: the latest word, until a later 回访 (after a reopening) gives another
  };
  const reopen = !SATISFIED_RESULTS.includes(result) && statusOf(c) === 'closed' && text(c, 'leadUnit') !== null;
  if (reopen) set.status = 'unsatisfied';
  const why = reopen ? `回头看${result}，重新要求承办单位作出说明` : null;
  return ok({ set, note: [why, note].filter((x) => x !== null && x !== '').join('；') || null });
};
