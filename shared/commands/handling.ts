// Lead and co-unit commands while handling: accept (签收), return (退回), feedback (承办单反馈), co-opinion (配合意见).
import type { CaseData } from '../case';
import { formatUnitList, kindOf, num, parseUnitList, text } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import type { FieldValue } from '../fields';
import { checkDateInContext, checkFindingsAndMeasures } from '../validation';
import { readInput } from '../contract/read-input';
import type { FieldChanges, Handler, Outcome } from './types';
import { appendLine, nowIso, today } from './types';
import { extensionAmountLabel } from './extension';

/**
 * WF40: a pending extension request and a 反馈. 四(三): an extension is asked for 因客观原因在规定时限内无法办结 — a unit
 * that feeds back has finished, so the request has no ground left; but it was the unit's own request to the office,
 * so 反馈 withdraws it only when told to (withdrawExtension), never silently. The withdrawal is a dated 延期情况 line.
 */
function withdrawnExtension(c: CaseData, withdraw: boolean | null, day: string): Result<FieldChanges> {
  const asked = pendingLabel(c);
  if (asked === null) return ok({});
  if (withdraw !== true) {
    return fail(
      'EXTENSION_PENDING',
      `本诉求有待市营商办审批的延期申请（${asked}）。反馈即按原办结时限办结：请选择“撤回待审批的延期申请”后再反馈，或等待审批结果`,
      'withdrawExtension',
    );
  }
  return closedExtension(c, `${day} 反馈时撤回延期申请（${asked}），按原办结时限办结`);
}

/** The pending request's amount as the clerk reads it (2个工作日, 12小时); null when none is pending. */
function pendingLabel(c: CaseData): string | null {
  const pending = num(c, 'extensionPending');
  if (pending === null) return null;
  const kind = kindOf(c);
  return kind === null ? String(pending) : extensionAmountLabel(kind, pending);
}

/** WF40: the request closed by a dated 延期情况 line; the request kept room for it (WF41), so this cannot overflow. */
function closedExtension(c: CaseData, line: string): Result<FieldChanges> {
  const log = appendLine(c, 'extension', line);
  if (!log.ok) return log;
  return ok({ extensionPending: null, extension: log.value });
}

/** WF7: assigned → handling (签收). The 经办人 and phone may be given at once. */
export const accept: Handler = (_actor, _c, input) => {
  const r = readInput('accept', input);
  if (!r.ok) return r;
  const { handler, handlerPhone } = r.value;
  const set: FieldChanges = { status: 'handling' };
  if (handler !== null) set.handler = handler;
  if (handlerPhone !== null) set.handlerPhone = handlerPhone;
  return ok({ set, note: null });
};

/**
 * WF8: assigned|handling → returned, with the reason (退回理由). Lead and co units keep seeing the case until re-assigned.
 * The returning unit is added to 退回单位 (STAT3 counts the return at that unit, whoever leads the case later).
 * WF40: a pending extension request leaves with the unit that asked: closed by a dated line, never left undecidable.
 */
export const returnCase: Handler = (actor, c, input, ctx) => {
  const r = readInput('return', input);
  if (!r.ok) return r;
  const { reason } = r.value;
  const by = parseUnitList(c.fields.returnedBy);
  if (actor.unitId !== null && !by.includes(actor.unitId)) by.push(actor.unitId);
  const asked = pendingLabel(c);
  const closed = asked === null ? ok({}) : closedExtension(c, `${today(ctx)} 退回时撤回延期申请（${asked}）`);
  if (!closed.ok) return closed;
  const set = { ...closed.value, status: 'returned', returnReason: reason, returnedBy: formatUnitList(by) };
  return ok({ set, note: reason });
};

/**
 * WF9/WF26: handling → fedBack (承办单). 要求书面答复 是/否 is required; 是 needs 反馈方式 书面. findings + measures required, ≤ 2000 together; feedbackAt not in the future and not
 * before the assignment date; 不满意 needs dissatisfaction and nextPlan; 经办人 and phone from the input or the case.
 */
export const feedback: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('feedback', input);
  if (!r.ok) return r;
  const { findings, measures, feedbackAt, feedbackMethod, companyVerdict, writtenReply, dissatisfaction, nextPlan } =
    r.value;
  if (writtenReply === '是' && feedbackMethod !== '书面') {
    return fail(
      'INVALID_CHOICE',
      '企业要求书面答复的，“反馈方式”须为“书面”（附件2：投诉人要求书面反馈时，办理单位应书面反馈）',
      'feedbackMethod',
    );
  }
  const tooLong = checkFindingsAndMeasures(findings, measures);
  if (tooLong !== null) return { ok: false, error: tooLong };
  const badDate = checkDateInContext(c, 'feedbackAt', feedbackAt, today(ctx));
  if (badDate !== null) return { ok: false, error: badDate };
  const handler: FieldValue = r.value.handler ?? text(c, 'handler');
  const handlerPhone: FieldValue = r.value.handlerPhone ?? text(c, 'handlerPhone');
  if (handler === null) return fail('REQUIRED', '“经办人”为必填项（承办单必填）', 'handler');
  if (handlerPhone === null) return fail('REQUIRED', '“经办人电话”为必填项（承办单必填）', 'handlerPhone');
  const withdrawn = withdrawnExtension(c, r.value.withdrawExtension, today(ctx));
  if (!withdrawn.ok) return withdrawn;
  return ok({
    set: {
      ...withdrawn.value,
      status: 'fedBack',
      findings,
      measures,
      feedbackAt,
      feedbackMethod,
      companyVerdict,
      writtenReply,
      dissatisfaction,
      nextPlan,
      handler,
      handlerPhone,
      fedBackAt: nowIso(ctx),
    },
    note: null,
  });
};

/** WF18: a cooperating unit adds its opinion: '[单位名 2026-10-10] text' appended to coOpinions. */
export const coOpinion: Handler = (actor, c, input, ctx) => {
  const r = readInput('co-opinion', input);
  if (!r.ok) return r;
  const opinion = r.value.text;
  const unitId = actor.unitId ?? '';
  const name = ctx.unitName(unitId) ?? unitId;
  const line = appendLine(c, 'coOpinions', `[${name} ${today(ctx)}] ${opinion}`);
  if (!line.ok) return line;
  return ok({ set: { coOpinions: line.value }, note: opinion });
};
