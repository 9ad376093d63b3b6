// WF33: 说明决定期限 — 5 working days for the unit's 说明, then for the office's decision; cleared once decided.
import { describe, expect, it } from 'vitest';
import { withChanges } from '../../shared/commands';
import { applied, caseIn, ctx, lead, office, run } from './command-helpers';

describe('WF33: the clock on unsatisfied and explained', () => {
  it('a 不满意 回访 starts 5 working days for the 说明; explaining starts 5 for the decision; deciding clears it', () => {
    // now 2026-10-12 (Monday): the 5th working day after it is 2026-10-19
    const fed = caseIn('fedBack', { fedBackAt: '2026-10-12T09:00:00+08:00' });
    const visited = applied(run(lead, fed, 'visit', { result: '不满意', method: '电话回访', visitedOn: '2026-10-12' }));
    expect(visited.changes).toMatchObject({ status: 'unsatisfied', followupDueAt: '2026-10-19T23:59:59+08:00' });
    const unsatisfied = withChanges(fed, visited.changes);
    const explained = applied(
      run(lead, unsatisfied, 'explain', { text: '企业要求超出政策' }, ctx('2026-10-16T10:00:00+08:00')),
    );
    // from Friday 2026-10-16: 19, 20, 21, 22, 23
    expect(explained.changes.followupDueAt).toBe('2026-10-23T23:59:59+08:00');
    const waiting = withChanges(unsatisfied, explained.changes);
    const decided = applied(run(office, waiting, 'explanation-decision', { decision: 'accept' }));
    expect(decided.changes).toMatchObject({ status: 'closed', followupDueAt: null });
    // a command that leaves the case waiting does not restart the clock
    const supervised = applied(
      run(office, unsatisfied, 'supervise', { note: '请尽快说明' }, ctx('2026-10-13T10:00:00+08:00', 1)),
    );
    expect('followupDueAt' in supervised.changes).toBe(false);
  });
});
