// The pane's forms: Chinese labels and dropdowns per command, length counters, and inputs the server accepts (WF3–WF18).
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../addin/client/api';
import type { FormKind, FormValues } from '../../../addin/taskpane/forms';
import { collectInput, counters, formSpec } from '../../../addin/taskpane/forms';
import type { CaseData } from '../../../shared/case';
import { COMMANDS } from '../../../shared/workflow';
import type { Bench } from '../../sync-server/http/harness';
import { bench } from '../../sync-server/http/harness';

const TODAY = '2026-09-30';
let b: Bench;
beforeEach(async () => {
  b = await bench();
});

const api = (who: keyof Bench['tokens']) =>
  new ApiClient({
    baseUrl: 'http://t',
    token: b.tokens[who],
    fetch: async (input, init) => b.app.request(new URL(String(input)).pathname, init),
  });

async function theCase(id: string): Promise<CaseData> {
  const c = await api('office').getCase(id);
  return { id: c.id, fields: c.fields };
}

/** Fills a command's form like a clerk would and submits it through the API client. */
async function submit(who: keyof Bench['tokens'], kind: FormKind, caseId: string | null, values: FormValues) {
  const spec = formSpec(kind, {
    case: caseId === null ? null : await theCase(caseId),
    units: await api('office').units(),
    today: TODAY,
  });
  const initial: FormValues = Object.fromEntries(
    spec.fields.filter((f) => f.initial !== undefined).map((f) => [f.key, f.initial as string]),
  );
  const collected = collectInput(spec, { ...initial, ...values });
  if (!collected.ok) throw new Error(`${kind}: ${collected.message}`);
  if (collected.kind === 'register') return (await api(who).register(collected.input)).id;
  await api(who).run(caseId as string, collected.kind, collected.input);
  return caseId as string;
}

