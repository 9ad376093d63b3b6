// WF40: 反馈 on a case with a pending extension request withdraws it explicitly, or is refused and changes nothing.
import { describe, expect, it } from 'vitest';
import { applied, at, caseIn, code, lead, run } from './command-helpers';
import { nextActions } from '../../shared/next-steps';
import { todoGroups } from '../../shared/todo';
import { EXTENSION_CLOSE_RESERVE } from '../../shared/commands/extension';
import { actors } from './fixtures';

const FEEDBACK = {
  findings: '经查属实',
  measures: '已一次性告知材料并办结',
  feedbackAt: '2026-10-12',
  feedbackMethod: '电话',
  companyVerdict: '满意',
  writtenReply: '否',
};
const pending = () =>
  caseIn('handling', { extensionPending: 2, extension: '2026-10-11 申请延期2个工作日：需现场核查' });

describe('WF40: a pending extension and 反馈', () => {
  it('WF40: 反馈 without withdrawing is refused with EXTENSION_PENDING on 撤回待审批的延期申请, in Chinese', () => {
    for (const withdraw of [undefined, false]) {
      const r = run(lead, pending(), 'feedback', { ...FEEDBACK, withdrawExtension: withdraw });
      expect(code(r)).toBe('EXTENSION_PENDING');
      if (!r.ok) {
        expect(r.error.field).toBe('withdrawExtension');
        expect(r.error.message).toContain('待市营商办审批的延期申请（2个工作日）');
        expect(r.error.message).toContain('撤回待审批的延期申请');
      }
    }
  });

  it('WF40: 反馈 withdrawing it closes the request with a dated 延期情况 line; the deadline is not moved', () => {
    const a = applied(run(lead, pending(), 'feedback', { ...FEEDBACK, withdrawExtension: true }));
    expect(a.changes).toMatchObject({ status: 'fedBack', extensionPending: null });
    expect(a.changes.extension).toBe(
      '2026-10-11 申请延期2个工作日：需现场核查\n2026-10-12 反馈时撤回延期申请（2个工作日），按原办结时限办结',
    );
    expect(a.changes.dueAt).toBeUndefined();
    expect(a.changes.extensionGranted).toBeUndefined();
  });

  it('WF40: without a pending request 撤回 is not needed and writes nothing', () => {
    const a = applied(run(lead, caseIn('handling'), 'feedback', { ...FEEDBACK, withdrawExtension: true }));
    expect(a.changes.status).toBe('fedBack');
    expect(a.changes.extension).toBeUndefined();
    expect(a.changes.extensionPending).toBeUndefined();
  });

  it('WF40: the pane’s 下一步 hints of 反馈 and 退回 say the request will be withdrawn', () => {
    const now = at('2026-10-12T10:00:00+08:00');
    const fb = nextActions(actors.lead, pending(), now).find((x) => x.command === 'feedback');
    expect(fb?.hint).toContain('撤回');
    const plain = nextActions(actors.lead, caseIn('handling'), now).find((x) => x.command === 'feedback');
    expect(plain?.hint).not.toContain('撤回');
    const back = nextActions(actors.lead, pending(), now).find((x) => x.command === 'return');
    expect(back?.hint).toContain('退回时一并撤回');
  });

  it('WF40: 退回 closes a pending request with a dated line; the office is no longer asked to decide it', () => {
    const a = applied(run(lead, pending(), 'return', { reason: '不属于本单位职责' }));
    expect(a.changes).toMatchObject({ status: 'returned', extensionPending: null });
    expect(a.changes.extension).toBe(
      '2026-10-11 申请延期2个工作日：需现场核查\n2026-10-12 退回时撤回延期申请（2个工作日）',
    );
    const now = at('2026-10-12T10:00:00+08:00');
    const kinds = (c: ReturnType<typeof pending>) =>
      todoGroups(actors.office, [c], now)
        .filter((g) => g.cases.length > 0)
        .map((g) => g.kind);
    expect(kinds(pending())).toContain('toDecideExtension');
    // a request left on a fed-back case (before WF40) cannot be decided, so it is not on the office's list
    expect(kinds(caseIn('fedBack', { extensionPending: 2 }))).not.toContain('toDecideExtension');
  });
});

describe('WF41: a request keeps room in 延期情况 for the line that closes it', () => {
  const TOLD = { toldOn: '2026-10-12', toldBy: '电话' };
  const full = (chars: number) => caseIn('handling', { extension: '记'.repeat(chars) });

  it('WF41: a request that would leave no room is refused on 申请理由 with the room left, and changes nothing', () => {
    const r = run(lead, full(1950), 'extension-request', { amount: 2, reason: '需现场核查', ...TOLD });
    expect(code(r)).toBe('TOO_LONG');
    if (!r.ok) {
      expect(r.error.field).toBe('reason');
      expect(r.error.message).toContain(`须为审批结果留出 ${EXTENSION_CLOSE_RESERVE} 字`);
    }
  });

  it('WF41: after the longest request that fits, 反馈 can still withdraw it and the office can still decide it', () => {
    const line = '2026-10-12 申请延期2个工作日：需现场核查；已于 2026-10-12 以电话方式告知企业';
    const room = 2000 - 1 - EXTENSION_CLOSE_RESERVE - line.length - 1;
    const asked = applied(run(lead, full(room), 'extension-request', { amount: 2, reason: '需现场核查', ...TOLD }));
    expect(asked.changes.extensionPending).toBe(2);
    const c = caseIn('handling', { extension: asked.changes.extension ?? null, extensionPending: 2 });
    expect(applied(run(lead, c, 'feedback', { ...FEEDBACK, withdrawExtension: true })).changes.status).toBe('fedBack');
    expect(applied(run(lead, c, 'return', { reason: '不属于本单位职责' })).changes.status).toBe('returned');
    const office = actors.office;
    expect(applied(run(office, c, 'extension-decision', { approve: false })).changes.extensionPending).toBeNull();
    const long = run(office, c, 'extension-decision', { approve: true, note: '意'.repeat(200) });
    expect(code(long)).toBe('TOO_LONG');
    if (!long.ok) expect(long.error.field).toBe('note');
  });
});
