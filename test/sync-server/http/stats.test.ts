// HTTP17, HTTP35: statistics per handling unit — on time, satisfaction, overdue, 督办, second handling — scoped to the caller.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench } from './harness';
import { CO_NAME, LEAD_NAME, OTHER_NAME, bench } from './harness';
import { scopedStats } from '../../../sync-server/http/stats';
import { readPeriod } from '../../../shared/stats/period';

const ZERO = {
  received: 0,
  closed: 0,
  round1OnTime: 0,
  round1Late: 0,
  finalVisited: 0,
  finalSatisfied: 0,
  overdue: 0,
  supervisions: 0,
  secondRound: 0,
  onTimeRate: null,
  satisfactionRate: null,
  responseRate: null,
  resolutionRate: null,
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
    writtenReply: '否',
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
  await b.run('lead', bb, 'supervise-reply', { note: '正在办理' }); // WF27: one 督办单 at a time
  await b.run('office', bb, 'supervise', { note: '第二次督办' });

  b.setNow('2026-10-12T09:00:00+08:00');
  await b.run('lead', a, 'feedback', fb('2026-10-12'));
  await b.run('lead', a, 'visit', { result: '满意', method: '电话回访', visitedOn: '2026-10-12' });
  await b.run('office', a, 'archive');
  await b.run('lead', c, 'feedback', fb('2026-10-12'));
  await b.run('lead', c, 'visit', { result: '不满意', method: '电话回访', visitedOn: '2026-10-12' });
  await b.run('lead', c, 'explain', { text: '企业要求超出政策' });
  await b.run('office', c, 'explanation-decision', { decision: 'redo' });

  b.setNow('2026-10-14T09:00:00+08:00');
  await b.run('other', d, 'feedback', fb('2026-10-14'));
  await b.run('other', d, 'visit', { result: '非常不满意', method: '实地走访', visitedOn: '2026-10-14' });
  b.ledger.refreshWarnings(); // the scheduler's job (TIME3)
  await b.ledger.whenDurable(); // reads serve committed state only (STORE5)
});

