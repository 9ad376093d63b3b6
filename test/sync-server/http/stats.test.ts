// HTTP17: statistics per handling unit — on time, satisfaction, overdue, 督办, second handling — scoped to the caller.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench } from './harness';
import { CO_NAME, LEAD_NAME, OTHER_NAME, bench } from './harness';

const ZERO = {
  led: 0,
  closed: 0,
  onTime: 0,
  onTimeBase: 0,
  visited: 0,
  satisfied: 0,
  overdue: 0,
  supervisions: 0,
  secondRound: 0,
  onTimeRate: null,
  satisfactionRate: null,
};

let b: Bench;
beforeEach(async () => {
  b = await bench();
  const { other } = b.units;
  const fb = (day: string) => ({
    findings: '核查',
    measures: '办理',
    feedbackAt: day,
    feedbackMethod: '电话',
    companyVerdict: '满意',
  });
  const a = await b.assigned({ company: 'A' }); // fed back on time, satisfied, archived
  const bb = await b.assigned({ company: 'B' }); // never fed back: overdue, 督办 twice, no reply
  const c = await b.assigned({ company: 'C' }); // unsatisfied → second round
  const d = await b.register({ company: 'D' }); // the other unit's: fed back late
  await b.run('office', d, 'assign', { leadUnit: other, kind: 'general' });
  for (const id of [a, c]) await b.run('lead', id, 'accept', { handler: '李四', handlerPhone: '13900001111' });
  await b.run('other', d, 'accept', { handler: '赵六', handlerPhone: '13900002222' });
  await b.run('office', a, 'supervise', { note: '请加快' });
  await b.run('lead', a, 'supervise-reply', { note: '已加快' });
  await b.run('office', bb, 'supervise', { note: '第一次督办' });
  await b.run('office', bb, 'supervise', { note: '第二次督办' });

  b.setNow('2026-10-12T09:00:00+08:00');
  await b.run('lead', a, 'feedback', fb('2026-10-12'));
  await b.run('office', a, 'visit', { result: '满意', method: '电话回访' });
  await b.run('office', a, 'archive');
  await b.run('lead', c, 'feedback', fb('2026-10-12'));
  await b.run('office', c, 'visit', { result: '不满意', method: '电话回访' });
  await b.run('office', c, 'second-round');

  b.setNow('2026-10-14T09:00:00+08:00');
  await b.run('other', d, 'feedback', fb('2026-10-14'));
  await b.run('office', d, 'visit', { result: '非常不满意', method: '实地走访' });
  b.ledger.refreshWarnings(); // the scheduler's job (TIME3)
  await b.ledger.whenDurable(); // reads serve committed state only (STORE5)
});

const LEAD_ROW = {
  led: 3,
  closed: 1,
  onTime: 1,
  onTimeBase: 2,
  onTimeRate: 0.5,
  visited: 2,
  satisfied: 1,
  satisfactionRate: 0.5,
  overdue: 1,
  supervisions: 3,
  secondRound: 1,
};
const OTHER_ROW = {
  led: 1,
  closed: 0,
  onTime: 0,
  onTimeBase: 1,
  onTimeRate: 0,
  visited: 1,
  satisfied: 0,
  satisfactionRate: 0,
  overdue: 0,
  supervisions: 0,
  secondRound: 0,
};

describe('HTTP17/STAT1: GET /api/stats', () => {
  it('office and viewer: one row per unit, totals and overdue 督办单', async () => {
    for (const who of ['office', 'viewer'] as const) {
      const r = await b.as(who).get('/api/stats');
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        units: [
          { unitId: b.units.lead, unitName: LEAD_NAME, ...LEAD_ROW },
          { unitId: b.units.co, unitName: CO_NAME, ...ZERO },
          { unitId: b.units.other, unitName: OTHER_NAME, ...OTHER_ROW },
        ],
        totals: {
          led: 4,
          closed: 1,
          onTime: 1,
          onTimeBase: 3,
          onTimeRate: 0.3333,
          visited: 3,
          satisfied: 1,
          satisfactionRate: 0.3333,
          overdue: 1,
          supervisions: 3,
          secondRound: 1,
        },
        overdueSupervisions: 1,
      });
    }
  });

  it('a unit gets only its own row; totals and overdue 督办单 are its own', async () => {
    const lead = await b.as('lead').get('/api/stats');
    expect(lead.body).toEqual({
      units: [{ unitId: b.units.lead, unitName: LEAD_NAME, ...LEAD_ROW }],
      totals: LEAD_ROW,
      overdueSupervisions: 1,
    });
    const co = await b.as('co').get('/api/stats');
    const { onTimeRate: _r, satisfactionRate: _s, ...zeroCounts } = ZERO;
    expect(co.body).toEqual({
      units: [{ unitId: b.units.co, unitName: CO_NAME, ...ZERO }],
      totals: { ...zeroCounts, onTimeRate: null, satisfactionRate: null },
      overdueSupervisions: 0,
    });
    expect(co.text).not.toContain(LEAD_NAME);
  });

  it('HTTP10: query parameters are refused', async () => {
    const r = await b.as('office').get('/api/stats?unitId=u1');
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, 'INVALID_INPUT', 'unitId']);
  });
});
