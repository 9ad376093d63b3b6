// WF1–WF18 through HTTP: every command's happy path, driven as the office, the lead unit and the co unit would.
import { beforeEach, describe, expect, it } from 'vitest';
import { REJECT_GROUNDS } from '../../../shared/vocabulary';
import type { Bench } from './harness';
import { CO_NAME, T0, bench, registration } from './harness';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

describe('a complaint through every stage (WF1, HTTP15)', () => {
  it('register → assign → accept → co-opinion → extension → 督办 → feedback → visit → explain → second round → explain → transfer → archive (WF22, WF23)', async () => {
    const reg = await b.as('office').post('/api/cases', registration());
    expect(reg.status).toBe(201);
    expect(reg.body).toEqual({ id: expect.any(String), code: '〔2026〕1号', seq: 1, duplicates: [], warning: null }); // WF3, NUM1, HTTP31
    const id = reg.body.id as string;
    const { lead, co } = b.units;

    // WF6, TIME1: 5 working days from 2026-09-30 end on 2026-10-13
    let f = await b.run('office', id, 'assign', {
      leadUnit: lead,
      coUnits: [co],
      kind: 'general',
      note: '请核实',
      assignedAt: T0,
    });
    expect(f).toMatchObject({
      status: 'assigned',
      leadUnit: lead,
      coUnits: co,
      kind: 'general',
      assignNote: '请核实',
      assignedAt: T0,
      dueAt: '2026-10-13T23:59:59+08:00',
      dueNote: null,
      warning: 'normal',
    });

    f = await b.run('lead', id, 'accept', { handler: '李四', handlerPhone: '0710-6331373' }); // WF7
    expect(f).toMatchObject({ status: 'handling', handler: '李四', handlerPhone: '0710-6331373' });

    f = await b.run('co', id, 'co-opinion', { text: '配合核查，无异议' }); // WF18
    expect(f.coOpinions).toBe(`[${CO_NAME} 2026-09-30] 配合核查，无异议`);
    expect(f.status).toBe('handling');

    const told = { toldOn: '2026-09-30', toldBy: '电话' };
    f = await b.run('lead', id, 'extension-request', { amount: 2, reason: '需现场核查', ...told }); // WF14, WF25
    expect(f).toMatchObject({ extensionPending: 2, status: 'handling' });
    expect(f.extension).toContain('申请延期2个工作日：需现场核查；已于 2026-09-30 以电话方式告知企业');

    f = await b.run('office', id, 'extension-decision', { approve: true, note: '同意' }); // WF15
    expect(f).toMatchObject({
      extensionPending: null,
      extensionGranted: 2,
      extensionCount: 1,
      dueAt: '2026-10-15T23:59:59+08:00',
    });
    expect(f.extension).toContain('同意延期2个工作日，办结时限延至 2026-10-15');

    f = await b.run('office', id, 'supervise', { note: '请加快办理' }); // WF16, NUM2, TIME4
    expect(f).toMatchObject({ supervisionCount: 1, supervisionDueAt: '2026-10-05T23:59:59+08:00' });
    expect(f.supervision).toContain('〔2026〕督1号 2026-09-30 督办：请加快办理');

    f = await b.run('lead', id, 'supervise-reply', { note: '已加快办理' }); // WF17
    expect(f.supervisionDueAt).toBeNull();
    expect(f.supervision).toContain('督办回复：已加快办理');

    b.setNow('2026-10-12T09:00:00+08:00');
    const feedback = {
      findings: '经核查，材料要求重复',
      measures: '已一次性告知所需材料',
      feedbackAt: '2026-10-12',
      feedbackMethod: '电话',
      companyVerdict: '满意',
      writtenReply: '否',
    };
    f = await b.run('lead', id, 'feedback', feedback); // WF9, WF26
    expect(f).toMatchObject({
      ...feedback,
      status: 'fedBack',
      fedBackAt: '2026-10-12T09:00:00+08:00',
      handler: '李四',
    });

    const visit = { result: '不满意', method: '电话回访', visitedOn: '2026-10-12', note: '仍需补材料' };
    f = await b.run('lead', id, 'visit', visit); // WF10
    expect(f).toMatchObject({ status: 'unsatisfied', visitResult: '不满意', firstVisitResult: '不满意' });
    expect(f.visit).toBe('2026-10-12 电话回访：不满意（仍需补材料）');

    f = await b.run('lead', id, 'explain', { text: '材料要求系依据规定' }); // WF22
    expect(f).toMatchObject({ status: 'explained', explanation: '2026-10-12 第1轮情况说明：材料要求系依据规定' });

    f = await b.run('office', id, 'explanation-decision', { decision: 'redo', note: '请重新核查' }); // WF11, WF23
    expect(f).toMatchObject({
      status: 'handling',
      round: 2,
      dueAt: '2026-10-19T23:59:59+08:00',
      round1DueAt: '2026-10-15T23:59:59+08:00',
      round1FedBackAt: '2026-10-12T09:00:00+08:00',
      extensionGranted: 0,
      extensionCount: 1,
      fedBackAt: null,
    });
    expect(f.assignNote).toContain('二次办理：请重新核查');

    f = await b.run('lead', id, 'feedback', {
      ...feedback,
      companyVerdict: '不满意',
      dissatisfaction: '仍未办结',
      nextPlan: '继续协调',
    });
    expect(f).toMatchObject({
      status: 'fedBack',
      companyVerdict: '不满意',
      dissatisfaction: '仍未办结',
      nextPlan: '继续协调',
    });

    f = await b.run('lead', id, 'visit', { result: '非常不满意', method: '实地走访', visitedOn: '2026-10-12' });
    expect(f).toMatchObject({ status: 'unsatisfied', visitResult: '非常不满意', firstVisitResult: '不满意' });
    await b.run('lead', id, 'explain', { text: '已多次协调' });

    f = await b.run('office', id, 'explanation-decision', {
      decision: 'transfer',
      ground: '推诿',
      note: '经调查了解和综合研判，涉嫌故意刁难',
    }); // WF12
    expect(f).toMatchObject({ status: 'transferred', transferGround: '推诿', explanationDecision: '移送纪检监察' });
    expect(f.discipline).toBe('2026-10-12 移送市纪委监委（推诿）：经调查了解和综合研判，涉嫌故意刁难');

    f = await b.run('office', id, 'archive', { note: '归档' }); // WF13
    expect(f).toMatchObject({ status: 'archived', archived: '是' });

    const got = await b.as('office').get(`/api/cases/${id}`);
    expect(got.body.fields).toEqual(f);
    expect(got.body.allowed).toEqual(['spot-check']); // WF24: the office may still 回头看 an archived case
  });

  it('WF10: a satisfied return visit closes the case, then archive', async () => {
    const id = await b.assigned();
    await b.run('lead', id, 'accept', { handler: '李四', handlerPhone: '13900001111' });
    await b.run('lead', id, 'feedback', {
      findings: '核查属实',
      measures: '已整改',
      feedbackAt: '2026-09-30',
      feedbackMethod: '书面',
      companyVerdict: '满意',
      writtenReply: '是',
    });
    const visit = { result: '基本满意', method: '系统评价', visitedOn: '2026-09-30' };
    expect(await b.run('lead', id, 'visit', visit)).toMatchObject({
      status: 'closed',
      visitResult: '基本满意',
    });
    expect(await b.run('office', id, 'archive')).toMatchObject({ status: 'archived', archived: '是' });
  });
});

