// WF1/WF2/WF20, VAL1–VAL5 and PERM3 through HTTP: each refusal has its status and code, and changes nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench, Who } from './harness';
import { bench, registration } from './harness';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

async function expectRefused(
  who: Who,
  caseId: string,
  command: string,
  input: unknown,
  status: number,
  code: string,
  field?: string,
) {
  const before = await b.as('office').get(`/api/cases/${caseId}`);
  const r = await b.as(who).post(`/api/cases/${caseId}/${command}`, input);
  expect(r.status).toBe(status);
  expect(r.body.error.code).toBe(code);
  expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/); // a Chinese message
  if (field !== undefined) expect(r.body.error.field).toBe(field);
  const after = await b.as('office').get(`/api/cases/${caseId}`);
  expect(after.body).toEqual(before.body); // WF20: a refused command changes nothing
}

describe('wrong role → 403 (WF2, PERM1)', () => {
  it('a unit may not register (FORBIDDEN_ROLE), a viewer is READ_ONLY', async () => {
    for (const [who, code] of [
      ['lead', 'FORBIDDEN_ROLE'],
      ['viewer', 'READ_ONLY'],
    ] as const) {
      const r = await b.as(who).post('/api/cases', { company: 'x' });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe(code);
    }
    expect((await b.as('office').get('/api/cases')).body.cases).toEqual([]);
  });

  it('office commands refused to units, unit commands refused to the office, viewer runs nothing', async () => {
    const id = await b.assigned();
    await expectRefused('lead', id, 'supervise', { note: '督办' }, 403, 'FORBIDDEN_ROLE');
    await expectRefused('office', id, 'accept', {}, 403, 'FORBIDDEN_ROLE');
    await expectRefused('viewer', id, 'accept', {}, 403, 'READ_ONLY');
    await expectRefused('viewer', id, 'supervise', { note: '督办' }, 403, 'READ_ONLY');
  });

  it('a co unit on a lead command is NOT_LEAD_UNIT; the lead on co-opinion is NOT_CO_UNIT', async () => {
    const id = await b.assigned();
    await expectRefused('co', id, 'accept', {}, 403, 'NOT_LEAD_UNIT');
    await expectRefused('lead', id, 'co-opinion', { text: '意见' }, 403, 'NOT_CO_UNIT');
  });
});

describe('wrong state → 409 (WF1, WF11, WF12, WF14, WF15, WF17)', () => {
  it('INVALID_STATE names the current state', async () => {
    const id = await b.register();
    await expectRefused('office', id, 'archive', {}, 409, 'INVALID_STATE');
    const r = await b.as('office').post(`/api/cases/${id}/spot-check`, { result: '满意', method: '电话回访' });
    expect(r.body.error.message).toContain('已登记');
  });

  it('NO_PENDING_EXTENSION, EXTENSION_PENDING, NO_OPEN_SUPERVISION', async () => {
    const id = await b.assigned();
    await expectRefused('office', id, 'extension-decision', { approve: true }, 409, 'NO_PENDING_EXTENSION');
    await expectRefused('lead', id, 'supervise-reply', { note: '回复' }, 409, 'NO_OPEN_SUPERVISION');
    const ask = { amount: 1, reason: '理由', toldOn: '2026-09-30', toldBy: '电话' };
    await b.run('lead', id, 'extension-request', ask);
    await expectRefused('lead', id, 'extension-request', ask, 409, 'EXTENSION_PENDING');
  });

  it('DEADLINE_PASSED after 办结时限', async () => {
    const id = await b.assigned();
    b.setNow('2026-10-14T08:00:00+08:00');
    const ask = { amount: 1, reason: '来不及', toldOn: '2026-10-13', toldBy: '电话' };
    await expectRefused('lead', id, 'extension-request', ask, 409, 'DEADLINE_PASSED');
  });

  it('WF11/WF12/WF28: NOT_SECOND_ROUND in round 1, ROUND_LIMIT in round 2, no archive of an unsatisfied case', async () => {
    const id = await b.assigned();
    const feedback = {
      findings: '核查',
      measures: '办理',
      feedbackAt: '2026-09-30',
      feedbackMethod: '电话',
      companyVerdict: '满意',
      writtenReply: '否',
    };
    const visit = { result: '不满意', method: '电话回访', visitedOn: '2026-09-30' };
    const transfer = { decision: 'transfer', ground: '拖延', note: '综合研判' };
    await b.run('lead', id, 'accept', { handler: '李四', handlerPhone: '13900001111' });
    await b.run('lead', id, 'feedback', feedback);
    await b.run('lead', id, 'visit', visit);
    await expectRefused('office', id, 'explanation-decision', transfer, 409, 'INVALID_STATE');
    await b.run('lead', id, 'explain', { text: '说明' });
    await expectRefused('office', id, 'explanation-decision', transfer, 409, 'NOT_SECOND_ROUND');
    await b.run('office', id, 'explanation-decision', { decision: 'redo' });
    await b.run('lead', id, 'feedback', feedback);
    await b.run('lead', id, 'visit', visit);
    await expectRefused('office', id, 'archive', {}, 409, 'INVALID_STATE');
    await b.run('lead', id, 'explain', { text: '再次说明' });
    await expectRefused('office', id, 'explanation-decision', { decision: 'redo' }, 409, 'ROUND_LIMIT');
    await expectRefused('office', id, 'second-round', {}, 404, 'NOT_FOUND');
  });
});

