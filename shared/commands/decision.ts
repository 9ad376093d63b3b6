// 说明处理: the office decides on the unit's explanation — 采纳说明, 二次办理 (四(五)) or 移送纪检监察 (四(六)).
import type { CaseData } from '../case';
import { kindOf, num, text } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import { computeDueAt } from '../deadlines';
import { readInput } from '../contract/read-input';
import { DECISION_LABEL } from '../vocabulary';
import type { CommandContext, FieldChanges, Handler, Outcome } from './types';
import { appendLine, today } from './types';

/** WF23: 采纳说明 → closed; the visit's verdict and the accepted explanation stay on record. */
function acceptExplanation(c: CaseData, note: string | null, ctx: CommandContext): Result<Outcome> {
  const line = appendLine(c, 'explanation', `${today(ctx)} 市营商办采纳说明${note ? `：${note}` : ''}`);
  if (!line.ok) return line;
  return ok({ set: { status: 'closed', explanation: line.value, explanationDecision: '采纳说明' }, note });
}

/**
 * WF11: 二次办理 only in round 1 (ROUND_LIMIT): round 2 with a new time limit counted from now, the same kind; round 1's
 * 办结时限 and feedback time are kept in 首轮办结时限/首轮反馈时间 before they are replaced; the extension allowance starts
 * again (延期次数 is not reset); a note is added to 办理要求.
 */
function redo(c: CaseData, note: string | null, ctx: CommandContext): Result<Outcome> {
  if ((num(c, 'round') ?? 1) >= 2) return fail('ROUND_LIMIT');
  const kind = kindOf(c);
  if (kind === null) return fail('INVALID_STATE', '诉求没有办理类型，不能二次办理');
  const due = computeDueAt(ctx.calendar, kind, ctx.now);
  const set: FieldChanges = {
    status: 'handling',
    round: 2,
    round1DueAt: text(c, 'dueAt'),
    round1FedBackAt: text(c, 'fedBackAt'),
    dueAt: due.dueAt,
    dueNote: due.provisional,
    extensionGranted: 0,
    extensionPending: null,
    fedBackAt: null,
    explanationDecision: '二次办理',
  };
  if (note) {
    const line = appendLine(c, 'assignNote', `${today(ctx)} 二次办理：${note}`);
    if (!line.ok) return line;
    set.assignNote = line.value;
  }
  return ok({ set, note });
}

/** WF12: 移送纪检监察 only after 二次办理 (NOT_SECOND_ROUND), with the ground and the 综合研判 note. */
function transfer(c: CaseData, ground: string, note: string, ctx: CommandContext): Result<Outcome> {
  if ((num(c, 'round') ?? 1) < 2) return fail('NOT_SECOND_ROUND');
  const line = appendLine(c, 'discipline', `${today(ctx)} 移送市纪委监委（${ground}）：${note}`);
  if (!line.ok) return line;
  return ok({
    set: { status: 'transferred', discipline: line.value, transferGround: ground, explanationDecision: '移送纪检监察' },
    note: `${DECISION_LABEL.transfer}（${ground}）：${note}`,
  });
}

/** WF23: the office's decision on an explained case: accept → closed, redo → handling (round 2), transfer → transferred. */
export const explanationDecision: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('explanation-decision', input);
  if (!r.ok) return r;
  const { decision, ground, note } = r.value;
  // WF23: a ground belongs to a transfer only; sent with another decision it would be dropped without a word
  if (decision !== 'transfer' && ground !== null)
    return fail('INVALID_INPUT', '只有“移送纪检监察”需要填写移送原因', 'ground');
  if (decision === 'accept') return acceptExplanation(c, note, ctx);
  if (decision === 'redo') return redo(c, note, ctx);
  // readInput made both required for a transfer (requiredWhen)
  return transfer(c, ground ?? '其他', note ?? '', ctx);
};
