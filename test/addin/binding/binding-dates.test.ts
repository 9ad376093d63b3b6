// BIND40, BIND41: date fields are real Excel dates in the sheet, and every spelling a clerk types comes back as YYYY-MM-DD.
import { afterEach, describe, expect, it } from 'vitest';
import { DATE_FORMAT, dateOfSerial, serialOfDate } from '../../../addin/binding/excel-date';
import { addDays } from '../../../shared/time';
import { readCase } from '../../../shared/ydoc-layout';
import { actors } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

let s: BoundSheet | null = null;
afterEach(() => s?.binding.stop());

describe('BIND40: date serials', () => {
  it('BIND40: known days and the 1900 leap-year bug (serial 60 is no day)', () => {
    expect(serialOfDate('1900-01-01')).toBe(1);
    expect(serialOfDate('1900-02-28')).toBe(59);
    expect(dateOfSerial(60)).toBeNull();
    expect(serialOfDate('1900-03-01')).toBe(61);
    expect(serialOfDate('2025-01-01')).toBe(45658);
    expect(dateOfSerial(45658.99)).toBe('2025-01-01');
    expect(serialOfDate('2025-01-01', true)).toBe(45658 - 1462);
    expect(dateOfSerial(0)).toBeNull();
    expect(dateOfSerial(Number.NaN)).toBeNull();
    expect(serialOfDate('2026-02-30')).toBeNull();
  });

  it('BIND40: every day of 1900–2200 round-trips exactly, in both date systems', () => {
    let day = '1900-01-01';
    let last = 0;
    while (day < '2200-12-31') {
      const serial = serialOfDate(day) as number;
      expect(serial).toBeGreaterThan(last);
      last = serial;
      if (dateOfSerial(serial) !== day) expect([day, dateOfSerial(serial)]).toEqual([day, day]);
      if (day >= '1904-01-01' && dateOfSerial(serialOfDate(day, true) as number, true) !== day)
        expect(day).toBe('1904 round trip');
      day = addDays(day, 1);
    }
  });
});

describe('BIND40, BIND41: date cells', () => {
  it('BIND40: 受理日期 is a number in a Chinese date format, so Excel filters it as a date', async () => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling', extra: { receivedAt: '2026-11-28' } }]);
    const cell = s.workbook.cell(SHEET, s.cell(0, 'receivedAt'));
    expect(cell.value).toBe(serialOfDate('2026-11-28'));
    expect(cell.format.numberFormat).toBe(DATE_FORMAT);
    const text = await s.excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem(SHEET).getRange(s?.cell(0, 'receivedAt')).load('text, valueTypes');
      await ctx.sync();
      return [r.text[0]?.[0], r.valueTypes[0]?.[0]];
    });
    expect(text).toEqual(['2026年11月28日', 'Double']);
  });

  const spellings: [string, string | number][] = [
    ['a real date (serial)', serialOfDate('2026-11-27') as number],
    ['2026/11/27', '2026/11/27'],
    ['2026-11-27', '2026-11-27'],
    ['2026.11.27', '2026.11.27'],
    ['2026年11月27日', '2026年11月27日'],
    ['2026年11月27', '2026 年 11 月 27'],
  ];
  for (const [name, typed] of spellings)
    it(`BIND41: 受理日期 typed as ${name} reaches the server as 2026-11-27 and the cell holds the real date`, async () => {
      s = await bound(actors.office, [{ id: 'c-1', status: 'handling', extra: { receivedAt: '2026-11-20' } }]);
      s.workbook.user.type(SHEET, s.cell(0, 'receivedAt'), typed);
      await s.settle();
      expect(s.refusals).toEqual([]);
      expect(readCase(s.server, 'c-1')?.fields.receivedAt).toBe('2026-11-27');
      expect(s.value(0, 'receivedAt')).toBe(serialOfDate('2026-11-27'));
    });

  it('BIND41: 反馈日期 typed by the lead unit is read back as a date too', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    s.workbook.user.type(SHEET, s.cell(0, 'feedbackAt'), '2026.10.8');
    await s.settle();
    expect(s.refusals).toEqual([]);
    expect(readCase(s.server, 'c-1')?.fields.feedbackAt).toBe('2026-10-08');
    expect(s.value(0, 'feedbackAt')).toBe(serialOfDate('2026-10-08'));
  });

  for (const bad of ['明天', '2026/02/30', '2026年13月1日', '__proto__', 'toString', '\uD800', '9'.repeat(400)])
    it(`BIND41: ${JSON.stringify(bad.slice(0, 20))} in a date cell is refused in Chinese and the date comes back`, async () => {
      s = await bound(actors.office, [{ id: 'c-1', status: 'handling', extra: { receivedAt: '2026-11-20' } }]);
      s.workbook.user.type(SHEET, s.cell(0, 'receivedAt'), bad);
      await s.settle();
      expect(s.refusals.map((r) => r.code)).toEqual(['INVALID_DATE']);
      expect(s.refusals[0]?.message).toMatch(/受理日期/u);
      expect(readCase(s.server, 'c-1')?.fields.receivedAt).toBe('2026-11-20');
      expect(s.value(0, 'receivedAt')).toBe(serialOfDate('2026-11-20'));
    });
});