describe('bad input → 400 with the field (VAL1–VAL5, WF4, WF6, WF9, WF14)', () => {
  it('registration: REQUIRED, INVALID_PHONE, INVALID_DATE, INVALID_CHOICE, TOO_LONG, unknown field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ company: '' }, 'REQUIRED', 'company'],
      [{ contactPhone: '12345' }, 'INVALID_PHONE', 'contactPhone'],
      [{ receivedAt: '2026-02-30' }, 'INVALID_DATE', 'receivedAt'],
      [{ receivedAt: '2026-10-01' }, 'DATE_IN_FUTURE', 'receivedAt'],
      [{ channel: '微信' }, 'INVALID_CHOICE', 'channel'],
      [{ summary: '诉'.repeat(2001) }, 'TOO_LONG', 'summary'],
      [{ status: 'closed' }, 'INVALID_INPUT', 'status'],
      [{ company: 42 }, 'INVALID_INPUT', 'company'],
      [{ contactName: '刘\u0007' }, 'INVALID_INPUT', 'contactName'],
    ];
    for (const [over, code, field] of cases) {
      const r = await b.as('office').post('/api/cases', registration(over));
      expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, code, field]);
    }
    expect((await b.as('office').get('/api/cases')).body.cases).toEqual([]);
  });

  it('command inputs: missing ground, unknown unit, duplicate co units, unknown parameter, bad amount', async () => {
    const id = await b.register();
    await expectRefused('office', id, 'reject', {}, 400, 'REQUIRED', 'ground');
    await expectRefused('office', id, 'reject', { ground: '没有理由' }, 400, 'INVALID_CHOICE', 'ground');
    await expectRefused('office', id, 'assign', { leadUnit: 'nope', kind: 'general' }, 400, 'UNKNOWN_UNIT', 'leadUnit');
    await expectRefused(
      'office',
      id,
      'assign',
      { leadUnit: b.units.lead, coUnits: [b.units.lead], kind: 'general' },
      400,
      'INVALID_UNITS',
      'coUnits',
    );
    await expectRefused(
      'office',
      id,
      'assign',
      { leadUnit: b.units.lead, kind: 'general', assignedAt: '2026-10-01T10:00:00+08:00' },
      400,
      'DATE_IN_FUTURE',
      'assignedAt',
    );
    await expectRefused(
      'office',
      id,
      'assign',
      { leadUnit: b.units.lead, kind: 'general', priority: 1 },
      400,
      'INVALID_INPUT',
      'priority',
    );
    await b.run('office', id, 'assign', { leadUnit: b.units.lead, kind: 'general' });
    await expectRefused(
      'lead',
      id,
      'extension-request',
      { amount: 6, reason: '太久', toldOn: '2026-09-30', toldBy: '书面' },
      400,
      'EXTENSION_TOO_LONG',
      'amount',
    );
    await expectRefused(
      'lead',
      id,
      'extension-request',
      { amount: '2', reason: '理由' },
      400,
      'INVALID_NUMBER',
      'amount',
    );
  });

  it('WF9: feedback without 核查情况, or 不满意 without 不满意原因', async () => {
    const id = await b.assigned();
    await b.run('lead', id, 'accept', { handler: '李四', handlerPhone: '13900001111' });
    const fb = {
      findings: '核查',
      measures: '办理',
      feedbackAt: '2026-09-30',
      feedbackMethod: '电话',
      companyVerdict: '满意',
      writtenReply: '否',
    };
    await expectRefused('lead', id, 'feedback', { ...fb, findings: '' }, 400, 'REQUIRED', 'findings');
    await expectRefused('lead', id, 'feedback', { ...fb, writtenReply: '是' }, 400, 'INVALID_CHOICE', 'feedbackMethod');
    await expectRefused(
      'lead',
      id,
      'feedback',
      { ...fb, companyVerdict: '不满意', nextPlan: '计划' },
      400,
      'REQUIRED',
      'dissatisfaction',
    );
    await expectRefused(
      'lead',
      id,
      'feedback',
      { ...fb, feedbackAt: '2026-10-08' },
      400,
      'DATE_IN_FUTURE',
      'feedbackAt',
    );
  });
});

describe('unknown case, unknown command → 404 (PERM3, HTTP15)', () => {
  it('CASE_NOT_FOUND for a case that does not exist, for every role', async () => {
    for (const who of ['office', 'viewer', 'lead'] as const) {
      const r = await b.as(who).get('/api/cases/c999');
      expect([r.status, r.body.error.code]).toEqual([404, 'CASE_NOT_FOUND']);
      const p = await b.as(who).post('/api/cases/c999/accept', {});
      expect([p.status, p.body.error.code]).toEqual([404, 'CASE_NOT_FOUND']);
    }
  });

  it('a case of another unit is CASE_NOT_FOUND, for reading and for every command', async () => {
    const id = await b.assigned();
    const r = await b.as('other').get(`/api/cases/${id}`);
    expect([r.status, r.body.error.code]).toEqual([404, 'CASE_NOT_FOUND']);
    await expectRefused('other', id, 'accept', {}, 404, 'CASE_NOT_FOUND');
    await expectRefused('other', id, 'co-opinion', { text: '看看' }, 404, 'CASE_NOT_FOUND');
  });

  it('an unknown command is 404 NOT_FOUND, before the case is looked at', async () => {
    const id = await b.assigned();
    for (const path of [`/api/cases/${id}/delete`, '/api/cases/c999/frobnicate', `/api/cases/${id}/register`]) {
      const r = await b.as('office').post(path, {});
      expect([r.status, r.body.error.code]).toEqual([404, 'NOT_FOUND']);
    }
    const other = await b.as('other').post(`/api/cases/${id}/delete`, {});
    expect(other.body.error.code).toBe('NOT_FOUND');
  });
});
