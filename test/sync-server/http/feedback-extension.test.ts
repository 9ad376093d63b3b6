// WF40 over HTTP: a 反馈 on a case with a pending extension request is refused (409) until it withdraws the request.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench } from './harness';
import { bench } from './harness';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

const FEEDBACK = {
  findings: '经核查，材料要求重复',
  measures: '已一次性告知所需材料',
  feedbackAt: '2026-09-30',
  feedbackMethod: '电话',
  companyVerdict: '满意',
  writtenReply: '否',
  handler: '李四',
  handlerPhone: '0710-6331373',
};

describe('WF40: 反馈 and a pending extension over HTTP', () => {
  it('WF40: refused with EXTENSION_PENDING and nothing changed; withdrawn explicitly, the office has nothing left to decide', async () => {
    const id = await b.assigned();
    await b.run('lead', id, 'accept', {});
    await b.run('lead', id, 'extension-request', {
      amount: 2,
      reason: '需现场核查',
      toldOn: '2026-09-30',
      toldBy: '电话',
    });
    const before = (await b.as('office').get(`/api/cases/${id}`)).body.fields;

    const refused = await b.as('lead').post(`/api/cases/${id}/feedback`, FEEDBACK);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'EXTENSION_PENDING', field: 'withdrawExtension' });
    expect(refused.body.error.message).toContain('撤回待审批的延期申请');
    expect((await b.as('office').get(`/api/cases/${id}`)).body.fields).toEqual(before);

    const f = await b.run('lead', id, 'feedback', { ...FEEDBACK, withdrawExtension: true });
    expect(f).toMatchObject({ status: 'fedBack', extensionPending: null, dueAt: before.dueAt });
    expect(f.extension).toContain('反馈时撤回延期申请（2个工作日）');

    // nothing is stranded: no request waits for a decision the rules no longer allow
    const decide = await b.as('office').post(`/api/cases/${id}/extension-decision`, { approve: true });
    expect(decide.status).toBe(409);
  });

  it('WF40: a withdrawExtension that is not a yes/no is refused as bad input', async () => {
    const id = await b.assigned();
    await b.run('lead', id, 'accept', {});
    for (const bad of ['true', 1, {}, '是']) {
      const r = await b.as('lead').post(`/api/cases/${id}/feedback`, { ...FEEDBACK, withdrawExtension: bad });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
