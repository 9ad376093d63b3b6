// ADDIN61: the 待办 groups of each role, computed from the cases, the actor and the time (pure).
import { describe, expect, it } from 'vitest';
import type { CaseData } from '../../shared/case';
import type { FieldValue } from '../../shared/fields';
import type { Status } from '../../shared/vocabulary';
import { todoGroups, todoTotal } from '../../shared/todo';
import { at, caseIn } from './command-helpers';
import { CO, OTHER, actors } from './fixtures';

const NOW = at('2026-10-12T10:00:00+08:00');

function one(id: string, status: Status, extra: Record<string, FieldValue> = {}): CaseData {
  const c = caseIn(status, extra);
  return { id, fields: c.fields };
}

/** `label: ids` of every group, to read the whole list at a glance. */
function shown(groups: ReturnType<typeof todoGroups>): string[] {
  return groups.map((g) => `${g.label}: ${g.cases.map((c) => c.id).join(',')}`);
}

const CASES = [
  one('new', 'registered'),
  one('back', 'returned', { returnReason: '不属于本单位职责' }),
  one('got', 'assigned', { warning: 'normal' }),
  one('late', 'handling', { warning: 'overdue', dueAt: '2026-10-09T23:59:59+08:00' }),
  one('soon', 'handling', { warning: 'dueSoon', extensionPending: 3 }),
  one('asked-then-fed', 'fedBack', { extensionPending: 2 }),
  one('unhappy', 'unsatisfied', { supervisionDueAt: '2026-10-15T23:59:59+08:00', supervision: '〔2026〕督1号 …' }),
  one('said', 'explained', { supervisionDueAt: '2026-10-11T23:59:59+08:00', supervision: '〔2026〕督2号 …' }),
  one('done', 'closed'),
  one('elsewhere', 'handling', { leadUnit: OTHER, coUnits: CO, warning: 'overdue' }),
];

describe('ADDIN61: the to-do list of each role', () => {
  it('ADDIN61, WF40: the office sees what waits for it — 交办, a pending extension it can decide, 说明, 督办, 预警', () => {
    expect(shown(todoGroups(actors.office, CASES, NOW))).toEqual([
      '待交办: back,new',
      '待审批延期: soon',
      '待决定说明: said',
      '待决定（已逾期）: ',
      '督办待回复: said',
      '待说明（已逾期）: ',
      '超期: late,elsewhere',
      '临期: soon',
    ]);
  });

  it('ADDIN61: a 督办单 becomes the office’s to-do only once its reply deadline has passed', () => {
    const before = todoGroups(actors.office, CASES, at('2026-10-11T23:59:59+08:00'));
    expect(before.find((g) => g.kind === 'supervisionLate')?.cases).toEqual([]);
    const after = todoGroups(actors.office, CASES, at('2026-10-16T00:00:00+08:00'));
    expect(after.find((g) => g.kind === 'supervisionLate')?.cases.map((c) => c.id)).toEqual(['said', 'unhappy']);
  });

  it('ADDIN61: the lead unit sees its own next steps; a cooperating unit only the cases overdue', () => {
    expect(shown(todoGroups(actors.lead, CASES, NOW))).toEqual([
      '待签收: got',
      '待反馈: late,soon',
      '待回访: asked-then-fed',
      '待说明: unhappy',
      '待说明（已逾期）: ',
      '督办待回复: said,unhappy',
      '超期: late',
    ]);
    expect(shown(todoGroups(actors.co, CASES, NOW))).toEqual([
      '待签收: ',
      '待反馈: ',
      '待回访: ',
      '待说明: ',
      '待说明（已逾期）: ',
      '督办待回复: ',
      '超期: late,elsewhere',
    ]);
  });

  it('ADDIN61: a unit’s list holds only the cases it leads or helps; viewers have no to-do', () => {
    const other = todoGroups(actors.other, CASES, NOW);
    expect(other.find((g) => g.kind === 'toFeedback')?.cases.map((c) => c.id)).toEqual(['elsewhere']);
    expect(todoTotal(other)).toBe(1);
    expect(other.find((g) => g.kind === 'overdue')?.cases.map((c) => c.id)).toEqual(['elsewhere']);
    expect(todoGroups(actors.viewer, CASES, NOW)).toEqual([]);
  });

  it('ADDIN61: the total counts a case once even when it waits at two steps', () => {
    const groups = todoGroups(actors.office, CASES, NOW);
    expect(groups.reduce((n, g) => n + g.cases.length, 0)).toBe(8);
    expect(todoTotal(groups)).toBe(6);
    expect(todoTotal(todoGroups(actors.office, [], NOW))).toBe(0);
  });

  it('ADDIN61: hostile field values neither break nor sneak a case into a group', () => {
    const odd = [
      one('__proto__', 'registered'),
      {
        id: 'weird',
        fields: { status: 'toString', warning: 'constructor', extensionPending: 'x', supervisionDueAt: '=1+1' },
      },
    ] as CaseData[];
    const groups = todoGroups(actors.office, odd, NOW);
    // an unknown status reads as 已登记 (statusOf), so it waits for 交办 like any new case
    expect(shown(groups)).toEqual([
      '待交办: __proto__,weird',
      '待审批延期: ',
      '待决定说明: ',
      '待决定（已逾期）: ',
      '督办待回复: ',
      '待说明（已逾期）: ',
      '超期: ',
      '临期: ',
    ]);
  });
});

describe('WF33: cases waiting for the 说明 or the decision are flagged once past 说明决定期限', () => {
  const waiting = [
    one('u-late', 'unsatisfied', { followupDueAt: '2026-10-09T23:59:59+08:00' }),
    one('u-ok', 'unsatisfied', { followupDueAt: '2026-10-14T23:59:59+08:00' }),
    one('e-late', 'explained', { followupDueAt: '2026-10-12T09:59:59+08:00' }),
    one('e-ok', 'explained', { followupDueAt: '2026-10-12T10:00:00+08:00' }),
    one('closed-late', 'closed', { followupDueAt: '2026-10-01T23:59:59+08:00' }),
  ];
  const ids = (groups: ReturnType<typeof todoGroups>, kind: string) =>
    groups.find((g) => g.kind === kind)?.cases.map((c) => c.id);
  it('the lead unit sees its late 说明; the office sees late 说明 and its own late decisions', () => {
    const lead = todoGroups(actors.lead, waiting, NOW);
    expect(ids(lead, 'toExplain')).toEqual(['u-late', 'u-ok']);
    expect(ids(lead, 'explanationLate')).toEqual(['u-late']);
    const office = todoGroups(actors.office, waiting, NOW);
    expect(ids(office, 'explanationLate')).toEqual(['u-late']);
    expect(ids(office, 'toDecideExplanation')).toEqual(['e-late', 'e-ok']);
    expect(ids(office, 'decisionLate')).toEqual(['e-late']);
  });
});
