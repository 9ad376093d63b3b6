// CAL2/CAL4: the one validator of a year's holiday notice, against hostile files (keys, sizes, text, nesting, year).
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/errors';
import { HOLIDAY_DAYS_MAX, parseHolidayFile } from '../../shared/holiday-file';
import { addDays } from '../../shared/time';

const day = (date: string, isOffDay = true, name = '元旦') => ({ name, date, isOffDay });
const notice = (over: Record<string, unknown> = {}) => ({ year: 2027, days: [day('2027-01-01')], ...over });

function refusal<T>(r: Result<T>): { code: string; message: string; field?: string } {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

describe('CAL2 hostile notices are refused whole with INVALID_HOLIDAY_FILE and a Chinese reason', () => {
  const cases: [string, unknown, string][] = [
    ['a __proto__ key at the top', JSON.parse('{"year":2027,"days":[],"__proto__":{"polluted":1}}'), '__proto__'],
    [
      'a __proto__ key in a day',
      JSON.parse('{"year":2027,"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true,"__proto__":{}}]}'),
      '__proto__',
    ],
    ['a toString key', notice({ toString: 'x' }), 'toString'],
    ['a huge name', notice({ days: [day('2027-01-01', true, '节'.repeat(100_000))] }), '超过 50 个字符'],
    ['a lone surrogate in a name', notice({ days: [day('2027-01-01', true, '元旦\uD800')] }), '代理对'],
    ['a control character in a name', notice({ days: [day('2027-01-01', true, '元旦\u0007')] }), '控制字符'],
    ['a zero-width character in a name', notice({ days: [day('2027-01-01', true, '元\u200B旦')] }), '不可见字符'],
    ['papers nested 10,000 deep', notice({ papers: JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)) }), 'papers'],
    [
      'a name nested 10,000 deep',
      notice({ days: [{ ...day('2027-01-01'), name: JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)) }] }),
      '名称',
    ],
    [
      `more than ${HOLIDAY_DAYS_MAX} days`,
      notice({ days: Array.from({ length: HOLIDAY_DAYS_MAX + 1 }, (_, i) => day(addDays('2027-01-01', i))) }),
      '条目过多',
    ],
    ['a date outside the year', notice({ days: [day('2027-06-01'), day('2026-06-01')] }), '不在文件声明的 2027 年内'],
    ['a repeated date', notice({ days: [day('2027-01-01'), day('2027-01-01', false)] }), '日期重复'],
    ['early December of the year before', notice({ days: [day('2026-12-01')] }), '不在文件声明的 2027 年内'],
    ['the year before outside 元旦', notice({ days: [day('2026-12-28', true, '国庆节')] }), '只能属于“元旦”'],
    ['an empty name', notice({ days: [day('2027-01-01', true, ' ')] }), '缺少名称'],
    ['a year out of range', { year: 3000, days: [day('3000-01-01')] }, 'year'],
    ['a string as the file', '{"year":2027}', 'JSON 对象'],
  ];
  it.each(cases)('%s', (_label, json, text) => {
    const e = refusal(parseHolidayFile(json));
    expect(e.code).toBe('INVALID_HOLIDAY_FILE');
    expect(e.message).toMatch(/^节假日文件格式不正确：/);
    expect(e.message).toContain(text);
    expect(e.message.length).toBeLessThan(200);
  });
});

describe('CAL4 an upload names its year; the year must match and be no later than allowed', () => {
  it('the body’s year must equal the upload’s year', () => {
    const e = refusal(parseHolidayFile(notice(), { year: 2028 }));
    expect(e.message).toContain('文件中的 year（2027）与要导入的年份（2028）不一致');
    expect(e.field).toBe('year');
  });

  it('a year after the latest allowed is refused, naming the range', () => {
    const e = refusal(parseHolidayFile({ year: 2040, days: [day('2040-01-01')] }, { latestYear: 2028 }));
    expect(e.message).toContain('2000–2028');
  });

  it('a real holiday-cn file is accepted: $schema, $id and papers dropped, December of the year before kept', () => {
    const r = parseHolidayFile(
      {
        $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
        $id: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/2027.json',
        year: 2027,
        papers: ['https://www.gov.cn/zhengce/content/2026-11/01/content_1.htm'],
        days: [day('2026-12-31'), day('2027-01-01'), day('2027-01-24', false, '春节')],
      },
      { year: 2027, latestYear: 2028 },
    );
    expect(r).toEqual({
      ok: true,
      value: { year: 2027, days: [day('2026-12-31'), day('2027-01-01'), day('2027-01-24', false, '春节')] },
    });
  });
});
