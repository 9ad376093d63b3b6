// Tests for the working-day calendar (CAL1 State Council notices, CAL2 override files, CAL3 years without data).

import { describe, expect, it } from 'vitest';
import type { HolidayFile } from '../../shared/calendar';
import { createCalendar, parseHolidayFile } from '../../shared/calendar';
import type { Result } from '../../shared/errors';
import { LedgerError } from '../../shared/errors';

const cal = createCalendar();

function valueOf<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

function refusalOf<T>(r: Result<T>): { code: string; message: string; field?: string } {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('CAL1 working days follow the State Council notices', () => {
  it('National Day 2026: 10-01..10-07 off, 调休 Sunday 09-20 and Saturday 10-10 worked', () => {
    for (let d = 1; d <= 7; d++) expect(cal.isWorkingDay(`2026-10-0${d}`)).toBe(false);
    expect(cal.isWorkingDay('2026-09-20')).toBe(true);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.isWorkingDay('2026-10-11')).toBe(false);
    expect(cal.isWorkingDay('2026-10-08')).toBe(true);
    expect(cal.isWorkingDay('2026-09-30')).toBe(true);
  });

  it('Spring Festival 2026: 02-15..02-23 off, 调休 Saturdays 02-14 and 02-28 worked', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-15')).toBe(false);
    expect(cal.isWorkingDay('2026-02-23')).toBe(false);
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(cal.isWorkingDay('2026-03-01')).toBe(false);
  });

  it('ordinary weeks are Monday–Friday', () => {
    expect(cal.isWorkingDay('2026-03-09')).toBe(true);
    expect(cal.isWorkingDay('2026-03-13')).toBe(true);
    expect(cal.isWorkingDay('2026-03-14')).toBe(false);
    expect(cal.isWorkingDay('2026-03-15')).toBe(false);
  });

  it('one-off holidays are included (2015-09-03 抗战胜利70周年纪念日, with 调休 Sunday 09-06)', () => {
    expect(cal.isWorkingDay('2015-09-03')).toBe(false);
    expect(cal.isWorkingDay('2015-09-04')).toBe(false);
    expect(cal.isWorkingDay('2015-09-06')).toBe(true);
    expect(cal.dayName('2015-09-03')).toContain('70周年');
  });

  it('late-December days set by the next year’s notice (2018-12-29 worked, 12-31 off for 元旦 2019)', () => {
    expect(cal.isWorkingDay('2018-12-29')).toBe(true);
    expect(cal.isWorkingDay('2018-12-31')).toBe(false);
  });

  it('dayName gives the Chinese holiday or 调休 name, null for ordinary days', () => {
    expect(cal.dayName('2026-10-01')).toBe('国庆节');
    expect(cal.dayName('2026-10-10')).toBe('国庆节');
    expect(cal.dayName('2026-04-05')).toBe('清明节');
    expect(cal.dayName('2026-06-19')).toBe('端午节');
    expect(cal.dayName('2026-09-25')).toBe('中秋节');
    expect(cal.dayName('2026-01-01')).toBe('元旦');
    expect(cal.dayName('2026-03-10')).toBeNull();
  });

  it('refuses invalid dates with INVALID_DATE', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(LedgerError);
    expect(() => cal.dayName('2026/10/01')).toThrow(expect.objectContaining({ code: 'INVALID_DATE' }));
  });
});

describe('CAL3 years with and without data', () => {
  it('the base package covers 2004–2026 and nothing else', () => {
    const years = cal.coveredYears();
    expect(years[0]).toBe(2004);
    expect(years[years.length - 1]).toBe(2026);
    expect(years).toHaveLength(23);
    expect(cal.hasData(2026)).toBe(true);
    expect(cal.hasData(2027)).toBe(false);
    expect(cal.hasData(2003)).toBe(false);
  });

  it('a year without data still answers Monday–Friday (deadline code marks it provisional)', () => {
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
    expect(cal.isWorkingDay('2027-01-02')).toBe(false);
    expect(cal.dayName('2027-01-01')).toBeNull();
  });
});

const file2027: HolidayFile = {
  year: 2027,
  days: [
    { name: '元旦', date: '2027-01-01', isOffDay: true },
    { name: '春节', date: '2027-01-24', isOffDay: false },
  ],
};

