// WF40: 反馈 on a case with a pending extension request withdraws it explicitly, or is refused and changes nothing.
import { describe, expect, it } from 'vitest';
import { applied, at, caseIn, code, lead, run } from './command-helpers';
import { nextActions } from '../../shared/next-steps';
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

  it('WF40: the pane’s 下一步 hint of 反馈 says the request will be withdrawn', () => {
    const now = at('2026-10-12T10:00:00+08:00');
    const fb = nextActions(actors.lead, pending(), now).find((x) => x.command === 'feedback');
    expect(fb?.hint).toContain('撤回');
    const plain = nextActions(actors.lead, caseIn('handling'), now).find((x) => x.command === 'feedback');
    expect(plain?.hint).not.toContain('撤回');
  });
});
