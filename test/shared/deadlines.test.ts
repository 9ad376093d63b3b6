// Tests for deadlines and warnings (TIME1–TIME4, CAL1–CAL3 as seen through deadline computation).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HolidayFile } from '../../shared/calendar';
import { createCalendar } from '../../shared/calendar';
import type { CaseKind } from '../../shared/deadlines';
import { addWorkingDays, computeDueAt, KIND_LIMIT, supervisionReplyDue, warningFor } from '../../shared/deadlines';
import { addDays, parseIsoTime } from '../../shared/time';

const cal = createCalendar();

/** Epoch ms of an ISO time; fails the test on a bad literal. */
function at(iso: string): number {
  const ms = parseIsoTime(iso);
  if (ms === null) throw new Error(`bad test time ${iso}`);
  return ms;
}

const NO_2027 = '2027年节假日安排尚未纳入日历，时限按周一至周五暂估，待市营商办导入该年节假日安排后自动重算';

/** A hypothetical 2027 notice: 元旦 Friday 01-01 off, a 调休 Sunday 01-24 worked. */
const file2027: HolidayFile = {
  year: 2027,
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-01-24', isOffDay: false },
  ],
};

describe('TIME1 working-day deadlines: Shanghai dates, assignment day not counted, due at end of the Nth working day', () => {
  it('5 working days from 2026-09-30 → end of 2026-10-13 (National Day and 调休 Saturday 10-10)', () => {
    expect(addWorkingDays(cal, '2026-09-30', 5)).toEqual({ date: '2026-10-13', provisional: null });
    expect(computeDueAt(cal, 'general', at('2026-09-30T10:00:00+08:00'))).toEqual({
      dueAt: '2026-10-13T23:59:59+08:00',
      dueDate: '2026-10-13',
      provisional: null,
    });
  });

  it('5 working days from 2026-02-12 → 2026-02-26 (Spring Festival, 调休 Saturday 02-14)', () => {
    expect(addWorkingDays(cal, '2026-02-12', 5).date).toBe('2026-02-26');
  });

  it('20 working days from 2026-02-10 → 2026-03-16 (complex case)', () => {
    expect(addWorkingDays(cal, '2026-02-10', 20).date).toBe('2026-03-16');
    expect(computeDueAt(cal, 'complex', at('2026-02-10T09:00:00+08:00')).dueAt).toBe('2026-03-16T23:59:59+08:00');
  });

  it('assignment at 23:30 Shanghai on 09-30 (15:30Z) still counts from 09-30', () => {
    expect(computeDueAt(cal, 'general', at('2026-09-30T15:30:00Z')).dueAt).toBe('2026-10-13T23:59:59+08:00');
  });

  it('the Shanghai date decides the start: 23:30 vs 00:30 around midnight of 10-09', () => {
    expect(computeDueAt(cal, 'general', at('2026-10-09T23:30:00+08:00')).dueDate).toBe('2026-10-15');
    expect(computeDueAt(cal, 'general', at('2026-10-09T16:30:00Z')).dueDate).toBe('2026-10-16');
  });

  it('an approved extension adds working days, at most the original limit', () => {
    expect(computeDueAt(cal, 'general', at('2026-09-30T10:00:00+08:00'), 5).dueDate).toBe('2026-10-20');
    expect(computeDueAt(cal, 'complex', at('2026-02-10T09:00:00+08:00'), 20).dueDate).toBe(
      addWorkingDays(cal, '2026-02-10', 40).date,
    );
    expect(() => computeDueAt(cal, 'general', at('2026-09-30T10:00:00+08:00'), 6)).toThrow(
      expect.objectContaining({ code: 'EXTENSION_TOO_LONG' }),
    );
    expect(() => computeDueAt(cal, 'complex', 0, 21)).toThrow(expect.objectContaining({ code: 'EXTENSION_TOO_LONG' }));
    expect(() => computeDueAt(cal, 'general', 0, -1)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER' }));
    expect(() => computeDueAt(cal, 'general', 0, 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER' }));
    expect(() => computeDueAt(cal, 'general', Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_TIME' }));
  });

  it('n = 0 returns the start date unchanged, even on a holiday', () => {
    expect(addWorkingDays(cal, '2026-10-01', 0)).toEqual({ date: '2026-10-01', provisional: null });
    expect(addWorkingDays(cal, '2026-09-30', 0)).toEqual({ date: '2026-09-30', provisional: null });
  });

  it('refuses negative or fractional n and bad start dates', () => {
    for (const n of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => addWorkingDays(cal, '2026-09-30', n)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER' }));
    }
    expect(() => addWorkingDays(cal, '2026-02-30', 1)).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });

  const startDay = fc.integer({ min: Date.UTC(2005, 0, 1) / 86_400_000, max: Date.UTC(2026, 11, 31) / 86_400_000 });
  const toDate = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
  const workingDaysBetween = (from: string, to: string): number => {
    let count = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (cal.isWorkingDay(d)) count++;
    return count;
  };

  it('property: due is a working day, after the start, and exactly n working days lie in (start, due]', () => {
    fc.assert(
      fc.property(startDay, fc.integer({ min: 0, max: 40 }), (day, n) => {
        const start = toDate(day);
        const { date, provisional } = addWorkingDays(cal, start, n);
        expect(date >= start).toBe(true);
        if (n >= 1) {
          expect(date > start).toBe(true);
          expect(cal.isWorkingDay(date)).toBe(true);
        }
        expect(workingDaysBetween(start, date)).toBe(n);
        expect(provisional === null).toBe(date < '2027-01-01');
      }),
      { numRuns: 500 },
    );
  });

  it('property: monotonic in n (n < m → due(n) < due(m))', () => {
    fc.assert(
      fc.property(startDay, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (day, a, b) => {
        fc.pre(a !== b);
        const [n, m] = a < b ? [a, b] : [b, a];
        const start = toDate(day);
        expect(addWorkingDays(cal, start, n).date < addWorkingDays(cal, start, m).date).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('CAL2 override files change deadlines', () => {
  it('a local closure day in 2026 shifts a deadline by one day', () => {
    const closure: HolidayFile = { year: 2026, days: [{ name: '台风停工', date: '2026-11-16', isOffDay: true }] };
    const assigned = at('2026-11-12T10:00:00+08:00');
    expect(computeDueAt(cal, 'general', assigned).dueDate).toBe('2026-11-19');
    expect(computeDueAt(createCalendar([closure]), 'general', assigned).dueAt).toBe('2026-11-20T23:59:59+08:00');
  });

  it('an override file for 2027 makes a deadline into 2027 exact, and changes it', () => {
    const withFile = createCalendar([file2027]);
    expect(addWorkingDays(withFile, '2026-12-20', 20)).toEqual({ date: '2027-01-18', provisional: null });
    // the 调休 Sunday 01-24 counts as a working day
    expect(addWorkingDays(cal, '2027-01-20', 5)).toEqual({ date: '2027-01-27', provisional: NO_2027 });
    expect(addWorkingDays(withFile, '2027-01-20', 5)).toEqual({ date: '2027-01-26', provisional: null });
  });
});

describe('CAL3 no calendar data for a year → provisional with a reason, never silent', () => {
  it('20 working days from 2026-12-20 cross into 2027: Mon–Fri estimate, marked provisional', () => {
    expect(addWorkingDays(cal, '2026-12-20', 20)).toEqual({ date: '2027-01-15', provisional: NO_2027 });
    const d = computeDueAt(cal, 'complex', at('2026-12-20T10:00:00+08:00'));
    expect(d).toEqual({ dueAt: '2027-01-15T23:59:59+08:00', dueDate: '2027-01-15', provisional: NO_2027 });
  });

  it('only days actually examined matter: a deadline ending on 12-28 is exact', () => {
    expect(computeDueAt(cal, 'general', at('2026-12-21T10:00:00+08:00')).provisional).toBeNull();
    expect(computeDueAt(cal, 'general', at('2026-12-28T10:00:00+08:00'))).toEqual({
      dueAt: '2027-01-04T23:59:59+08:00',
      dueDate: '2027-01-04',
      provisional: NO_2027,
    });
  });

  it('the reason names every missing year', () => {
    expect(addWorkingDays(cal, '2026-12-20', 300).provisional).toBe(
      '2027、2028年节假日安排尚未纳入日历，时限按周一至周五暂估，待市营商办导入该年节假日安排后自动重算',
    );
  });
});

describe('TIME2 consultations: 24 hours from assignment', () => {
  it('Friday 2026-11-27 15:00 → Saturday 15:00, across the weekend', () => {
    expect(computeDueAt(cal, 'consult', at('2026-11-27T15:00:00+08:00'))).toEqual({
      dueAt: '2026-11-28T15:00:00+08:00',
      dueDate: '2026-11-28',
      provisional: null,
    });
  });

  it('hours are exact across holidays and a year without data; extension adds ≤ 24 h', () => {
    expect(computeDueAt(cal, 'consult', at('2026-12-31T20:30:00+08:00')).dueAt).toBe('2027-01-01T20:30:00+08:00');
    expect(computeDueAt(cal, 'consult', at('2026-12-31T20:30:00+08:00')).provisional).toBeNull();
    expect(computeDueAt(cal, 'consult', at('2026-09-30T10:00:00+08:00'), 24).dueAt).toBe('2026-10-02T10:00:00+08:00');
    expect(() => computeDueAt(cal, 'consult', 0, 25)).toThrow(expect.objectContaining({ code: 'EXTENSION_TOO_LONG' }));
  });

  it('KIND_LIMIT holds the three limits', () => {
    expect(KIND_LIMIT).toEqual({
      consult: { unit: 'hours', amount: 24 },
      general: { unit: 'workingDays', amount: 5 },
      complex: { unit: 'workingDays', amount: 20 },
    });
  });
});

describe('TIME3 warnings', () => {
  const general = (dueAt: string | null, status = 'handling') => ({ status, kind: 'general' as CaseKind, dueAt });
  const w = (c: { status: string; kind: CaseKind | null; dueAt: string | null }, now: string) =>
    warningFor(cal, c, at(now));

  it('overdue only after the whole due second has passed', () => {
    const c = general('2026-10-13T23:59:59+08:00');
    expect(w(c, '2026-10-13T23:59:59.999+08:00')).toBe('dueSoon');
    expect(w(c, '2026-10-14T00:00:00+08:00')).toBe('overdue');
    expect(w({ ...c, status: 'assigned' }, '2026-11-01T00:00:00+08:00')).toBe('overdue');
  });

  it('working-day kinds: dueSoon on the due date and on the working day before it', () => {
    const c = general('2026-10-13T23:59:59+08:00');
    expect(w(c, '2026-10-13T08:00:00+08:00')).toBe('dueSoon');
    expect(w(c, '2026-10-12T09:00:00+08:00')).toBe('dueSoon');
    expect(w(c, '2026-10-11T09:00:00+08:00')).toBe('normal'); // Sunday: Monday still to work
    expect(w(c, '2026-10-10T09:00:00+08:00')).toBe('normal'); // 调休 Saturday
  });

  it('weekends and holidays between today and the due date do not count', () => {
    const monday = general('2026-10-19T23:59:59+08:00');
    expect(w(monday, '2026-10-16T09:00:00+08:00')).toBe('dueSoon'); // Friday
    expect(w(monday, '2026-10-15T09:00:00+08:00')).toBe('normal');
    const afterHoliday = general('2026-10-08T23:59:59+08:00');
    expect(w(afterHoliday, '2026-09-30T09:00:00+08:00')).toBe('dueSoon');
    expect(w(afterHoliday, '2026-09-29T09:00:00+08:00')).toBe('normal');
  });

  it('consult: dueSoon with at most 4 hours left', () => {
    const c = { status: 'assigned', kind: 'consult' as CaseKind, dueAt: '2026-11-28T15:00:00+08:00' };
    expect(w(c, '2026-11-28T10:59:59+08:00')).toBe('normal');
    expect(w(c, '2026-11-28T11:00:00+08:00')).toBe('dueSoon');
    expect(w(c, '2026-11-28T15:00:00.500+08:00')).toBe('dueSoon');
    expect(w(c, '2026-11-28T15:00:01+08:00')).toBe('overdue');
  });

  it('only assigned and handling are under the clock; missing kind or dueAt is normal', () => {
    const late = '2027-06-01T00:00:00+08:00';
    for (const status of [
      'registered',
      'rejected',
      'closed',
      'returned',
      'fedBack',
      'unsatisfied',
      'transferred',
      'archived',
    ]) {
      expect(w(general('2026-10-13T23:59:59+08:00', status), late), status).toBe('normal');
    }
    expect(w(general(null), late)).toBe('normal');
    expect(w({ status: 'handling', kind: null, dueAt: '2026-10-13T23:59:59+08:00' }, late)).toBe('normal');
  });

  it('a present but invalid dueAt is an error, not a silent normal', () => {
    expect(() => w(general('2026-02-30T23:59:59+08:00'), '2026-01-01T00:00:00+08:00')).toThrow(
      expect.objectContaining({ code: 'INVALID_TIME' }),
    );
  });
});

describe('TIME4 督办单 reply due 5 days after issue', () => {
  it('end of the 5th calendar day after the issue date, holidays included', () => {
    expect(supervisionReplyDue(at('2026-09-28T10:00:00+08:00'))).toBe('2026-10-03T23:59:59+08:00');
    expect(supervisionReplyDue(at('2026-12-29T09:00:00+08:00'))).toBe('2027-01-03T23:59:59+08:00');
  });

  it('the issue date is the Shanghai date', () => {
    expect(supervisionReplyDue(at('2026-09-30T23:30:00+08:00'))).toBe('2026-10-05T23:59:59+08:00');
    expect(supervisionReplyDue(at('2026-09-30T16:30:00Z'))).toBe('2026-10-06T23:59:59+08:00');
  });
});