describe('ADDIN3: forms', () => {
  it('exist for every command, in Chinese, with dropdowns for the enumerations', () => {
    for (const kind of ['register', ...COMMANDS] as FormKind[]) {
      const spec = formSpec(kind, { case: null, units: [{ id: 'u1', name: '市税务局' }], today: TODAY });
      expect(spec.title).toMatch(/[\u4e00-\u9fff]/);
      for (const f of spec.fields) expect(f.label).toMatch(/[\u4e00-\u9fff]/);
    }
    const reg = formSpec('register', { case: null, units: [], today: TODAY });
    expect(reg.fields.find((f) => f.key === 'channel')?.choices).toHaveLength(8);
    expect(reg.fields.find((f) => f.key === 'category')?.choices).toHaveLength(14);
    expect(reg.fields.find((f) => f.key === 'receivedAt')?.initial).toBe(TODAY);
    expect(formSpec('reject', { case: null, units: [], today: TODAY }).fields[0]?.choices).toHaveLength(9);
    expect(formSpec('visit', { case: null, units: [], today: TODAY }).fields[0]?.choices?.map((c) => c.label)).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
    const assign = formSpec('assign', { case: null, units: [{ id: 'u1', name: '市税务局' }], today: TODAY });
    expect(assign.fields.find((f) => f.key === 'leadUnit')?.choices).toEqual([{ value: 'u1', label: '市税务局' }]);
    expect(assign.fields.find((f) => f.key === 'kind')?.choices?.map((c) => c.label)).toEqual([
      '咨询类',
      '一般诉求',
      '疑难诉求',
    ]);
    expect(formSpec('accept', { case: null, units: [], today: TODAY }).confirm).toContain('签收');
    expect(formSpec('archive', { case: null, units: [], today: TODAY }).confirm).toContain('归档');
  });

  it('VAL4: count 核查情况 + 办理情况 together (≤ 2000) and 不满意原因 / 下一步计划 (≤ 500 each)', () => {
    const spec = formSpec('feedback', { case: null, units: [], today: TODAY });
    const values = {
      findings: '查'.repeat(1500),
      measures: '办'.repeat(501),
      dissatisfaction: '因'.repeat(501),
      nextPlan: '计',
    };
    expect(counters(spec, values)).toEqual([
      { label: '核查情况 + 办理情况', used: 2001, max: 2000, over: true },
      { label: '不满意原因', used: 501, max: 500, over: true },
      { label: '下一步计划', used: 1, max: 500, over: false },
      { label: '经办人', used: 0, max: 50, over: false },
      { label: '经办人电话', used: 0, max: 60, over: false },
    ]);
    const base = {
      feedbackAt: TODAY,
      feedbackMethod: '电话',
      companyVerdict: '满意',
      writtenReply: '否',
      handler: '张',
      handlerPhone: '13812345678',
    };
    expect(collectInput(spec, { ...base, ...values, dissatisfaction: '' })).toMatchObject({
      ok: false,
      field: 'findings',
      message: expect.stringContaining('2001'),
    });
    expect(collectInput(spec, { ...base, findings: 'a', measures: 'b', companyVerdict: '不满意' })).toMatchObject({
      ok: false,
      field: 'dissatisfaction',
    });
    expect(
      collectInput(spec, { ...base, findings: 'a', measures: 'b', dissatisfaction: '因'.repeat(501) }),
    ).toMatchObject({ ok: false, field: 'dissatisfaction' });
    expect(collectInput(spec, { ...base, findings: '😀'.repeat(1000), measures: '😀'.repeat(1000) }).ok).toBe(true);
  });

  it('convert numbers, yes/no and unit lists, and leave out empty optional fields', () => {
    const ext = formSpec('extension-decision', { case: null, units: [], today: TODAY });
    expect(collectInput(ext, { approve: 'yes', amount: ' 2 ', note: '' })).toEqual({
      ok: true,
      kind: 'extension-decision',
      input: { approve: true, amount: 2 },
    });
    expect(collectInput(ext, { approve: 'no', amount: '' })).toEqual({
      ok: true,
      kind: 'extension-decision',
      input: { approve: false },
    });
    expect(collectInput(ext, { approve: 'yes', amount: '1.5' })).toMatchObject({ ok: false, field: 'amount' });
    const assign = formSpec('assign', { case: null, units: [], today: TODAY });
    expect(collectInput(assign, { leadUnit: 'u1', kind: 'general', coUnits: ['u2', 'u3'], note: '  ' })).toEqual({
      ok: true,
      kind: 'assign',
      input: { leadUnit: 'u1', kind: 'general', coUnits: ['u2', 'u3'] },
    });
    expect(collectInput(assign, { leadUnit: '', kind: 'general' })).toEqual({
      ok: false,
      field: 'leadUnit',
      message: '“牵头办理单位”为必填项',
      problems: [{ field: 'leadUnit', message: '“牵头办理单位”为必填项' }],
    });
  });

  it('WF3–WF18/WF22/WF23: send inputs the server accepts through the whole workflow', async () => {
    const id = await submit('office', 'register', null, {
      channel: '热线电话',
      company: '枣阳市某机械有限公司',
      contactName: '刘经理',
      contactPhone: '0710-6331373',
      summary: '施工许可逾期',
      category: '3.涉企优惠政策不落实',
    });
    await submit('office', 'assign', id, {
      leadUnit: b.units.lead,
      kind: 'general',
      coUnits: [b.units.co],
      note: '请核实',
    });
    await submit('lead', 'extension-request', id, { amount: '2', reason: '需现场核查', toldBy: '短信' });
    await submit('office', 'extension-decision', id, { approve: 'yes', amount: '1' });
    await submit('office', 'supervise', id, { note: '请加快办理' });
    await submit('lead', 'supervise-reply', id, { note: '已加快' });
    await submit('co', 'co-opinion', id, { text: '同意牵头单位意见' });
    await submit('lead', 'accept', id, {});
    await submit('lead', 'feedback', id, {
      findings: '经查属实',
      measures: '已协调办理',
      feedbackMethod: '电话',
      companyVerdict: '不满意',
      writtenReply: '否',
      dissatisfaction: '进度慢',
      nextPlan: '继续跟进',
      handler: '李四',
      handlerPhone: '13812345678',
    });
    await submit('lead', 'visit', id, { result: '不满意', method: '电话回访' });
    await submit('lead', 'explain', id, { text: '企业诉求涉及多个部门，正在协调' });
    await submit('office', 'explanation-decision', id, { decision: 'redo', note: '请再次办理' });
    await submit('lead', 'feedback', id, {
      findings: '复查',
      measures: '已解决',
      feedbackMethod: '书面',
      companyVerdict: '满意',
      writtenReply: '是',
    });
    await submit('lead', 'visit', id, { result: '非常不满意', method: '实地走访', note: '仍未解决' });
    await submit('lead', 'explain', id, { text: '已尽力协调' });
    await submit('office', 'explanation-decision', id, {
      decision: 'transfer',
      ground: '拖延',
      note: '综合研判后移送',
    });
    await submit('office', 'archive', id, {});
    expect((await theCase(id)).fields.status).toBe('archived');

    const other = await b.register();
    await submit('office', 'reject', other, { ground: '1.经营主体之间民事纠纷', note: '' });
    const third = await b.register();
    await submit('office', 'answer', third, { reply: '已电话答复政策口径' });
    const fourth = await b.assigned();
    await submit('lead', 'return', fourth, { reason: '不属于本单位职责' });
    expect((await theCase(fourth)).fields.status).toBe('returned');
  });
});
