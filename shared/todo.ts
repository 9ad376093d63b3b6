// ADDIN60/ADDIN61: the role-based to-do list (待办) of the task pane — which cases wait for this actor, by step.
import type { Actor, CaseData } from './case';
import { num, relationOf, statusOf, text } from './case';
import { followupOverdue } from './followup-clock';
import { parseIsoTime } from './time';

/** The steps a clerk may have to take, in the order the pane lists them. */
export const TODO_KINDS = [
  'toAssign',
  'toDecideExtension',
  'toDecideExplanation',
  'decisionLate',
  'supervisionLate',
  'explanationLate',
  'toAccept',
  'toFeedback',
  'toVisit',
  'toExplain',
  'toReplySupervision',
  'overdue',
  'dueSoon',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const TODO_LABEL: { readonly [K in TodoKind]: string } = {
  toAssign: '待交办',
  toDecideExtension: '待审批延期',
  toDecideExplanation: '待决定说明',
  decisionLate: '待决定（已逾期）',
  supervisionLate: '督办待回复',
  explanationLate: '待说明（已逾期）',
  toAccept: '待签收',
  toFeedback: '待反馈',
  toVisit: '待回访',
  toExplain: '待说明',
  toReplySupervision: '督办待回复',
  overdue: '超期',
  dueSoon: '临期',
};

export interface TodoGroup {
  readonly kind: TodoKind;
  readonly label: string;
  /** The cases waiting at this step, the earliest 办结时限 (or 督办回复期限) first. */
  readonly cases: readonly CaseData[];
}

type Test = (c: CaseData, nowMs: number) => boolean;

const openSupervision = (c: CaseData): boolean => text(c, 'supervisionDueAt') !== null;
const supervisionPastDue: Test = (c, nowMs) => {
  const due = parseIsoTime(text(c, 'supervisionDueAt') ?? '');
  return due !== null && Math.floor(nowMs / 1000) * 1000 > due;
};
const status =
  (...states: string[]): Test =>
  (c) =>
    states.includes(statusOf(c));

/** The office's list: what waits for 市营商办, then the 预警 of every case. */
const OFFICE: readonly [TodoKind, Test][] = [
  ['toAssign', status('registered', 'returned')],
  // WF40: only a request the office can still decide (延期审批 runs on assigned and handling cases)
  ['toDecideExtension', (c, now) => num(c, 'extensionPending') !== null && status('assigned', 'handling')(c, now)],
  ['toDecideExplanation', status('explained')],
  ['decisionLate', (c, now) => followupOverdue(c, now) === 'decision'],
  ['supervisionLate', (c, now) => openSupervision(c) && supervisionPastDue(c, now)],
  ['explanationLate', (c, now) => followupOverdue(c, now) === 'explanation'],
  ['overdue', (c) => c.fields.warning === 'overdue'],
  ['dueSoon', (c) => c.fields.warning === 'dueSoon'],
];

/** A unit's list: the lead unit's steps (a cooperating unit only sees the deadline), then 超期. */
const UNIT: readonly [TodoKind, Test, 'lead' | 'seen'][] = [
  ['toAccept', status('assigned'), 'lead'],
  ['toFeedback', status('handling'), 'lead'],
  ['toVisit', status('fedBack'), 'lead'],
  ['toExplain', status('unsatisfied'), 'lead'],
  ['explanationLate', (c, now) => followupOverdue(c, now) === 'explanation', 'lead'],
  ['toReplySupervision', openSupervision, 'lead'],
  ['overdue', (c) => c.fields.warning === 'overdue', 'seen'],
];

/** WF33: the steps waiting on 说明决定期限 rather than 办结时限. */
const FOLLOWUP_KINDS: readonly TodoKind[] = ['toDecideExplanation', 'decisionLate', 'toExplain', 'explanationLate'];

function sortKey(kind: TodoKind, c: CaseData): number {
  const at =
    kind === 'supervisionLate' || kind === 'toReplySupervision'
      ? 'supervisionDueAt'
      : FOLLOWUP_KINDS.includes(kind)
        ? 'followupDueAt'
        : 'dueAt';
  return parseIsoTime(text(c, at) ?? '') ?? Number.MAX_SAFE_INTEGER;
}

function group(kind: TodoKind, cases: CaseData[]): TodoGroup {
  const seq = (c: CaseData) => num(c, 'seq') ?? Number.MAX_SAFE_INTEGER;
  // the earliest deadline first; without one (待交办), in the order of registration
  const sorted = [...cases].sort(
    (a, b) => sortKey(kind, a) - sortKey(kind, b) || seq(a) - seq(b) || (a.id < b.id ? -1 : 1),
  );
  return { kind, label: TODO_LABEL[kind], cases: sorted };
}

/**
 * ADDIN61: the to-do groups of `actor` over the cases it sees, every group of its role (empty ones included, so the
 * counts read 0), at `nowMs` (a 督办单 is 待回复 for the office only once its reply is late). Viewers have none.
 */
export function todoGroups(actor: Actor, cases: readonly CaseData[], nowMs: number): TodoGroup[] {
  if (actor.role === 'office') {
    return OFFICE.map(([kind, test]) =>
      group(
        kind,
        cases.filter((c) => test(c, nowMs)),
      ),
    );
  }
  if (actor.role !== 'unit') return [];
  return UNIT.map(([kind, test, who]) => {
    const mine = cases.filter((c) => {
      const rel = relationOf(actor, c);
      return (who === 'lead' ? rel === 'lead' : rel !== 'other') && test(c, nowMs);
    });
    return group(kind, mine);
  });
}

/** ADDIN61: how many cases wait for the actor (a case in two groups counts once) — the number in the pane's title. */
export function todoTotal(groups: readonly TodoGroup[]): number {
  return new Set(groups.flatMap((g) => g.cases.map((c) => c.id))).size;
}
