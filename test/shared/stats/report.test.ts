// STAT1, STAT3–STAT11: the statistics of a period counted from cases built as plain data.
import { describe, expect, it } from 'vitest';
import type { CaseData } from '../../../shared/case';
import type { FieldValue } from '../../../shared/fields';
import { WHOLE_PERIOD, readPeriod } from '../../../shared/stats/period';
import { compositeScore, rankByScore, ratesOf } from '../../../shared/stats/rates';
import { NO_VALUE, statsReport } from '../../../shared/stats/report';
import { caseFigures, ZERO_FIGURES } from '../../../shared/stats/figures';

const UNITS = [
  { id: 'u1', name: '市市场监督管理局' },
  { id: 'u2', name: '市税务局' },
  { id: 'u3', name: '市住建局' },
];
const CAT = '3.涉企优惠政策不落实';

let n = 0;
function make(fields: Record<string, FieldValue>): CaseData {
  n++;
  return { id: `c${n}`, fields: { receivedAt: '2026-03-02', channel: '热线电话', category: CAT, round: 1, ...fields } };
}
const ASSIGNED = { leadUnit: 'u1', assignedAt: '2026-03-02T10:00:00+08:00', dueAt: '2026-03-09T23:59:59+08:00' };

function year(y: string) {
  const p = readPeriod({ year: y });
  if (!p.ok) throw new Error(p.error.message);
  return p.value;
}

describe('STAT4: on time per round', () => {
  it('a case 67 days late in round 1 stays late after a timely round 2; round 2 is counted on its own', () => {
    const c = make({
      ...ASSIGNED,
      status: 'closed',
      round: 2,
      round1DueAt: '2026-03-09T23:59:59+08:00',
      round1FedBackAt: '2026-05-15T10:00:00+08:00',
      dueAt: '2026-06-12T23:59:59+08:00',
      fedBackAt: '2026-06-01T10:00:00+08:00',
    });
    const f = caseFigures(c);
    expect([f.round1OnTime, f.round1Late, f.round2OnTime, f.round2Late]).toEqual([0, 1, 1, 0]);
    const r = ratesOf(f);
    expect([r.round1OnTimeRate, r.round2OnTimeRate, r.onTimeRate]).toEqual([0, 1, 0.5]);
  });

  it('round 1: fed back by the deadline is on time; overdue unanswered is late; still within the limit is not counted', () => {
    const onTime = caseFigures(make({ ...ASSIGNED, status: 'fedBack', fedBackAt: '2026-03-09T23:59:59+08:00' }));
    const lateFb = caseFigures(make({ ...ASSIGNED, status: 'fedBack', fedBackAt: '2026-03-10T00:00:00+08:00' }));
    const overdue = caseFigures(make({ ...ASSIGNED, status: 'handling', warning: 'overdue' }));
    const running = caseFigures(make({ ...ASSIGNED, status: 'handling', warning: 'normal' }));
    const pick = (f: typeof onTime) => [f.round1OnTime, f.round1Late, f.overdue];
    expect([pick(onTime), pick(lateFb), pick(overdue), pick(running)]).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 1],
      [0, 0, 0],
    ]);
    expect(ratesOf(running).onTimeRate).toBeNull();
  });
});

describe('STAT3: returns count at the unit that returned the case', () => {
  it('STAT3: a case u1 returned and the office gave to u2 counts one return at u1, none at u2', () => {
    const report = statsReport(year('2026'), UNITS, [
      make({ ...ASSIGNED, status: 'handling', leadUnit: 'u2', returnedBy: 'u1' }),
      make({ ...ASSIGNED, status: 'handling', leadUnit: 'u2', returnedBy: 'u1,u3' }),
    ]);
    const by = new Map(report.units.map((u) => [u.unitId, u.returned]));
    expect([by.get('u1'), by.get('u2'), by.get('u3')]).toEqual([2, 0, 1]);
    expect(report.totals.returned).toBe(2);
  });
});

