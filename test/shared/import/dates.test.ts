// IMP2: dates in every form (date cells, serial numbers, Chinese and dotted text, inside free text) and field columns.
import { describe, expect, it } from 'vitest';
import { findDate, findDates, readDateCell, readTimeCell, serialDate } from '../../../shared/import/dates';
import { readLedger } from '../../../shared/import/read-ledger';
import type { GridCell } from '../../../shared/import/types';
import { ANNEX4_HEADERS } from '../../../shared/annex4';
import { annexRow, TITLE } from './grids';

describe('IMP2: dates in text', () => {
  it.each([
    ['2025年11月3日', '2025-11-03'],
    ['2025 年 11 月 3 日', '2025-11-03'],
    ['2025.11.3', '2025-11-03'],
    ['2025/11/3', '2025-11-03'],
    ['2025-11-03', '2025-11-03'],
    ['２０２５－１１－０３', '2025-11-03'],
    ['2025-11-03实地回访，基本满意', '2025-11-03'],
    ['已于2025年10月21日受理并办结', '2025-10-21'],
    ['2025-10-27督办（〔2025〕督5号）', '2025-10-27'],
  ])('IMP2: %s → %s', (text, want) => {
    expect(findDate(text)).toBe(want);
  });

  it.each(['10月21日', '2025-02-30', '2025-13-01', '2025-11/03', '〔2025〕24号', '12.6万元', '13972560001', ''])(
    'IMP2: %s holds no date',
    (text) => {
      expect(findDate(text)).toBeNull();
    },
  );

  it('IMP2: every date of a text, in order', () => {
    expect(findDates('2025-10-27督办；2025年11月5日再次督办')).toEqual(['2025-10-27', '2025-11-05']);
  });
});

describe('IMP2: date cells', () => {
  it.each<[GridCell, string | null]>([
    [{ date: '2025-11-03' }, '2025-11-03'],
    [45964, '2025-11-03'],
    [45964.75, '2025-11-03'],
    [20251103, '2025-11-03'],
    ['20251103', '2025-11-03'],
    ['2025年11月3日', '2025-11-03'],
    [{ formula: '=TODAY()', cached: 45964 }, '2025-11-03'],
    [{ formula: '=TODAY()' }, null],
    [{ formula: '=A1', cached: '2025/11/3' }, '2025-11-03'],
    ['待定', null],
    [true, null],
    [null, null],
  ])('IMP2: %j → %s', (cell, want) => {
    expect(readDateCell(cell)).toBe(want);
  });

  it('IMP2: Excel serials in the 1900 system, its phantom 1900-02-29 skipped', () => {
    expect(serialDate(1)).toBe('1900-01-01');
    expect(serialDate(59)).toBe('1900-02-28');
    expect(serialDate(60)).toBeNull();
    expect(serialDate(61)).toBe('1900-03-01');
    expect(serialDate(25569)).toBe('1970-01-01');
    expect(serialDate(0)).toBeNull();
    expect(serialDate(-3)).toBeNull();
    expect(serialDate(3_000_000)).toBeNull();
  });

  it.each<[GridCell, string | null]>([
    [{ date: '2025-11-03' }, '2025-11-03T09:00:00+08:00'],
    ['2025-11-03', '2025-11-03T09:00:00+08:00'],
    [45964, '2025-11-03T09:00:00+08:00'],
    [45964.4375, '2025-11-03T10:30:00+08:00'],
    ['2025-11-03 10:30', '2025-11-03T10:30:00+08:00'],
    ['2025-11-03T02:30:00Z', '2025-11-03T10:30:00+08:00'],
    ['明天', null],
  ])('IMP2: time column %j → %s (a date alone is 09:00 Shanghai)', (cell, want) => {
    expect(readTimeCell(cell)).toBe(want);
  });
});

describe('IMP2: columns found by a field header', () => {
  const header = [
    ...ANNEX4_HEADERS,
    '受理日期',
    '问题来源',
    '诉求类别',
    '交办日期',
    '办理类型',
    '企业地址',
    '办结时限',
  ];
  const read = (extra: GridCell[]) => readLedger([[TITLE], header, [...annexRow(), ...extra]]);

  it('IMP2: 受理日期 (serial), 问题来源, 诉求类别 without its number, 交办日期, 办理类型 by label, 企业地址', () => {
    const r = read([45964, '热线电话', '涉企优惠政策不落实', '2025年11月4日', '一般诉求', '枣阳市光武大道1号', '']);
    expect(r.problems).toEqual([]);
    expect(r.drafts[0]?.fields).toMatchObject({
      receivedAt: '2025-11-03',
      channel: '热线电话',
      category: '3.涉企优惠政策不落实',
      assignedAt: '2025-11-04T09:00:00+08:00',
      kind: 'general',
      address: '枣阳市光武大道1号',
    });
  });

  it('IMP2: missing registration data 附件4 does not carry (受理日期, 问题来源, 诉求类别) is no problem', () => {
    const r = read(['', null, '', '', '', '', '']);
    expect(r.problems).toEqual([]);
    expect(r.drafts[0]?.fields.receivedAt).toBeUndefined();
  });

  it('IMP2: a value outside the choices or not a date is an error naming the column with the field’s message', () => {
    const r = read(['待定', '12345热线', '乱收费', '', '紧急', '', '']);
    expect(r.drafts).toEqual([]);
    expect(r.problems.map((p) => [p.column, p.code])).toEqual([
      ['M', 'INVALID_DATE'],
      ['N', 'INVALID_CHOICE'],
      ['O', 'INVALID_CHOICE'],
      ['Q', 'INVALID_CHOICE'],
    ]);
    expect(r.problems[0]?.message).toBe('第3行 M列（受理日期）：“受理日期”应为真实日期，如 2026-11-28 或 2026/11/28');
  });
});
