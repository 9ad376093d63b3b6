// Which ribbon button may act now (ADDIN80: the pane's own list, shared/next-steps.ts, for the selected row) and why not.
import type { Actor, CaseData } from '../../shared/case';
import type { Refusal } from '../../shared/errors';
import type { CommandName } from '../../shared/workflow';
import { mayRegister } from '../../shared/workflow';
import { whyNot } from '../../shared/next-steps';
import type { RibbonCommand, RibbonCommandName } from '../commands/names';

export interface RibbonContext {
  /** The signed-in user; null before sign-in. */
  actor: Actor | null;
  /** The case of the selected row; null when the selection is outside the table. */
  selected: CaseData | null;
  /** When the decision is taken (deadlines); now by default. */
  now?: number;
}

/**
 * The workflow commands behind a button. Their performers never overlap (office / lead unit / co unit), so for a given
 * user at most one of them can be allowed: 反馈 is the co unit's 配合意见, 申请延期 the office's 延期审批, 督办 the lead's 督办回复;
 * 回访 (四(五) 回访评价) is the lead unit's 回访 or 作出说明 (never allowed in the same state) and the office's 说明处理 (ADDIN20).
 */
export const BUTTON_COMMANDS: Partial<Record<RibbonCommandName, readonly CommandName[]>> = {
  assign: ['assign'],
  accept: ['accept'],
  feedback: ['feedback', 'co-opinion'],
  'extension-request': ['extension-request', 'extension-decision'],
  visit: ['visit', 'explain', 'explanation-decision'],
  'spot-check': ['spot-check'],
  supervise: ['supervise', 'supervise-reply'],
  archive: ['archive'],
};

export const NOT_SIGNED_IN = '请先点击“连接台账”登录';
export const NO_SELECTION = '请先在“台账”工作表中选中一行诉求';

export type ButtonDecision = { ok: true; command: CommandName | null } | { ok: false; reason: string };

const ROLE_CODES = new Set(['FORBIDDEN_ROLE', 'NOT_LEAD_UNIT', 'NOT_CO_UNIT']);

/** Of several refusals, the one that says most: a wrong state beats a wrong role. */
function bestRefusal(refusals: Refusal[]): string {
  return (refusals.find((r) => !ROLE_CODES.has(r.code)) ?? refusals[0])?.message ?? '当前不能执行此操作';
}

/** Whether `button` may act for this user and row now; the workflow command it runs; or the Chinese reason why not. */
export function decide(button: RibbonCommand, ctx: RibbonContext): ButtonDecision {
  if (button.command === 'connect') return { ok: true, command: null };
  const { actor, selected } = ctx;
  if (actor === null) return { ok: false, reason: NOT_SIGNED_IN };
  if (button.command === 'register') {
    const r = mayRegister(actor);
    return r.ok ? { ok: true, command: null } : { ok: false, reason: r.error.message };
  }
  if (button.command === 'stats') return { ok: true, command: null };
  if (selected === null) return { ok: false, reason: NO_SELECTION };
  if (button.command === 'export') return { ok: true, command: null };
  const commands = BUTTON_COMMANDS[button.command] ?? [];
  const refusals: Refusal[] = [];
  for (const command of commands) {
    // ADDIN80: the same rule as the pane's buttons (ADDIN64), so no button is on that the server would refuse
    const r = whyNot(actor, selected, command, ctx.now ?? Date.now());
    if (r === null) return { ok: true, command };
    refusals.push(r);
  }
  return { ok: false, reason: bestRefusal(refusals) };
}

export function isEnabled(button: RibbonCommand, ctx: RibbonContext): boolean {
  return decide(button, ctx).ok;
}