describe('STAT1, STAT3, STAT5–STAT8: figures of a period', () => {
  const cases = [
    make({ status: 'rejected', rejectReason: '不属于受理范围', channel: '走访' }),
    make({ status: 'archived', rejectReason: '重复投诉', archived: '是' }),
    make({ status: 'closed', channel: '电子邮件' }), // 即时答复
    make({
      ...ASSIGNED,
      status: 'closed',
      fedBackAt: '2026-03-06T10:00:00+08:00',
      firstVisitResult: '不满意',
      visitResult: '不满意',
      explanation: '已依法答复，企业诉求超出政策范围',
      explanationDecision: '采纳说明',
      spotCheckResult: '满意',
      spotCheckCount: 1,
      supervisionCount: 2,
      supervisionLateCount: 1,
      extensionCount: 1,
    }),
    make({ ...ASSIGNED, status: 'explained', fedBackAt: '2026-03-06T10:00:00+08:00', visitResult: '非常不满意' }),
    make({ ...ASSIGNED, status: 'transferred', leadUnit: 'u2', round: 2, explanationDecision: '移送纪检监察' }),
    make({ ...ASSIGNED, status: 'handling', returnReason: '不属于本单位职责', category: '未列明的旧类别' }),
    make({ ...ASSIGNED, status: 'returned', receivedAt: '2026-12-31', channel: '其他', category: null }),
    make({ ...ASSIGNED, status: 'closed', receivedAt: '2025-12-31', visitResult: '满意' }), // another year
  ];
  const report = statsReport(year('2026'), UNITS, cases);

  it('totals count every case of the period; closed excludes rejected and transferred', () => {
    const t = report.totals;
    expect([t.received, t.rejected, t.answeredAtOnce, t.assigned, t.returned, t.closed]).toEqual([8, 2, 1, 5, 2, 2]);
    expect([t.transfers, t.secondRound, t.explained, t.explanationsAccepted]).toEqual([1, 1, 1, 1]);
    expect([t.spotChecked, t.spotCheckSatisfied, t.supervisions, t.supervisionsLate, t.extensions]).toEqual([
      1, 1, 2, 1, 1,
    ]);
    // first verdict kept beside the final one; the explained case has only one verdict, which is both
    // the final word on the first case is the office's 回头看 (满意), not the unit's 回访 (不满意), STAT5
    expect([t.firstVisited, t.firstSatisfied, t.finalVisited, t.finalSatisfied]).toEqual([2, 0, 2, 1]);
    // 响应率: answered (即时答复, fed back in round 1, round 2) among the 6 accepted; 办结率: closed among them
    expect([t.responded, t.responseRate, t.resolutionRate]).toEqual([4, 0.6667, 0.3333]);
    expect(t.satisfactionRate).toBe(0.5);
  });

  it('per lead unit, with the rates of its own cases; a unit with nothing has null rates, never 0', () => {
    const [u1, u2, u3] = [...report.units].sort((a, b) => a.unitId.localeCompare(b.unitId));
    expect([u1?.received, u1?.assigned, u1?.returned, u1?.closed, u1?.supervisions]).toEqual([4, 4, 2, 1, 2]);
    expect([u2?.received, u2?.transfers, u2?.secondRound]).toEqual([1, 1, 1]);
    expect(u3).toMatchObject({
      received: 0,
      onTimeRate: null,
      satisfactionRate: null,
      responseRate: null,
      score: null,
    });
  });

  it('cut by category (plan order, other values, then 未填写) and by channel', () => {
    expect(report.byCategory.map((g) => [g.key, g.received])).toEqual([
      [CAT, 6],
      ['未列明的旧类别', 1],
      [NO_VALUE, 1],
    ]);
    expect(report.byChannel.map((g) => [g.key, g.received])).toEqual([
      ['热线电话', 5],
      ['电子邮件', 1],
      ['走访', 1],
      ['其他', 1],
    ]);
    const noCat = statsReport(WHOLE_PERIOD, UNITS, [make({ category: null, status: 'registered' })]);
    expect(noCat.byCategory.map((g) => g.key)).toEqual([NO_VALUE]);
  });

  it('cases without 受理日期 count only for the whole period', () => {
    const undated = [make({ receivedAt: null, status: 'registered' })];
    expect(statsReport(WHOLE_PERIOD, UNITS, undated).totals.received).toBe(1);
    expect(statsReport(year('2026'), UNITS, undated).totals.received).toBe(0);
  });
});