describe('CAL2 override files in holiday-cn shape', () => {
  it('an override file adds a whole year', () => {
    const c = createCalendar([file2027]);
    expect(c.hasData(2027)).toBe(true);
    expect(c.coveredYears()).toContain(2027);
    expect(c.isWorkingDay('2027-01-01')).toBe(false);
    expect(c.isWorkingDay('2027-01-24')).toBe(true);
    expect(c.dayName('2027-01-01')).toBe('元旦');
    expect(c.isWorkingDay('2027-01-04')).toBe(true);
    expect(cal.hasData(2027)).toBe(false); // the shared base is untouched
  });

  it('a local closure day in a covered year overrides the base data', () => {
    const c = createCalendar([{ year: 2026, days: [{ name: '台风停工', date: '2026-11-16', isOffDay: true }] }]);
    expect(cal.isWorkingDay('2026-11-16')).toBe(true);
    expect(c.isWorkingDay('2026-11-16')).toBe(false);
    expect(c.dayName('2026-11-16')).toBe('台风停工');
    expect(c.isWorkingDay('2026-10-10')).toBe(true);
  });

  it('an override can also reverse a base day, and the later file wins', () => {
    const a: HolidayFile = { year: 2026, days: [{ name: '补班', date: '2026-10-11', isOffDay: false }] };
    const b: HolidayFile = { year: 2026, days: [{ name: '国庆节', date: '2026-10-11', isOffDay: true }] };
    expect(createCalendar([a]).isWorkingDay('2026-10-11')).toBe(true);
    expect(createCalendar([a, b]).isWorkingDay('2026-10-11')).toBe(false);
  });

  it('parses a real holiday-cn file (extra keys, previous-December 元旦 days)', () => {
    const json: unknown = JSON.parse(`{
      "$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
      "year": 2019,
      "papers": ["http://www.gov.cn/zhengce/content/2018-12/06/content_5346276.htm"],
      "days": [
        { "name": "元旦", "date": "2018-12-29", "isOffDay": false },
        { "name": "元旦", "date": "2018-12-30", "isOffDay": true },
        { "name": "元旦", "date": "2019-01-01", "isOffDay": true },
        { "name": "国庆节", "date": "2019-10-12", "isOffDay": false }
      ]
    }`);
    const file = valueOf(parseHolidayFile(json));
    expect(file.year).toBe(2019);
    expect(file.days).toHaveLength(4);
    expect(file.days[0]).toEqual({ name: '元旦', date: '2018-12-29', isOffDay: false });
    expect(Object.keys(file)).toEqual(['year', 'days']);
  });

  const refusals: [string, unknown, string, string][] = [
    ['not an object', [1, 2], 'JSON 对象', ''],
    ['null', null, 'JSON 对象', ''],
    ['year missing', { days: [] }, 'year', 'year'],
    ['year not an integer', { year: 2027.5, days: file2027.days }, 'year', 'year'],
    ['year as string', { year: '2027', days: file2027.days }, 'year', 'year'],
    [
      'year out of range',
      { year: 1999, days: [{ name: '元旦', date: '1999-01-01', isOffDay: true }] },
      '2000–2100',
      'year',
    ],
    ['days not an array', { year: 2027, days: {} }, 'days', 'days'],
    ['days empty', { year: 2027, days: [] }, '为空', 'days'],
    ['entry not an object', { year: 2027, days: ['2027-01-01'] }, '第 1 条', 'days[0]'],
    [
      'impossible date',
      { year: 2027, days: [file2027.days[0], { name: '春节', date: '2027-02-30', isOffDay: true }] },
      '第 2 条',
      'days[1].date',
    ],
    [
      'bad date format',
      { year: 2027, days: [{ name: '元旦', date: '2027-1-1', isOffDay: true }] },
      '2027-1-1',
      'days[0].date',
    ],
    [
      'date in another year',
      { year: 2027, days: [{ name: '元旦', date: '2028-01-01', isOffDay: true }] },
      '第 1 条（2028-01-01）不在文件声明的 2027 年内',
      'days[0].date',
    ],
    [
      'date in previous year but not December',
      { year: 2027, days: [{ name: 'x', date: '2026-11-30', isOffDay: true }] },
      '2026-11-30',
      'days[0].date',
    ],
    [
      'duplicate date',
      { year: 2027, days: [file2027.days[0], file2027.days[0]] },
      '第 2 条（2027-01-01）日期重复',
      'days[1].date',
    ],
    [
      'isOffDay as string',
      { year: 2027, days: [{ name: '元旦', date: '2027-01-01', isOffDay: 'true' }] },
      '第 1 条（2027-01-01）的 isOffDay',
      'days[0].isOffDay',
    ],
    ['isOffDay missing', { year: 2027, days: [{ name: '元旦', date: '2027-01-01' }] }, 'isOffDay', 'days[0].isOffDay'],
    ['name missing', { year: 2027, days: [{ date: '2027-01-01', isOffDay: true }] }, '名称', 'days[0].name'],
    ['name blank', { year: 2027, days: [{ name: '  ', date: '2027-01-01', isOffDay: true }] }, '名称', 'days[0].name'],
    [
      'name too long',
      { year: 2027, days: [{ name: '节'.repeat(51), date: '2027-01-01', isOffDay: true }] },
      '超过 50 个字符',
      'days[0].name',
    ],
  ];

  it.each(refusals)('refuses a bad file with INVALID_HOLIDAY_FILE: %s', (_label, json, text, field) => {
    const e = refusalOf(parseHolidayFile(json));
    expect(e.code).toBe('INVALID_HOLIDAY_FILE');
    expect(e.message).toContain('节假日文件格式不正确');
    expect(e.message).toContain(text);
    if (field !== '') expect(e.field).toBe(field);
  });

  it('accepts a 50-character name and trims names', () => {
    const f = valueOf(
      parseHolidayFile({ year: 2027, days: [{ name: ` ${'节'.repeat(50)} `, date: '2027-01-01', isOffDay: true }] }),
    );
    expect(f.days[0]?.name).toBe('节'.repeat(50));
  });
});
