// CAL9: round 1's kept 办结时限 of a case in 二次办理 counted again with a loaded notice.
import { describe, expect, it } from 'vitest';
import type { HolidayFile } from '../../shared/calendar';
import { createCalendar } from '../../shared/calendar';
import type { CaseData } from '../../shared/case';
import type { FieldId, FieldValue } from '../../shared/fields';
import { recountRound1Deadline, recountSettledRound1 } from '../../shared/round1-recount';

const before = createCalendar();
const notice2027: HolidayFile = {
  year: 2027,
  days: ['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ name: '元旦', date, isOffDay: true })),
};
const after = createCalendar([notice2027]);

function round2(over: Partial<Record<FieldId, FieldValue>> = {}): CaseData {
  return {
    id: 'c1',
    fields: {
      status: 'handling',
      kind: 'complex',
      round: 2,
      assignedAt: '2026-12-20T10:00:00+08:00',
      round1DueAt: '2027-01-15T23:59:59+08:00', // 20 working days counted Monday–Friday
      extensionGranted: 0,
      ...over,
    },
  };
}

describe('CAL9 round 1’s 办结时限 moves with the notice', () => {
  it('20 working days from 2026-12-20 end 2027-01-18 once 元旦 is off; a granted extension of round 1 is kept', () => {
    expect(recountRound1Deadline(round2(), before, after)).toBe('2027-01-18T23:59:59+08:00');
    // round 1 had 5 more days: 25 Monday–Friday days end 2027-01-22, with 元旦 off 2027-01-25
    const extended = round2({ round1DueAt: '2027-01-22T23:59:59+08:00' });
    expect(recountRound1Deadline(extended, before, after)).toBe('2027-01-25T23:59:59+08:00');
  });

  it('closed cases move too (STAT4 judges them); archived ones, round 1 cases and odd deadlines do not', () => {
    expect(recountRound1Deadline(round2({ status: 'closed' }), before, after)).toBe('2027-01-18T23:59:59+08:00');
    expect(recountRound1Deadline(round2({ status: 'archived' }), before, after)).toBeNull();
    expect(recountRound1Deadline(round2({ round: 1 }), before, after)).toBeNull();
    expect(recountRound1Deadline(round2({ round1DueAt: '2027-01-15T18:00:00+08:00' }), before, after)).toBeNull();
    expect(recountRound1Deadline(round2({ kind: 'consult' }), before, after)).toBeNull();
    expect(recountRound1Deadline(round2(), after, after)).toBeNull();
  });
});

describe('CAL9 a case closed in round 1 with a provisional 办结时限 is recounted, a firm or archived one is not', () => {
  const closed = (over: Partial<Record<FieldId, FieldValue>> = {}): CaseData => ({
    id: 'c2',
    fields: {
      status: 'closed',
      kind: 'complex',
      round: 1,
      assignedAt: '2026-12-20T10:00:00+08:00',
      dueAt: '2027-01-15T23:59:59+08:00',
      dueNote: '2027年节假日安排尚未纳入日历，时限按周一至周五暂估，待市营商办导入该年节假日安排后自动重算',
      extensionGranted: 0,
      ...over,
    },
  });
  it('closed → moved; archived, or without 时限说明 → left', () => {
    expect(recountSettledRound1(closed(), before, after)).toEqual({
      dueAt: '2027-01-18T23:59:59+08:00',
      dueNote: null,
    });
    expect(recountSettledRound1(closed({ status: 'archived' }), before, after)).toBeNull();
    expect(recountSettledRound1(closed({ dueNote: null }), before, after)).toBeNull();
    expect(recountSettledRound1(closed({ round: 2 }), before, after)).toBeNull();
  });
});
