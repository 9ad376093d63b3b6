// WF40 in the pane: the 反馈 form of a case with a pending extension shows the request and asks for its withdrawal.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../addin/client/api';
import { collectInput, formSpec } from '../../../addin/taskpane/forms';
import type { Bench } from '../../sync-server/http/harness';
import { bench } from '../../sync-server/http/harness';

const TODAY = '2026-09-30';
let b: Bench;
beforeEach(async () => {
  b = await bench();
});

const lead = () =>
  new ApiClient({
    baseUrl: 'http://t',
    token: b.tokens.lead,
    fetch: async (input, init) => b.app.request(new URL(String(input)).pathname, init),
  });

const VALUES = {
  findings: '经核查，材料要求重复',
  measures: '已一次性告知所需材料',
  feedbackAt: TODAY,
  feedbackMethod: '电话',
  companyVerdict: '满意',
  writtenReply: '否',
  handler: '李四',
  handlerPhone: '0710-6331373',
};

describe('WF40: the 反馈 form and a pending extension', () => {
  it('WF40: the form names the request, requires the withdrawal, and the withdrawn 反馈 is accepted', async () => {
    const id = await b.assigned();
    await b.run('lead', id, 'accept', {});
    const plainCase = await lead().getCase(id);
    const plain = formSpec('feedback', { case: { id, fields: plainCase.fields }, units: [], today: TODAY });
    expect(plain.fields.map((f) => f.key)).not.toContain('withdrawExtension');
    expect(plain.context).toBeUndefined();

    await b.run('lead', id, 'extension-request', { amount: 2, reason: '需现场核查', toldOn: TODAY, toldBy: '电话' });
    const c = await lead().getCase(id);
    const spec = formSpec('feedback', { case: { id, fields: c.fields }, units: [], today: TODAY });
    expect(spec.context).toContain('有待审批的延期申请（2 个工作日）：反馈将撤回该申请');
    const field = spec.fields.find((f) => f.key === 'withdrawExtension');
    expect(field).toMatchObject({ required: true, kind: 'yesno' });
    expect(field?.choices?.map((x) => x.label)).toEqual(['撤回延期申请，按原时限反馈', '不撤回（等待审批后再反馈）']);

    const missing = collectInput(spec, VALUES);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.problems.map((p) => p.field)).toEqual(['withdrawExtension']);

    const kept = collectInput(spec, { ...VALUES, withdrawExtension: 'no' });
    if (!kept.ok || kept.kind !== 'feedback') throw new Error('the form should collect');
    await expect(lead().run(id, 'feedback', kept.input)).rejects.toMatchObject({
      code: 'EXTENSION_PENDING',
      field: 'withdrawExtension',
    });

    const withdrawn = collectInput(spec, { ...VALUES, withdrawExtension: 'yes' });
    if (!withdrawn.ok || withdrawn.kind !== 'feedback') throw new Error('the form should collect');
    const after = await lead().run(id, 'feedback', withdrawn.input);
    expect(after.fields).toMatchObject({ status: 'fedBack', extensionPending: null });
  });
});