const LEAD_ROW = {
  received: 3,
  assigned: 3,
  closed: 1,
  // a and c fed back by round 1's deadline (c's round 1 is kept when it goes to 二次办理, STAT4), bb overdue
  round1OnTime: 2,
  round1Late: 1,
  onTimeRate: 0.6667,
  round1OnTimeRate: 0.6667,
  round2OnTimeRate: null,
  finalVisited: 2,
  finalSatisfied: 1,
  satisfactionRate: 0.5,
  overdue: 1,
  supervisions: 3,
  secondRound: 1,
};
const OTHER_ROW = {
  received: 1,
  closed: 0,
  round1OnTime: 0,
  round1Late: 1,
  onTimeRate: 0,
  finalVisited: 1,
  finalSatisfied: 0,
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
      expect(r.body.period).toEqual({ from: null, to: null, label: '全部' });
      const byId = (id: string) => r.body.units.find((u: { unitId: string }) => u.unitId === id);
      expect(byId(b.units.lead)).toMatchObject({ unitName: LEAD_NAME, ...LEAD_ROW });
      expect(byId(b.units.other)).toMatchObject({ unitName: OTHER_NAME, ...OTHER_ROW });
      expect(byId(b.units.co)).toMatchObject({ unitName: CO_NAME, ...ZERO, score: null, rank: null });
      expect(r.body.units.map((u: { rank: number | null }) => u.rank)).toEqual([1, 2, null]);
      expect(r.body.totals).toMatchObject({ received: 4, closed: 1, onTimeRate: 0.5, satisfactionRate: 0.3333 });
      expect(r.body.byChannel).toMatchObject([{ key: '热线电话', received: 4 }]);
      expect(r.body.overdueSupervisions).toBe(1);
      // STAT7: the overdue 督办单 is the lead unit's, not the other unit's
      expect([byId(b.units.lead).overdueSupervisions, byId(b.units.other).overdueSupervisions]).toEqual([1, 0]);
    }
  });

  it('a unit gets only its own row, unranked; totals, cuts and overdue 督办单 are its own', async () => {
    const lead = await b.as('lead').get('/api/stats');
    expect(lead.body.units).toHaveLength(1);
    expect(lead.body.units[0]).toMatchObject({ unitId: b.units.lead, unitName: LEAD_NAME, ...LEAD_ROW, rank: null });
    expect(lead.body.totals).toMatchObject(LEAD_ROW);
    expect(lead.body.byChannel).toMatchObject([{ key: '热线电话', received: 3 }]);
    expect(lead.body.overdueSupervisions).toBe(1);
    const co = await b.as('co').get('/api/stats');
    expect(co.body.units).toEqual([expect.objectContaining({ unitId: b.units.co, ...ZERO })]);
    expect(co.body.totals).toMatchObject({ ...ZERO });
    expect(co.body.byCategory).toEqual([]);
    expect(co.body.overdueSupervisions).toBe(0);
    expect(co.text).not.toContain(LEAD_NAME);
  });

  it('STAT3: a return counts at the unit that returned the case, also in its own view once another unit leads it', async () => {
    const e = await b.assigned({ company: 'E' });
    await b.run('lead', e, 'return', { reason: '不属于本单位职责' });
    await b.run('office', e, 'assign', { leadUnit: b.units.other, kind: 'general' });
    await b.ledger.whenDurable();
    const office = await b.as('office').get('/api/stats');
    const returned = (id: string) => office.body.units.find((u: { unitId: string }) => u.unitId === id)?.returned;
    expect([returned(b.units.lead), returned(b.units.other)]).toEqual([1, 0]);
    const lead = await b.as('lead').get('/api/stats');
    expect([lead.body.units[0].returned, lead.body.totals.returned]).toEqual([1, 1]);
    expect(lead.text).not.toContain('"E"');
  });

  it('STAT13: 督办, a late reply and an extension count at the unit that led the case then, not the one leading it after a return', async () => {
    const e = await b.assigned({ company: 'E' });
    await b.run('lead', e, 'accept', { handler: '李四', handlerPhone: '13900001111' });
    await b.run('office', e, 'supervise', { note: '请加快' });
    await b.run('lead', e, 'extension-request', { amount: 2, reason: '需会商', toldOn: '2026-10-14', toldBy: '电话' });
    await b.run('office', e, 'extension-decision', { approve: true });
    b.setNow('2026-10-21T09:00:00+08:00'); // the 督办单 was due 2026-10-19
    await b.run('lead', e, 'supervise-reply', { note: '已会商' });
    await b.run('lead', e, 'return', { reason: '不属于本单位职责' });
    await b.run('office', e, 'assign', { leadUnit: b.units.other, kind: 'general' });
    await b.ledger.whenDurable();
    const pick = (body: { units: Record<string, unknown>[] }, id: string) => {
      const u = body.units.find((x) => x.unitId === id);
      return [u?.supervisions, u?.supervisionsLate, u?.extensions];
    };
    const office = (await b.as('office').get('/api/stats')).body;
    // the fixture's own cases: lead 2 督办单 on B and 1 on A; other none
    expect(pick(office, b.units.lead)).toEqual([4, 1, 1]);
    expect(pick(office, b.units.other)).toEqual([0, 0, 0]);
    // the unit's own view counts its events on a case another unit leads now, in its row and its totals
    const lead = (await b.as('lead').get('/api/stats')).body;
    expect(pick(lead, b.units.lead)).toEqual([4, 1, 1]);
    expect([lead.totals.supervisions, lead.totals.supervisionsLate, lead.totals.extensions]).toEqual([4, 1, 1]);
    const other = (await b.as('other').get('/api/stats')).body;
    expect([other.totals.supervisions, other.totals.extensions]).toEqual([0, 0]);
  });

  it('STAT14/WF33: a 说明 or a decision waiting past 5 working days is counted late — the 说明 at the unit, the decision in 合计', async () => {
    const f = await b.assigned({ company: 'F' });
    await b.run('lead', f, 'accept', { handler: '李四', handlerPhone: '13900001111' });
    await b.run('lead', f, 'feedback', {
      findings: '核查',
      measures: '办理',
      feedbackAt: '2026-10-14',
      feedbackMethod: '电话',
      companyVerdict: '不满意',
      dissatisfaction: '未解决',
      nextPlan: '继续协调',
      writtenReply: '否',
    });
    await b.run('lead', f, 'visit', { result: '不满意', method: '电话回访', visitedOn: '2026-10-14' });
    const late = async () => {
      await b.ledger.whenDurable();
      const body = (await b.as('office').get('/api/stats')).body;
      const lead = body.units.find((u: { unitId: string }) => u.unitId === b.units.lead);
      return [
        lead.explanationsOverdue,
        lead.decisionsOverdue,
        body.totals.explanationsOverdue,
        body.totals.decisionsOverdue,
      ];
    };
    b.setNow('2026-10-21T23:00:00+08:00'); // the 5th working day after 2026-10-14
    expect(await late()).toEqual([0, 0, 0, 0]);
    b.setNow('2026-10-22T09:00:00+08:00');
    // 合计 holds the other unit's case D too, left 非常不满意 on 2026-10-14 without a 说明
    expect(await late()).toEqual([1, 0, 2, 0]);
    await b.run('lead', f, 'explain', { text: '企业要求超出政策' });
    b.setNow('2026-10-30T09:00:00+08:00'); // the decision was due 2026-10-29
    expect(await late()).toEqual([0, 0, 1, 1]);
  });

  it('HTTP10: query parameters are refused', async () => {
    const r = await b.as('office').get('/api/stats?unitId=u1');
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, 'INVALID_INPUT', 'unitId']);
  });
});

