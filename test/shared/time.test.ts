// Tests for the Asia/Shanghai time helpers (TIME1: all dates are Shanghai dates).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../shared/errors';
import {
  addDays,
  dayOfWeek,
  endOfShanghaiDay,
  formatShanghai,
  isValidDate,
  parseIsoTime,
  shanghaiDate,
  shanghaiYear,
} from '../../shared/time';

const utc = (s: string): number => Date.parse(s);

describe('TIME1 Shanghai dates of instants', () => {
  it('23:30 Shanghai on 09-30 (= 15:30Z) is still 2026-09-30; 00:00 Shanghai (16:00Z) is 10-01', () => {
    expect(shanghaiDate(utc('2026-09-30T15:30:00Z'))).toBe('2026-09-30');
    expect(shanghaiDate(utc('2026-09-30T15:59:59.999Z'))).toBe('2026-09-30');
    expect(shanghaiDate(utc('2026-09-30T16:00:00Z'))).toBe('2026-10-01');
  });

  it('the Shanghai year turns at 16:00Z on 31 December', () => {
    expect(shanghaiYear(utc('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(shanghaiYear(utc('2026-12-31T16:00:00Z'))).toBe(2027);
  });

  it('formatShanghai writes seconds precision, always +08:00', () => {
    expect(formatShanghai(utc('2026-10-13T15:59:59.999Z'))).toBe('2026-10-13T23:59:59+08:00');
    expect(formatShanghai(utc('2026-09-30T02:00:00Z'))).toBe('2026-09-30T10:00:00+08:00');
    expect(formatShanghai(utc('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
  });

  it('refuses non-finite instants', () => {
    expect(() => shanghaiDate(Number.NaN)).toThrow(LedgerError);
    expect(() => formatShanghai(Number.POSITIVE_INFINITY)).toThrow(LedgerError);
  });
});

describe('TIME1 parseIsoTime', () => {
  const tenAm = utc('2026-09-30T02:00:00Z');

  it('accepts offsets, Z, minutes-only and Shanghai-local times', () => {
    expect(parseIsoTime('2026-09-30T10:00:00+08:00')).toBe(tenAm);
    expect(parseIsoTime('2026-09-30T02:00:00Z')).toBe(tenAm);
    expect(parseIsoTime('2026-09-30T10:00+08:00')).toBe(tenAm);
    expect(parseIsoTime('2026-09-30T10:00:00+0800')).toBe(tenAm);
    expect(parseIsoTime('2026-09-30T10:00:00')).toBe(tenAm);
    expect(parseIsoTime('2026-09-30T10:00')).toBe(tenAm);
    expect(parseIsoTime('2026-09-29T21:00:00-05:00')).toBe(tenAm);
    expect(parseIsoTime('2026-09-30T10:00:00.250+08:00')).toBe(tenAm + 250);
    expect(parseIsoTime('2026-09-30T10:00:00.123456789Z')).toBe(utc('2026-09-30T10:00:00.123Z'));
  });

  it('reads 23:30 Shanghai on 09-30 as 15:30Z, still dated 09-30', () => {
    const ms = parseIsoTime('2026-09-30T23:30:00+08:00');
    expect(ms).toBe(utc('2026-09-30T15:30:00Z'));
    expect(shanghaiDate(ms as number)).toBe('2026-09-30');
  });

  it('refuses impossible dates and times instead of rolling them over', () => {
    for (const bad of [
      '2026-02-30T10:00:00+08:00',
      '2026-02-29T10:00:00Z',
      '2026-13-01T10:00:00+08:00',
      '2026-00-10T10:00:00Z',
      '2026-09-31T10:00:00Z',
      '2026-09-30T25:00:00+08:00',
      '2026-09-30T24:00:00+08:00',
      '2026-09-30T10:60:00Z',
      '2026-09-30T10:00:60Z',
      '2026-09-30T10:00:00+25:00',
      '2026-09-30T10:00:00+08:60',
    ]) {
      expect(parseIsoTime(bad), bad).toBeNull();
    }
    expect(parseIsoTime('2024-02-29T10:00:00+08:00')).not.toBeNull();
  });

  it('refuses malformed strings', () => {
    for (const bad of [
      '',
      '2026-09-30',
      '2026/09/30 10:00',
      '2026-9-30T10:00:00Z',
      '2026-09-30T10Z',
      'yesterday',
      '2026-09-30T10:00:00+8',
      '1899-12-31T10:00:00Z',
      '12026-09-30T10:00:00Z',
      '2026-09-30T10:00:00 +08:00',
    ]) {
      expect(parseIsoTime(bad), bad).toBeNull();
    }
  });

  it('round-trips formatShanghai at second precision (property)', () => {
    const lo = utc('1901-01-01T00:00:00Z');
    const hi = utc('2199-12-30T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), (ms) => {
        expect(parseIsoTime(formatShanghai(ms))).toBe(Math.floor(ms / 1000) * 1000);
      }),
    );
  });
});

describe('TIME1 calendar dates', () => {
  it('isValidDate accepts only real dates in 1900–2200', () => {
    expect(isValidDate('2026-09-30')).toBe(true);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2000-02-29')).toBe(true);
    expect(isValidDate('1900-01-01')).toBe(true);
    expect(isValidDate('2200-12-31')).toBe(true);
    for (const bad of [
      '2026-02-29',
      '2100-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-04-31',
      '2026-9-30',
      '1899-12-31',
      '2201-01-01',
      '2026-09-30T00:00:00Z',
      ' 2026-09-30',
      '',
    ]) {
      expect(isValidDate(bad), bad).toBe(false);
    }
  });

  it('endOfShanghaiDay is 23:59:59+08:00 of that date', () => {
    expect(endOfShanghaiDay('2026-10-13')).toBe('2026-10-13T23:59:59+08:00');
    expect(() => endOfShanghaiDay('2026-02-30')).toThrow(LedgerError);
  });

  it('addDays crosses months, leap days and years', () => {
    expect(addDays('2026-09-30', 1)).toBe('2026-10-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-09-30', 0)).toBe('2026-09-30');
    expect(addDays('2026-09-30', 365)).toBe('2027-09-30');
  });

  it('addDays refuses bad input', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
    expect(() => addDays('2026-09-30', 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_NUMBER' }));
    expect(() => addDays('2200-12-31', 1)).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });

  it('dayOfWeek: 0 = Sunday … 6 = Saturday', () => {
    expect(dayOfWeek('2026-09-30')).toBe(3);
    expect(dayOfWeek('2026-10-10')).toBe(6);
    expect(dayOfWeek('2026-10-11')).toBe(0);
    expect(dayOfWeek('1900-01-01')).toBe(1);
    expect(dayOfWeek('1969-12-31')).toBe(3);
  });

  it('addDays and dayOfWeek agree with Date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 80_000 }), fc.integer({ min: -400, max: 400 }), (day, n) => {
        const start = new Date(day * 86_400_000).toISOString().slice(0, 10);
        const expected = new Date((day + n) * 86_400_000);
        expect(addDays(start, n)).toBe(expected.toISOString().slice(0, 10));
        expect(dayOfWeek(start)).toBe(new Date(day * 86_400_000).getUTCDay());
      }),
    );
  });
});
