// The workflow rule table of WF1/WF2: for each command who runs it, from which states, to which state.
import type { Actor, CaseData } from './case';
import { relationOf, statusOf } from './case';
import type { Result } from './errors';
import { fail, ok } from './errors';
import type { Status } from './vocabulary';
import { STATUS_LABEL } from './vocabulary';
import { OPEN_STATUSES, needsCompletion } from './completion';

/** The transitions on an existing case; each is also the HTTP path `POST /api/cases/:id/<command>`. */
export const COMMANDS = [
  'reject',
  'answer',
  'assign',
  'accept',
  'return',
  'co-opinion',
  'extension-request',
  'extension-decision',
  'feedback',
  'visit',
  'explain',
  'explanation-decision',
  'spot-check',
  'supervise',
  'supervise-reply',
  'archive',
  'complete',
] as const;
export type CommandName = (typeof COMMANDS)[number];

/** Who runs a command: the office (市营商办), the case's lead unit (牵头单位) or one of its cooperating units (配合单位). */
export type Performer = 'office' | 'lead' | 'co';

export interface CommandRule {
  readonly who: Performer;
  readonly from: readonly Status[];
  /**
   * The state(s) the case may end in; 'unchanged' for the side actions (延期, 督办, 配合意见). visit: by result;
   * explanation-decision: by decision; spot-check: `to` or, with `mayStay`, the state it was in.
   */
  readonly to: readonly Status[] | 'unchanged';
  readonly mayStay?: true;
  readonly label: string;
  /** A condition beyond the state (IMP4 补全: only an imported case that needs it); the refusal says why. */
  readonly only?: { readonly when: (c: CaseData) => boolean; readonly otherwise: string };
}

const ACTIVE: readonly Status[] = ['assigned', 'handling'];

/** WF1/WF2: the one rule table. Anything not listed here is refused with INVALID_STATE. */
export const RULES: { readonly [C in CommandName]: CommandRule } = {
  reject: { who: 'office', from: ['registered'], to: ['rejected'], label: '不予受理' },
  answer: { who: 'office', from: ['registered'], to: ['closed'], label: '即时答复' },
  assign: { who: 'office', from: ['registered', 'returned'], to: ['assigned'], label: '交办' },
  accept: { who: 'lead', from: ['assigned'], to: ['handling'], label: '签收' },
  return: { who: 'lead', from: ACTIVE, to: ['returned'], label: '退回' },
  'co-opinion': { who: 'co', from: ACTIVE, to: 'unchanged', label: '配合意见' },
  'extension-request': { who: 'lead', from: ACTIVE, to: 'unchanged', label: '申请延期' },
  'extension-decision': { who: 'office', from: ACTIVE, to: 'unchanged', label: '延期审批' },
  feedback: { who: 'lead', from: ['handling'], to: ['fedBack'], label: '反馈' },
  visit: { who: 'lead', from: ['fedBack'], to: ['closed', 'unsatisfied'], label: '回访' },
  explain: { who: 'lead', from: ['unsatisfied'], to: ['explained'], label: '作出说明' },
  'explanation-decision': {
    who: 'office',
    from: ['explained'],
    to: ['closed', 'handling', 'transferred'],
    label: '说明处理',
  },
  'spot-check': { who: 'office', from: ['closed', 'archived'], to: ['unsatisfied'], mayStay: true, label: '回头看' },
  // 四(六) 持续追踪: also a case fed back but not yet visited by its unit (回访 is the unit's, WF10)
  supervise: {
    who: 'office',
    from: ['assigned', 'handling', 'fedBack', 'unsatisfied'],
    to: 'unchanged',
    label: '督办',
  },
  'supervise-reply': {
    who: 'lead',
    from: ['assigned', 'handling', 'returned', 'fedBack', 'unsatisfied', 'explained', 'closed', 'transferred'],
    to: 'unchanged',
    label: '督办回复',
  },
  archive: { who: 'office', from: ['closed', 'rejected', 'transferred'], to: ['archived'], label: '归档' },
  complete: {
    who: 'office',
    from: OPEN_STATUSES,
    to: 'unchanged',
    label: '补全信息',
    only: { when: needsCompletion, otherwise: '此诉求不是待补全的导入诉求，交办日期和办理类型已齐全' },
  },
};

/** WF3: registration creates a case; only the office registers. */
export const REGISTER_LABEL = '登记';

export function isCommandName(s: unknown): s is CommandName {
  return typeof s === 'string' && (COMMANDS as readonly string[]).includes(s);
}

export function commandLabel(command: CommandName): string {
  return RULES[command].label;
}

/** WF2: may this actor register a case? viewer → READ_ONLY, unit → FORBIDDEN_ROLE. */
export function mayRegister(actor: Actor): Result<true> {
  if (actor.role === 'viewer') return fail('READ_ONLY');
  if (actor.role !== 'office') return fail('FORBIDDEN_ROLE', `仅市营商办可以执行“${REGISTER_LABEL}”`);
  return ok(true);
}

/**
 * WF1/WF2: may `actor` run `command` on case `c` now? Checks role, relation to the case and state only;
 * the command's input and its own conditions (deadline, round, pending extension …) are checked by applyCommand.
 * Refusal order: READ_ONLY → CASE_NOT_FOUND → FORBIDDEN_ROLE → NOT_LEAD_UNIT / NOT_CO_UNIT → INVALID_STATE.
 */
export function mayRun(actor: Actor, c: CaseData, command: CommandName): Result<true> {
  const rule = RULES[command];
  if (actor.role === 'viewer') return fail('READ_ONLY');
  const relation = relationOf(actor, c);
  // a unit that is neither lead nor cooperating must not learn that the case exists
  if (actor.role === 'unit' && relation === 'other') return fail('CASE_NOT_FOUND');
  if (actor.role === 'office' && rule.who !== 'office') {
    return fail('FORBIDDEN_ROLE', `“${rule.label}”由承办单位执行，市营商办不能执行`);
  }
  if (actor.role === 'unit' && rule.who === 'office') {
    return fail('FORBIDDEN_ROLE', `“${rule.label}”由市营商办执行，承办单位不能执行`);
  }
  if (rule.who === 'lead' && relation !== 'lead') {
    return fail('NOT_LEAD_UNIT', `仅牵头办理单位可以执行“${rule.label}”，配合单位请使用“配合意见”`);
  }
  if (rule.who === 'co' && relation !== 'co') {
    return fail('NOT_CO_UNIT', `仅配合办理单位可以执行“${rule.label}”`);
  }
  const status = statusOf(c);
  if (!rule.from.includes(status)) {
    return fail('INVALID_STATE', `当前办理状态为“${STATUS_LABEL[status]}”，不能执行“${rule.label}”`);
  }
  if (rule.only !== undefined && !rule.only.when(c)) return fail('INVALID_STATE', rule.only.otherwise);
  return ok(true);
}

/** The commands `actor` may run on `c` now (enables the ribbon buttons and the task pane's actions). */
export function allowedCommands(actor: Actor, c: CaseData): CommandName[] {
  return COMMANDS.filter((command) => mayRun(actor, c, command).ok);
}

/** The states a command may lead to from `from` (the table's to-states; `from` itself when unchanged). */
export function toStates(command: CommandName, from: Status): readonly Status[] {
  const rule = RULES[command];
  if (rule.to === 'unchanged') return [from];
  return rule.mayStay === true ? [...rule.to, from] : rule.to;
}
