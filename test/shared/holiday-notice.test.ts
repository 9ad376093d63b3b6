// CAL12: a notice for an uncovered year is whole only when each holiday's days off are named exactly and fall in its dates.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { builtInYears } from '../../shared/calendar';
import type { HolidayFile } from '../../shared/holiday-file';
import { noticeGaps, parseNotice } from '../../shared/holiday-notice';
import { NOTICE_2027 } from '../fixtures/holiday-notices';

/** A built-in year as the notice it came from, in holiday-cn's shape (names as chinese-days writes them). */
function builtInNotice(year: number): HolidayFile {
  const data = chineseDays as unknown as { holidays: Record<string, string>; workdays: Record<string, string> };
  const days = (table: Record<string, string>, isOffDay: boolean) =>
    Object.entries(table)
      .filter(([date]) => date.startsWith(`${year}-`))
      .map(([date, raw]) => ({ name: raw.split(',')[1] ?? raw, date, isOffDay }));
  return { year, days: [...days(data.holidays, true), ...days(data.workdays, false)] };
}

describe('CAL12 a whole notice: each statutory holiday named exactly, in its dates, and the days the law grants', () => {
  it('every year of the built-in data (2004–2026), read as a notice, is whole', () => {
    const years = builtInYears();
    expect(years[0]).toBe(2004);
    for (const year of years) expect([year, noticeGaps(builtInNotice(year))]).toEqual([year, []]);
  });

  it('one day named for all seven holidays is refused, naming what is missing and how few days there are', () => {
    const hostile = {
      year: 2027,
      days: [{ name: '元旦春节清明劳动端午中秋国庆', date: '2027-01-01', isOffDay: true }],
    };
    const r = parseNotice(hostile);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ code: 'INVALID_HOLIDAY_FILE', field: 'days' });
    expect(r.error.message).toContain('缺少元旦、春节、清明节、劳动节、端午节、中秋节、国庆节');
    expect(r.error.message).toContain('少于法定节假日的13天');
  });

  it('each holiday named on its own date, but all on 2027-01-01..07, is refused: 春节…国庆节 out of their dates', () => {
    const names = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节、国庆节'];
    const days = Array.from({ length: 21 }, (_, i) => ({
      name: names[i % names.length] ?? '元旦',
      date: `2027-01-${String(i + 1).padStart(2, '0')}`,
      isOffDay: true,
    }));
    const r = parseNotice({ year: 2027, days });
    expect(r.ok ? '' : r.error.message).toMatch(/春节的放假日期2027-01-02.*不在该节日可能的日期范围内/);
    expect(r.ok ? '' : r.error.message).toContain('国庆节的放假日期');
  });

  it('a whole notice passes; names split on 、，, count each holiday; 中秋 merged into an 8-day 国庆 passes', () => {
    expect(parseNotice(NOTICE_2027).ok).toBe(true);
    const merged = NOTICE_2027.days
      .filter((d) => d.name !== '中秋节')
      .map((d) => (d.name === '国庆节' ? { ...d, name: '国庆节，中秋节' } : d));
    expect(parseNotice({ year: 2027, days: merged }).ok).toBe(true);
    // 中秋 named nowhere and 国庆 only 7 days: refused
    const dropped = NOTICE_2027.days.filter((d) => d.name !== '中秋节');
    expect(parseNotice({ year: 2027, days: dropped }).ok).toBe(false);
    const eightDays = [...dropped, { name: '国庆节', date: '2027-10-08', isOffDay: true }];
    expect(parseNotice({ year: 2027, days: eightDays }).ok).toBe(true);
    // a pre-2008 year needs only the four holidays of its law
    const y2003 = ['01-01', '01-31', '02-01', '02-02', '05-01', '05-02', '05-03', '10-01', '10-02', '10-03'];
    const old = y2003.map((md, i) => ({
      name: ['元旦', '春节', '春节', '春节', '劳动节', '劳动节', '劳动节', '国庆节', '国庆节', '国庆节'][i] ?? '',
      date: `2003-${md}`,
      isOffDay: true,
    }));
    expect(parseNotice({ year: 2003, days: old }).ok).toBe(true);
  });
});
