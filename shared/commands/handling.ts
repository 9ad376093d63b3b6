// Lead and co-unit commands while handling: accept (签收), return (退回), feedback (承办单反馈), co-opinion (配合意见).
import { text } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import type { FieldValue } from '../fields';
import { InputReader, checkDateInContext, checkFindingsAndMeasures } from '../validation';
import type { FieldChanges, Handler, Outcome } from './types';
import { appendLine, inputRefused, nowIso, today } from './types';
import { textArgs } from './inputs';

/** WF7: assigned → handling (签收). The 经办人 and phone may be given at once. */
export const accept: Handler = (_actor, _c, input) => {
  const r = new InputReader(input);
  r.allowKeys(['handler', 'handlerPhone']);
  const handler = r.field('handler', 'handler');
  const handlerPhone = r.field('handlerPhone', 'handlerPhone');
  if (r.error !== null) return inputRefused(r);
  const set: FieldChanges = { status: 'handling' };
  if (handler !== null) set.handler = handler;
  if (handlerPhone !== null) set.handlerPhone = handlerPhone;
  return ok({ set, note: null });
};

/** WF8: assigned|handling → returned, with the reason (退回理由). Lead and co units keep seeing the case until re-assigned. */
export const returnCase: Handler = (_actor, _c, input) => {
  const r = new InputReader(input);
  r.allowKeys(['reason']);
  const reason = r.text('reason', ...textArgs('return', 'reason'), true);
  if (r.error !== null || reason === null) return inputRefused(r);
  return ok({ set: { status: 'returned', returnReason: reason }, note: reason });
};

const FEEDBACK_KEYS = [
  'findings', 'measures', 'feedbackAt', 'feedbackMethod', 'companyVerdict', 'dissatisfaction', 'nextPlan', 'handler', 'handlerPhone',
] as const;

/**
 * WF9: handling → fedBack (承办单). findings + measures required, ≤ 2000 together; feedbackAt not in the future and not
 * before the assignment date; 不满意 needs dissatisfaction and nextPlan; 经办人 and phone from the input or the case.
 */
export const feedback: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = new InputReader(input);
  r.allowKeys(FEEDBACK_KEYS);
  const findings = r.field('findings', 'findings', true);
  const measures = r.field('measures', 'measures', true);
  const feedbackAt = r.field('feedbackAt', 'feedbackAt', true);
  const feedbackMethod = r.field('feedbackMethod', 'feedbackMethod', true);
  const companyVerdict = r.field('companyVerdict', 'companyVerdict', true);
  const dissatisfaction = r.field('dissatisfaction', 'dissatisfaction');
  const nextPlan = r.field('nextPlan', 'nextPlan');
  const handlerInput = r.field('handler', 'handler');
  const phoneInput = r.field('handlerPhone', 'handlerPhone');
  if (r.error !== null || typeof feedbackAt !== 'string') return inputRefused(r);

  const tooLong = checkFindingsAndMeasures(findings, measures);
  if (tooLong !== null) return { ok: false, error: tooLong };
  const badDate = checkDateInContext(c, 'feedbackAt', feedbackAt, today(ctx));
  if (badDate !== null) return { ok: false, error: badDate };
  if (companyVerdict === '不满意') {
    if (dissatisfaction === null) return fail('REQUIRED', '企业不满意时“不满意原因”为必填项', 'dissatisfaction');
    if (nextPlan === null) return fail('REQUIRED', '企业不满意时“下一步计划”为必填项', 'nextPlan');
  }
  const handler: FieldValue = handlerInput ?? text(c, 'handler');
  const handlerPhone: FieldValue = phoneInput ?? text(c, 'handlerPhone');
  if (handler === null) return fail('REQUIRED', '“经办人”为必填项（承办单必填）', 'handler');
  if (handlerPhone === null) return fail('REQUIRED', '“经办人电话”为必填项（承办单必填）', 'handlerPhone');
  return ok({
    set: {
      status: 'fedBack', findings, measures, feedbackAt, feedbackMethod, companyVerdict, dissatisfaction, nextPlan,
      handler, handlerPhone, fedBackAt: nowIso(ctx),
    },
    note: null,
  });
};

/** WF18: a cooperating unit adds its opinion: '[单位名 2026-10-10] text' appended to coOpinions. */
export const coOpinion: Handler = (actor, c, input, ctx) => {
  const r = new InputReader(input);
  r.allowKeys(['text']);
  const opinion = r.text('text', ...textArgs('co-opinion', 'text'), true);
  if (r.error !== null || opinion === null) return inputRefused(r);
  const unitId = actor.unitId ?? '';
  const name = ctx.unitName(unitId) ?? unitId;
  const line = appendLine(c, 'coOpinions', `[${name} ${today(ctx)}] ${opinion}`);
  if (!line.ok) return line;
  return ok({ set: { coOpinions: line.value }, note: opinion });
};