describe('HTTP35/STAT2: GET /api/stats for a period', () => {
  it('year, quarter, month and ranges count only cases received in them', async () => {
    const received = async (q: string) => (await b.as('office').get(`/api/stats?${q}`)).body.totals.received;
    expect(await received('year=2026')).toBe(4);
    expect(await received('year=2026&quarter=3')).toBe(4);
    expect(await received('year=2026&quarter=4')).toBe(0);
    expect(await received('year=2026&month=9')).toBe(4);
    expect(await received('from=2026-09-30&to=2026-09-30')).toBe(4);
    expect(await received('from=2026-10-01')).toBe(0);
    const lead = await b.as('lead').get('/api/stats?year=2026&month=9');
    expect(lead.body.units).toEqual([expect.objectContaining({ unitId: b.units.lead, received: 3, rank: null })]);
    expect(lead.text).not.toContain(OTHER_NAME);
    const q4 = await b.as('office').get('/api/stats?year=2026&quarter=4');
    expect(q4.body.period).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026年第4季度' });
    expect(q4.body.totals.onTimeRate).toBeNull();
  });

  it('bad periods are 400 INVALID_PERIOD with the parameter and a Chinese message; repeated ones refused', async () => {
    const bad: [string, string][] = [
      ['from=2026-10-02&to=2026-10-01', 'from'],
      ['quarter=2', 'quarter'],
      ['year=2026&quarter=1&month=2', 'month'],
      ['year=1999', 'year'],
      ['year=2026&month=13', 'month'],
      ['from=2026-02-30', 'from'],
      ['to=%3DHYPERLINK(%22x%22)', 'to'],
      [`from=${'9'.repeat(5000)}`, 'from'],
    ];
    for (const [q, field] of bad) {
      const r = await b.as('office').get(`/api/stats?${q}`);
      expect([q, r.status, r.body.error.code, r.body.error.field]).toEqual([q, 400, 'INVALID_PERIOD', field]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const twice = await b.as('office').get('/api/stats?year=2026&year=2025');
    expect([twice.status, twice.body.error.code, twice.body.error.field]).toEqual([400, 'INVALID_INPUT', 'year']);
    for (const name of ['__proto__', 'toString', 'constructor']) {
      const r = await b.as('office').get(`/api/stats?${name}=1`);
      expect([r.status, r.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    }
  });
});

describe('STAT12 an empty period parameter is absent', () => {
  it('year=2026&from= counts the year; from=&to= counts everything; a repeated empty one is still refused', async () => {
    const r = await b.as('office').get('/api/stats?year=2026&from=');
    expect(r.status).toBe(200);
    expect(r.body.period.label).toContain('2026年');
    expect(r.body.totals.received).toBe(4);
    const open = await b.as('office').get('/api/stats?from=&to=&quarter=');
    expect([open.status, open.body.totals.received]).toEqual([200, 4]);
    const twice = await b.as('office').get('/api/stats?from=&from=');
    expect([twice.status, twice.body.error.field]).toEqual([400, 'from']);
  });
});

describe('STAT15 statistics counted in slices', () => {
  const office = { userId: 'o', name: '营商办', role: 'office' as const, unitId: null };
  const lead = () => ({ userId: 'u', name: '李四', role: 'unit' as const, unitId: b.units.lead });
  const year = () => {
    const p = readPeriod({ year: '2026' });
    if (!p.ok) throw new Error(p.error.message);
    return p.value;
  };

  it('STAT15: one case a turn gives the figures of counting at once, and sync work runs between the slices', async () => {
    for (const actor of [office, lead()]) {
      const whole = await scopedStats(b.ledger, actor, year(), 10_000);
      let turns = 0;
      let counting = true;
      const other = () => {
        if (!counting) return;
        turns++;
        setImmediate(other);
      };
      setImmediate(other);
      const sliced = await scopedStats(b.ledger, actor, year(), 1);
      counting = false;
      expect(sliced).toEqual(whole);
      expect(turns).toBeGreaterThan(0);
    }
  });

  it('STAT15: a case that changes while the slices run is counted as it was when asked', async () => {
    const before = await scopedStats(b.ledger, office, year(), 10_000);
    const pending = scopedStats(b.ledger, office, year(), 1);
    // the office issues a 督办单 on C (in round 2) while the count is under way
    const open = b.ledger.visibleCases(office).find((c) => c.fields.company === 'C');
    if (open === undefined) throw new Error('no case C');
    await b.run('office', open.id, 'supervise', { note: '计数期间督办' });
    expect(await pending).toEqual(before);
    expect((await scopedStats(b.ledger, office, year(), 10_000)).totals.supervisions).toBe(
      before.totals.supervisions + 1,
    );
  });
});
