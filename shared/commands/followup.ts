// The lead unit's follow-up after feedback: visit (回访, 四(五)) and explain (作出说明); the office's archive (归档).
import { num, text } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import { readInput } from '../contract/read-input';
import { SATISFIED_RESULTS } from '../vocabulary';
import type { FieldChanges, Handler, Outcome } from './types';
import { appendLine, today } from './types';
import { openSupervisionCode } from './supervision';

/**
 * WF10: the lead unit visits the company (电话回访/实地走访/系统评价) on a date not in the future and not before the
 * 反馈日期: fedBack → closed (非常满意/满意/基本满意) or unsatisfied; a dated line in 回访情况; the first visit's
 * result is kept in 首次回访结果 (never overwritten); the result is the latest word in 最终评价结果 (STAT5).
 */
export const visit: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('visit', input);
  if (!r.ok) return r;
  const { result, method, visitedOn, note } = r.value;
  if (visitedOn > today(ctx)) return fail('DATE_IN_FUTURE', `回访日期不能晚于今天（${today(ctx)}）`, 'visitedOn');
  const fedBackOn = text(c, 'feedbackAt');
  if (fedBackOn !== null && visitedOn < fedBackOn) {
    return fail('DATE_BEFORE_RECEIVED', `回访日期不能早于反馈日期（${fedBackOn}）`, 'visitedOn');
  }
  const line = appendLine(c, 'visit', `${visitedOn} ${method}：${result}${note ? `（${note}）` : ''}`);
  if (!line.ok) return line;
  const status = SATISFIED_RESULTS.includes(result) ? 'closed' : 'unsatisfied';
  const set: FieldChanges = { status, visitResult: result, visit: line.value, finalVerdict: result };
  if (text(c, 'firstVisitResult') === null) set.firstVisitResult = result;
  return ok({ set, note });
};

/** WF22: the lead unit explains an unsatisfied case (≤ 1000 characters): unsatisfied → explained, a dated line. */
export const explain: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('explain', input);
  if (!r.ok) return r;
  const round = num(c, 'round') ?? 1;
  const line = appendLine(c, 'explanation', `${today(ctx)} 第${round}轮情况说明：${r.value.text}`);
  if (!line.ok) return line;
  return ok({ set: { status: 'explained', explanation: line.value }, note: r.value.text });
};

/**
 * WF13/WF27: closed|rejected|transferred → archived, 是否办结归档 = 是; refused while a 督办单 is unanswered
 * (SUPERVISION_OPEN), so no 督办单 stays open forever on an archived case. An optional note goes to the audit log.
 */
export const archive: Handler = (_actor, c, input) => {
  const r = readInput('archive', input);
  if (!r.ok) return r;
  const open = openSupervisionCode(c);
  if (open !== null) {
    return fail('SUPERVISION_OPEN', `督办单${open}尚未回复，不能归档；请牵头办理单位先回复督办`);
  }
  return ok({ set: { status: 'archived', archived: '是' }, note: r.value.note });
};
