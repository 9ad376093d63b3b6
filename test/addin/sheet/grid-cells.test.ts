// IMP6: what Excel reports for a cell becomes the 台账 reader's GridCell: dates by number format, formulas never evaluated.
import { describe, expect, it } from 'vitest';
import { gridCell, isDateFormat, serialDate } from '../../../addin/sheet/grid-cells';

describe('IMP6: cells of an existing 台账', () => {
  it('tells date formats from others', () => {
    for (const f of [
      'yyyy/m/d',
      'm/d/yyyy',
      'yyyy"年"m"月"d"日"',
      '[$-804]yyyy-mm-dd',
      'd-mmm-yy',
      'yyyy/m/d h:mm',
      'DD.MM.YYYY',
    ])
      expect(isDateFormat(f), f).toBe(true);
    for (const f of [
      'General',
      '@',
      '0',
      '0.00',
      'h:mm',
      '[h]:mm:ss',
      '"day"0',
      '0"天"',
      '#,##0;[Red]-#,##0',
      '0.00E+00',
    ])
      expect(isDateFormat(f), f).toBe(false);
  });

  it('reads serial dates in the 1900 system, refusing serials that are no day', () => {
    expect(serialDate(45954)).toBe('2025-10-24');
    expect(serialDate(45954.75)).toBe('2025-10-24');
    expect(serialDate(1)).toBe('1900-01-01');
    expect(serialDate(59)).toBe('1900-02-28');
    expect(serialDate(61)).toBe('1900-03-01');
    expect(serialDate(2_958_465)).toBe('9999-12-31');
    for (const bad of [0, -1, 60, 2_958_466, Number.NaN]) expect(serialDate(bad)).toBeNull();
  });

  it('keeps text and numbers, empties as null, dates as {date}, formulas with their result', () => {
    expect(gridCell('〔2025〕1号', '〔2025〕1号', '@')).toBe('〔2025〕1号');
    expect(gridCell(3, 3, 'General')).toBe(3);
    expect(gridCell(true, true, 'General')).toBe(true);
    expect(gridCell('', '', 'General')).toBeNull();
    expect(gridCell(45954, 45954, 'yyyy/m/d')).toEqual({ date: '2025-10-24' });
    expect(gridCell(60, 60, 'yyyy/m/d')).toBe(60);
    expect(gridCell('2025-10-24', '2025-10-24', '@')).toBe('2025-10-24');
    expect(gridCell(8, '=B1+1', 'General')).toEqual({ formula: '=B1+1', cached: 8 });
    expect(gridCell(45954, '=TODAY()', 'yyyy/m/d')).toEqual({ formula: '=TODAY()', cached: '2025-10-24' });
    expect(gridCell('', '=IF(A1,"","x")', 'General')).toEqual({ formula: '=IF(A1,"","x")', cached: '' });
    expect(gridCell('#DIV/0!', '=1/0', 'General')).toEqual({ formula: '=1/0', cached: '#DIV/0!' });
    // text that merely starts with '=' (a text cell) is no formula: Excel gives the same text for both
    expect(gridCell('=不是公式', '=不是公式', '@')).toBe('=不是公式');
  });
});
