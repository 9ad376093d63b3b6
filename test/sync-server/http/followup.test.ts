// HTTP30/HTTP31 and WF27 through HTTP: the 回头看 sample, the 重复投诉 warning at 登记, one 督办单 at a time.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench } from './harness';
import { bench, registration } from './harness';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

const feedback = {
  findings: '核查属实',
  measures: '已整改',
  feedbackAt: '2026-09-30',
  feedbackMethod: '电话',
  companyVerdict: '满意',
  writtenReply: '否',
};

/** A case closed by a satisfied 回访, received on `receivedAt`. */
async function closedCase(receivedAt: string, company: string): Promise<string> {
  const id = await b.assigned({ receivedAt, company, summary: `${company}的诉求` });
  await b.run('lead', id, 'accept', { handler: '李四', handlerPhone: '13900001111' });
  await b.run('lead', id, 'feedback', feedback);
  await b.run('lead', id, 'visit', { result: '满意', method: '电话回访', visitedOn: '2026-09-30' });
  return id;
}

describe('HTTP30/WF30: GET /api/spot-check/sample', () => {
  it('HTTP30: the same seed draws the same closed cases in the range; the answer echoes the parameters', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 8; i++) ids.push(await closedCase(`2026-09-${String(10 + i)}`, `企业${i}`));
    await b.assigned({ receivedAt: '2026-09-15', company: '未办结企业' }); // open: never sampled
    b.setNow('2026-09-30T10:00:05+08:00'); // WF31: the frame is taken at the current second, once it has ended
    const path = '/api/spot-check/sample?n=3&from=2026-09-12&to=2026-09-17&seed=7';
    const first = await b.as('office').get(path);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ n: 3, from: '2026-09-12', to: '2026-09-17', seed: 7, available: 6 });
    expect(first.body.cases).toHaveLength(3);
    for (const c of first.body.cases) {
      expect(c.status).toBe('closed');
      expect(c.receivedAt >= '2026-09-12' && c.receivedAt <= '2026-09-17').toBe(true);
    }
    // a second later nothing has closed, so the same seed draws the same cases
    expect((await b.as('office').get(path)).body).toEqual({ ...first.body, asOf: '2026-09-30T10:00:06+08:00' });
    // without a seed the server chooses one and says which, so the draw can be repeated
    const any = await b.as('office').get('/api/spot-check/sample?n=2');
    expect(Number.isInteger(any.body.seed)).toBe(true);
    const again = await b.as('office').get(`/api/spot-check/sample?n=2&seed=${String(any.body.seed)}`);
    expect(again.body.cases).toEqual(any.body.cases);
  });

  it('WF31/WF32: the same seed, range and asOf draw the same cases after more close or reopen; each draw is audited', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 6; i++) ids.push(await closedCase(`2026-09-${String(10 + i)}`, `企业${i}`));
    b.setNow('2026-09-30T10:00:10+08:00');
    const first = await b.as('office').get('/api/spot-check/sample?n=3&seed=11&from=2026-09-01');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ seed: 11, asOf: '2026-09-30T10:00:10+08:00', available: 6 });
    const drawn = first.body.cases.map((c: { id: string }) => c.id);
    // the frame moves: six more cases close, and a drawn one is reopened by a 不满意 回头看
    b.setNow('2026-09-30T10:00:20+08:00');
    for (let i = 1; i <= 6; i++) await closedCase(`2026-09-${String(20 + i)}`, `后来企业${i}`);
    await b.run('office', drawn[0], 'spot-check', { result: '不满意', method: '电话回访', note: '复核' });
    b.setNow('2026-09-30T10:00:30+08:00');
    const later = await b.as('office').get('/api/spot-check/sample?n=3&seed=11&from=2026-09-01');
    expect(later.body.available).toBe(11);
    const again = await b
      .as('office')
      .get(`/api/spot-check/sample?n=3&seed=11&from=2026-09-01&asOf=${encodeURIComponent(first.body.asOf)}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ asOf: first.body.asOf, available: 6 });
    expect(again.body.cases.map((c: { id: string }) => c.id)).toEqual(drawn);
    // WF32: each draw is in the audit: who, when, the parameters and the 诉求编号 drawn
    const log = await b.as('office').get('/api/audit?limit=1000');
    const draws = log.body.entries.filter((e: { command: string }) => e.command === 'spot-check-sample');
    expect(draws).toHaveLength(3);
    const codes = first.body.cases.map((c: { code: string }) => c.code);
    expect(draws[0]).toMatchObject({
      actorName: '营商办张三',
      at: '2026-09-30T10:00:11+08:00',
      caseId: null,
      new: { n: 3, from: '2026-09-01', to: null, seed: 11, asOf: first.body.asOf, available: 6, drawn: codes },
    });
    expect(draws[0].note).toContain(`随机种子 11`);
    expect(draws[0].note).toContain(codes.join('、'));
    expect(draws[2].new).toEqual(draws[0].new);
  });

  it('WF31: a case closed in the second of the draw is in the default draw; a later close is not in its repeat', async () => {
    b.setNow('2026-09-30T10:00:07.400+08:00');
    const id = await closedCase('2026-09-20', '刚办结企业');
    b.setNow('2026-09-30T10:00:07.600+08:00');
    const first = await b.as('office').get('/api/spot-check/sample?n=5&seed=3');
    expect(first.body).toMatchObject({ asOf: '2026-09-30T10:00:07+08:00', available: 1 });
    expect(first.body.cases.map((c: { id: string }) => c.id)).toEqual([id]);
    // the answer came once that second had ended: a case closed right after it is outside the repeated draw
    await closedCase('2026-09-21', '随后办结企业');
    const again = await b
      .as('office')
      .get(`/api/spot-check/sample?n=5&seed=3&asOf=${encodeURIComponent(first.body.asOf)}`);
    expect(again.body).toMatchObject({ asOf: first.body.asOf, available: 1 });
    expect((await b.as('office').get('/api/spot-check/sample?n=5&seed=3')).body.available).toBe(2);
  });

  it('HTTP30/HTTP6: office only', async () => {
    for (const who of ['viewer', 'lead'] as const) {
      const r = await b.as(who).get('/api/spot-check/sample');
      expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    }
  });

  it.each([
    ['n=0', 'INVALID_NUMBER', 'n'],
    ['n=101', 'INVALID_NUMBER', 'n'],
    ['n=abc', 'INVALID_NUMBER', 'n'],
    ['seed=-1', 'INVALID_NUMBER', 'seed'],
    ['seed=99999999999', 'INVALID_NUMBER', 'seed'],
    ['from=2026-02-30', 'INVALID_DATE', 'from'],
    ['to=<script>', 'INVALID_DATE', 'to'],
    ['from=2026-10-01&to=2026-09-01', 'INVALID_INPUT', 'from'],
    ['__proto__=1', 'INVALID_INPUT', '__proto__'],
    ['n=1&n=2', 'INVALID_INPUT', 'n'],
    ['asOf=2099-01-01T00:00:00%2B08:00', 'INVALID_DATE', 'asOf'],
    ['asOf=2026-09-30T10:00:01%2B08:00', 'INVALID_DATE', 'asOf'],
    ['asOf=2026-09-29T10:00:00.500%2B08:00', 'INVALID_DATE', 'asOf'],
    ['asOf=%3Cscript%3E', 'INVALID_DATE', 'asOf'],
    ['asOf=%3DNOW()', 'INVALID_DATE', 'asOf'],
    [`asOf=${'9'.repeat(60)}`, 'INVALID_DATE', 'asOf'],
    ['asOf=2026-09-29%ED%A0%80', 'INVALID_DATE', 'asOf'],
    ['asOf=1&asOf=2', 'INVALID_INPUT', 'asOf'],
  ])('HTTP30/HTTP10: %s is 400 %s', async (query, code, field) => {
    const r = await b.as('office').get(`/api/spot-check/sample?${query}`);
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, code, field]);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('WF24: the office spot-checks a closed case: 不满意 reopens it; on an archived case it is only recorded', async () => {
    const reopen = await closedCase('2026-09-20', '甲企业');
    const f = await b.run('office', reopen, 'spot-check', {
      result: '非常不满意',
      method: '实地走访',
      note: '问题复发',
    });
    expect(f).toMatchObject({ status: 'unsatisfied', spotCheckResult: '非常不满意', spotCheckCount: 1 });
    const archived = await closedCase('2026-09-21', '乙企业');
    const before = await b.run('office', archived, 'archive');
    const after = await b.run('office', archived, 'spot-check', { result: '不满意', method: '电话回访' });
    expect(after).toEqual({
      ...before,
      spotCheck: '2026-09-30 回头看（电话回访）：不满意',
      spotCheckResult: '不满意',
      spotCheckCount: 1,
      finalVerdict: '不满意', // STAT5: the latest word on the company's satisfaction
    });
  });
});

describe('HTTP31/WF29: 重复投诉 warning at 登记', () => {
  it('HTTP31: a similar 主要诉求 of the same company is named; the case is registered anyway', async () => {
    const first = await b.as('office').post('/api/cases', {
      ...registration({ summary: '办理施工许可被反复要求补充材料' }),
    });
    expect(first.body).toMatchObject({ duplicates: [], warning: null });
    const again = await b
      .as('office')
      .post('/api/cases', registration({ summary: '办理施工许可时被反复要求补充材料！' }));
    expect(again.status).toBe(201);
    expect(again.body.duplicates).toEqual([
      {
        id: first.body.id,
        code: '〔2026〕1号',
        status: 'registered',
        receivedAt: '2026-09-30',
        similarity: expect.any(Number),
      },
    ]);
    expect(again.body.warning).toContain('〔2026〕1号');
    const other = await b.as('office').post('/api/cases', registration({ summary: '税务发票开具困难' }));
    expect(other.body).toMatchObject({ duplicates: [], warning: null });
  });
});

describe('WF27: one 督办单 at a time through HTTP', () => {
  it('WF27: a second 督办 while one is open is 409 SUPERVISION_OPEN; after the reply it is allowed', async () => {
    const id = await b.assigned();
    await b.run('office', id, 'supervise', { note: '请加快' });
    const r = await b.as('office').post(`/api/cases/${id}/supervise`, { note: '再次督办' });
    expect([r.status, r.body.error.code]).toEqual([409, 'SUPERVISION_OPEN']);
    expect(r.body.error.message).toContain('〔2026〕督1号');
    await b.run('lead', id, 'supervise-reply', { note: '已加快' });
    const f = await b.run('office', id, 'supervise', { note: '再次督办' });
    expect(f.supervision).toContain('〔2026〕督2号');
  });

  it('WF27/WF17: a 督办 that leaves no room for the reply is 400 TOO_LONG, changes nothing; a shorter one is answered', async () => {
    const id = await b.assigned();
    for (let i = 0; i < 2; i++) {
      await b.run('office', id, 'supervise', { note: '督'.repeat(500) });
      await b.run('lead', id, 'supervise-reply', { note: '复'.repeat(800) });
    }
    const before = (await b.as('office').get(`/api/cases/${id}`)).body.fields;
    const used = [...String(before.supervision)].length;
    // the room left for 督办事项: 4000 less the line break, the 1021 kept for the reply and the 42 around 督办事项
    const room = 4000 - used - 1 - 1021 - 42;
    const r = await b.as('office').post(`/api/cases/${id}/supervise`, { note: '督'.repeat(500) });
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, 'TOO_LONG', 'note']);
    expect(r.body.error.message).toContain(`本次督办事项最多还可写 ${room} 字`);
    expect((await b.as('office').get(`/api/cases/${id}`)).body.fields).toEqual(before);
    const f = await b.run('office', id, 'supervise', { note: '督'.repeat(room) });
    expect(f.supervision).toContain('〔2026〕督3号');
    const replied = await b.run('lead', id, 'supervise-reply', { note: '复'.repeat(1000) });
    expect(replied.supervisionDueAt).toBeNull();
    expect([...String(replied.supervision)].length).toBeLessThanOrEqual(4000);
  });
});
