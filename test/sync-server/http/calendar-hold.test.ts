// CAL11: a notice loaded later never moves an open deadline into the past nor turns a round fed back on time late.
import { describe, expect, it } from 'vitest';
import { bench } from './harness';

const workdays = ['2026-10-05', '2026-10-06', '2026-10-07', '2026-10-08'].map((date) => ({
  name: '国庆节',
  date,
  isOffDay: false,
}));
const feedback = {
  findings: '核查',
  measures: '办理',
  feedbackAt: '2026-10-12',
  feedbackMethod: '电话',
  companyVerdict: '满意',
  writtenReply: '否',
};

describe('CAL11 a later notice does not put the unit in the wrong', () => {
  it('an open 2026-10-13 deadline counted back to 2026-10-09 on 10-12 ends 10-12: not overdue, extension allowed', async () => {
    const b = await bench('2026-09-30T10:00:00+08:00');
    const id = await b.assigned();
    await b.run('lead', id, 'accept', {});
    b.setNow('2026-10-12T10:00:00+08:00');
    const r = await b.as('office').put('/api/calendar/2026', { year: 2026, days: workdays });
    expect(r.status).toBe(201);
    expect(r.body.changed).toEqual([
      expect.objectContaining({
        caseId: id,
        deadline: 'dueAt',
        oldDueAt: '2026-10-13T23:59:59+08:00',
        newDueAt: '2026-10-12T23:59:59+08:00',
      }),
    ]);
    const c = (await b.as('lead').get(`/api/cases/${id}`)).body.fields;
    expect(c).toMatchObject({ dueAt: '2026-10-12T23:59:59+08:00', warning: 'dueSoon' });
    const e = await b.as('lead').post(`/api/cases/${id}/extension-request`, {
      amount: 2,
      reason: '需现场核查',
      toldOn: '2026-10-12',
      toldBy: '电话',
    });
    expect(e.status).toBe(200);
    const audit = (await b.as('office').get(`/api/audit?caseId=${id}`)).body;
    expect(JSON.stringify(audit)).toContain('办结时限按新安排为2026-10-09，不早于2026-10-12');
  });

  it('a round fed back on 10-12 against 10-13 stays on time when the notice counts it back to 10-09', async () => {
    const b = await bench('2026-09-30T10:00:00+08:00');
    const id = await b.assigned();
    await b.run('lead', id, 'accept', { handler: '李四', handlerPhone: '13900001111' });
    b.setNow('2026-10-12T10:00:00+08:00');
    await b.run('lead', id, 'feedback', feedback);
    b.setNow('2026-10-14T10:00:00+08:00');
    const r = await b.as('office').put('/api/calendar/2026', { year: 2026, days: workdays });
    expect(r.status).toBe(201);
    expect(r.body.changed).toEqual([expect.objectContaining({ caseId: id, newDueAt: '2026-10-12T23:59:59+08:00' })]);
    await b.ledger.whenDurable();
    expect((await b.as('office').get('/api/stats')).body.totals).toMatchObject({ round1OnTime: 1, round1Late: 0 });
  });
});
