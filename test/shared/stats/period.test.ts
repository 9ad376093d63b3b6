// STAT2: the statistics period on 受理日期 — every refusal names its parameter in Chinese, every good one its bounds.
import { describe, expect, it } from 'vitest';
import type { PeriodInput } from '../../../shared/stats/period';
import { inPeriod, readPeriod } from '../../../shared/stats/period';

function period(input: PeriodInput) {
  const r = readPeriod(input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function refused(input: PeriodInput) {
  const r = readPeriod(input);
  return r.ok ? null : r.error;
}

describe('STAT2: periods', () => {
  it('year, quarter, month and custom ranges give inclusive bounds and a Chinese label', () => {
    expect(period({})).toEqual({ from: null, to: null, label: '全部' });
    expect(period({ year: '2026' })).toEqual({ from: '2026-01-01', to: '2026-12-31', label: '2026年' });
    expect(period({ year: '2026', quarter: '4' })).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
      label: '2026年第4季度',
    });
    expect(period({ year: '2024', month: '2' })).toMatchObject({ from: '2024-02-01', to: '2024-02-29' });
    expect(period({ year: '2026', month: '2' })).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(period({ from: '2026-03-05', to: '2026-03-05' })).toMatchObject({ from: '2026-03-05', to: '2026-03-05' });
    expect(period({ from: '2026-03-05' })).toEqual({ from: '2026-03-05', to: null, label: '2026-03-05 至 今' });
  });

  it('bad periods are refused with INVALID_PERIOD, a Chinese message and the parameter', () => {
    const cases: [PeriodInput, string, string][] = [
      [{ from: '2026-05-02', to: '2026-05-01' }, 'from', '开始日期不能晚于结束日期'],
      [{ quarter: '1' }, 'quarter', '须同时指定年份'],
      [{ month: '1' }, 'month', '须同时指定年份'],
      [{ year: '2026', quarter: '1', month: '1' }, 'month', '季度和月份只能选择其一'],
      [{ year: '1999' }, 'year', '2000–2100'],
      [{ year: '2101' }, 'year', '2000–2100'],
      [{ year: '２０２６' }, 'year', '年份'],
      [{ year: '2026.0' }, 'year', '年份'],
      [{ year: '2026', quarter: '5' }, 'quarter', '1–4'],
      [{ year: '2026', month: '0' }, 'month', '1–12'],
      [{ year: '2026', month: '__proto__' }, 'month', '1–12'],
      [{ year: '2026', from: '2026-01-01' }, 'from', '不能同时'],
      [{ from: '2026-02-30' }, 'from', 'YYYY-MM-DD'],
      [{ to: '=SUM(A1)' }, 'to', 'YYYY-MM-DD'],
      [{ from: '2026-1-1' }, 'from', 'YYYY-MM-DD'],
      [{ from: `2026-01-01${'x'.repeat(10_000)}` }, 'from', 'YYYY-MM-DD'],
    ];
    for (const [input, field, text] of cases) {
      const e = refused(input);
      expect([input, e?.code, e?.field]).toEqual([input, 'INVALID_PERIOD', field]);
      expect(e?.message).toContain(text);
    }
  });

  it('a case counts when its 受理日期 lies within the bounds; without one only for everything', () => {
    const q3 = period({ year: '2026', quarter: '3' });
    expect(['2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01'].map((d) => inPeriod(q3, d))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(inPeriod(q3, null)).toBe(false);
    expect(inPeriod(period({}), null)).toBe(true);
  });
});