describe('the other paths', () => {
  it('WF4: reject with one of the 9 grounds, then archive', async () => {
    const id = await b.register();
    const f = await b.run('office', id, 'reject', { ground: REJECT_GROUNDS[0], note: '属合同纠纷' });
    expect(f).toMatchObject({ status: 'rejected', rejectReason: `${REJECT_GROUNDS[0]}；属合同纠纷` });
    expect(await b.run('office', id, 'archive')).toMatchObject({ status: 'archived', archived: '是' });
  });

  it('WF5: answer closes a consultation at once with the reply as 办理情况', async () => {
    const id = await b.register();
    const f = await b.run('office', id, 'answer', { reply: '按政策可申请减免' });
    expect(f).toMatchObject({ status: 'closed', kind: 'consult', measures: '按政策可申请减免', fedBackAt: T0 });
  });

  it('WF8: the lead unit returns an assigned case; the office re-assigns it to another unit', async () => {
    const id = await b.assigned();
    const f = await b.run('lead', id, 'return', { reason: '不属于本单位职责' });
    expect(f).toMatchObject({ status: 'returned', returnReason: '不属于本单位职责' });
    const again = await b.run('office', id, 'assign', { leadUnit: b.units.other, kind: 'complex' });
    expect(again).toMatchObject({
      status: 'assigned',
      leadUnit: b.units.other,
      coUnits: null,
      kind: 'complex',
      returnReason: null,
    });
    expect((await b.as('lead').get(`/api/cases/${id}`)).status).toBe(404); // PERM3: no longer the lead's case
    expect((await b.as('other').get(`/api/cases/${id}`)).status).toBe(200);
  });

  it('WF8: return is also possible while handling', async () => {
    const id = await b.assigned();
    await b.run('lead', id, 'accept');
    expect(await b.run('lead', id, 'return', { reason: '需市级统筹' })).toMatchObject({ status: 'returned' });
  });

  it('WF15: a refused extension closes the request and keeps the due date', async () => {
    const id = await b.assigned();
    await b.run('lead', id, 'extension-request', {
      amount: 3,
      reason: '材料待补',
      toldOn: '2026-09-30',
      toldBy: '短信',
    });
    const f = await b.run('office', id, 'extension-decision', { approve: false, note: '时限内可办结' });
    expect(f).toMatchObject({ extensionPending: null, extensionGranted: 0, dueAt: '2026-10-13T23:59:59+08:00' });
    expect(f.extension).toContain('不同意延期（申请3个工作日）：时限内可办结');
  });
});