describe('STAT10, STAT11: score and ranking', () => {
  const rates = (onTime: number | null, first: number | null, final: number | null) => ({
    ...ratesOf(ZERO_FIGURES),
    onTimeRate: onTime,
    firstSatisfactionRate: first,
    satisfactionRate: final,
  });

  it('weights 40/30/30; a missing part is left out and the others scaled; nothing to score is null', () => {
    expect(compositeScore(rates(1, 0.5, 1))).toBe(85);
    expect(compositeScore(rates(0.5, null, null))).toBe(50);
    expect(compositeScore(rates(null, 1, 0))).toBe(50);
    // STAT10: fed back but never visited: the satisfaction parts count 0, they are not left out
    expect(compositeScore({ ...rates(1, null, null), responded: 3 })).toBe(40);
    expect(compositeScore(rates(null, null, null))).toBeNull();
  });

  it('highest first, equal scores share a rank in the given order, unscored last and unranked', () => {
    const rows = [
      { id: 'a', score: null },
      { id: 'b', score: 70 },
      { id: 'c', score: 90 },
      { id: 'd', score: 70 },
      { id: 'e', score: 10 },
    ];
    expect(rankByScore(rows).map((r) => [r.id, r.rank])).toEqual([
      ['c', 1],
      ['b', 2],
      ['d', 2],
      ['e', 4],
      ['a', null],
    ]);
  });

  it('a unit alone (its own scope) is not ranked', () => {
    const c = make({ ...ASSIGNED, status: 'closed', fedBackAt: '2026-03-06T10:00:00+08:00', visitResult: '满意' });
    const own = statsReport(WHOLE_PERIOD, [UNITS[0] ?? { id: 'u1', name: '' }], [c], 'unit');
    expect(own.units[0]).toMatchObject({ score: 100, rank: null });
  });
});

describe('STAT13 a unit’s own cuts count its events where they happened, as its 合计 does', () => {
  it('a case led by u1 now, supervised, extended and returned while at u2: the cuts follow the totals for each', () => {
    const c = make({
      ...ASSIGNED,
      status: 'handling',
      returnedBy: 'u2',
      returnReason: '不属本单位职责',
      supervisionCount: 1,
      supervisedUnits: 'u2',
      extensionCount: 1,
      extensionUnits: 'u2',
    });
    const pick = (r: { supervisions: number; extensions: number; returned: number }) => [
      r.supervisions,
      r.extensions,
      r.returned,
    ];
    const u1 = statsReport(WHOLE_PERIOD, [UNITS[0]!], [c], 'unit', [c]);
    const u2 = statsReport(WHOLE_PERIOD, [UNITS[1]!], [], 'unit', [c]);
    expect(pick(u1.totals)).toEqual([0, 0, 0]);
    expect(u1.byCategory.map(pick)).toEqual([[0, 0, 0]]);
    expect(u1.byChannel.map(pick)).toEqual([[0, 0, 0]]);
    expect(pick(u2.totals)).toEqual([1, 1, 1]);
    expect(u2.byCategory.map((g) => [g.key, ...pick(g)])).toEqual([[CAT, 1, 1, 1]]);
    expect(u2.byChannel.map((g) => [g.key, ...pick(g)])).toEqual([['热线电话', 1, 1, 1]]);
    // the office's view: every event, in the totals and the cuts alike
    const all = statsReport(WHOLE_PERIOD, UNITS, [c]);
    expect([pick(all.totals), pick(all.byCategory[0]!)]).toEqual([
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });
});
