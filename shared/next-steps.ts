// ADDIN64: the actions a clerk can take on a case now — allowed by the rule table AND by the command's own conditions —
// in the order of the usual next step, with a one-line 下一步 hint each.
import type { Actor, CaseData } from './case';
import { kindOf, num, text } from './case';
import { openSupervisionCode } from './commands/supervision';
import { KIND_LIMIT } from './deadlines';
import { parseIsoTime } from './time';
import type { CommandName } from './workflow';
import { allowedCommands, mayRun } from './workflow';
import type { Refusal } from './errors';
import { refusal } from './errors';

/** The usual next step first; the side actions after; the destructive ones (不予受理, 退回) last. */
const ORDER: readonly CommandName[] = [
  'accept',
  'assign',
  'feedback',
  'visit',
  'explain',
  'explanation-decision',
  'extension-decision',
  'supervise-reply',
  'co-opinion',
  'answer',
  'complete',
  'extension-request',
  'supervise',
  'spot-check',
  'archive',
  'return',
  'reject',
];

/** Actions that end or hand back the case: shown last and marked. */
export const DESTRUCTIVE: readonly CommandName[] = ['return', 'reject'];

/** 下一步: one line on what the action does next. */
export const NEXT_HINT: { readonly [C in CommandName]: string } = {
  assign: '指定牵头单位和办理类型，办理时限从交办时起算',
  reject: '不属于受理范围时使用，诉求随即结束',
  answer: '咨询类当场答复企业，诉求即办结',
  accept: '确认由本单位牵头办理并填写经办人',
  return: '不属于本单位职责时退回市营商办重新交办',
  'co-opinion': '向牵头单位提交配合办理意见',
  'extension-request': '在办结时限前申请延长，并告知企业',
  'extension-decision': '同意或不同意承办单位的延期申请',
  feedback: '填写承办单，反馈核查和办理情况',
  visit: '回访企业，记录满意度',
  explain: '企业不满意：说明情况和下一步计划',
  'explanation-decision': '采纳说明、二次办理或移送纪检监察',
  'spot-check': '回头看：再次回访已办结的诉求',
  supervise: '下发督办单，承办单位须在 5 日内回复',
  'supervise-reply': '答复市营商办的督办单',
  archive: '办结后归档',
  complete: '补全导入诉求的交办日期和办理类型',
};

/**
 * ADDIN80: the command's own condition beyond the state (what its handler would refuse), as the handler's refusal;
 * null when it can succeed.
 */
export function conditionRefusal(command: CommandName, c: CaseData, nowMs: number): Refusal | null {
  switch (command) {
    case 'extension-decision':
      return num(c, 'extensionPending') === null ? refusal('NO_PENDING_EXTENSION') : null;
    case 'supervise-reply':
      return openSupervisionCode(c) === null ? refusal('NO_OPEN_SUPERVISION') : null;
    case 'supervise':
    case 'archive':
      // an unanswered 督办单 blocks a new one and the archiving (WF27)
      return openSupervisionCode(c) === null ? null : refusal('SUPERVISION_OPEN');
    case 'extension-request': {
      if (num(c, 'extensionPending') !== null)
        return refusal('EXTENSION_PENDING', '已有待审批的延期申请，请等待市营商办审批');
      const kind = kindOf(c);
      if (kind === null) return refusal('INVALID_STATE', '诉求尚未确定办理类型，不能办理延期');
      if ((num(c, 'extensionGranted') ?? 0) >= KIND_LIMIT[kind].amount)
        return refusal('EXTENSION_TOO_LONG', '已批准的延期已达原办理时限的1倍，不能再申请延期');
      const due = parseIsoTime(text(c, 'dueAt') ?? '');
      return due === null || Math.floor(nowMs / 1000) * 1000 <= due ? null : refusal('DEADLINE_PASSED');
    }
    default:
      return null;
  }
}

/** ADDIN80: why `actor` cannot run `command` on `c` now (the rule table first, then the command's condition); null if it can. */
export function whyNot(actor: Actor, c: CaseData, command: CommandName, nowMs: number): Refusal | null {
  const r = mayRun(actor, c, command);
  return r.ok ? conditionRefusal(command, c, nowMs) : r.error;
}

/** WF40: 反馈 on a case with a pending extension request withdraws it — said before the form opens. */
export const FEEDBACK_WITHDRAWS = '有待审批的延期申请：反馈时须撤回该申请，按原时限办结';

/** WF40: 退回 closes a pending request by itself — said before the form opens. */
export const RETURN_WITHDRAWS = '有待审批的延期申请：退回时一并撤回';

function hintFor(command: CommandName, c: CaseData): string {
  if (command === 'feedback' && num(c, 'extensionPending') !== null) return FEEDBACK_WITHDRAWS;
  if (command === 'return' && num(c, 'extensionPending') !== null) return RETURN_WITHDRAWS;
  return NEXT_HINT[command];
}

export interface NextAction {
  readonly command: CommandName;
  /** The first of the list: the usual next step, shown as the primary button. */
  readonly primary: boolean;
  readonly destructive: boolean;
  readonly hint: string;
}

/** ADDIN64: what `actor` can do on `c` at `nowMs`, in order; never an action its handler would refuse for its state. */
export function nextActions(actor: Actor, c: CaseData, nowMs: number): NextAction[] {
  const allowed = new Set(allowedCommands(actor, c).filter((cmd) => conditionRefusal(cmd, c, nowMs) === null));
  const ordered = ORDER.filter((cmd) => allowed.has(cmd));
  return ordered.map((command, i) => ({
    command,
    primary: i === 0 && !DESTRUCTIVE.includes(command),
    destructive: DESTRUCTIVE.includes(command),
    hint: hintFor(command, c),
  }));
}
