// VIEW5: column widths fit Chinese text, technical columns are hidden, and both are laid out once, not over the clerk.
import { describe, expect, it } from 'vitest';
import { COLUMN_OF, LAYOUT } from '../../../addin/binding/columns';
import { createOfficeSheet } from '../../../addin/sheet/office-sheet';
import { widthPoints } from '../../../addin/sheet/office-setup';
import { FIELDS } from '../../../shared/fields';
import { columnLetters } from '../../excel-sim';
import { harness, SHEET } from './harness';

/** A Chinese character of Excel's default 11 pt font is about 11 points wide; a column adds about 5 points of margin. */
const fitsChinese = (points: number | undefined, characters: number): boolean => (points ?? 0) >= characters * 11 + 5;
const col = (field: string): number => COLUMN_OF.get(field as never) as number;
const technical = FIELDS.filter((f) => 'technical' in f && f.technical).map((f) => col(f.id));

describe('VIEW5: widths and technical columns', () => {
  it('VIEW5: a new table shows 诉求企业, 诉求编号 and 主要诉求 wide enough for Chinese text, technical columns hidden', async () => {
    const { workbook, port } = harness();
    await port.setup(LAYOUT);
    const sheet = workbook.sheet(SHEET);
    expect(fitsChinese(sheet.columnWidths.get(col('company')), 14)).toBe(true);
    // 〔2026〕123号: three wide characters and seven digits
    expect(fitsChinese(sheet.columnWidths.get(col('code')), 7)).toBe(true);
    expect(fitsChinese(sheet.columnWidths.get(col('summary')), 20)).toBe(true);
    expect(technical.length).toBeGreaterThan(10);
    LAYOUT.columns.forEach((spec, i) => {
      const hidden = technical.includes(i) || i === LAYOUT.idColumn;
      expect([spec.header, sheet.hiddenColumns.has(i)]).toEqual([spec.header, hidden]);
      expect([spec.header, sheet.columnWidths.get(i)]).toEqual([spec.header, widthPoints(spec.width)]);
    });
  });

  it('VIEW5: widths and hidden columns the clerk changes are kept when the add-in starts again', async () => {
    const { workbook, port, excel } = harness();
    await port.setup(LAYOUT);
    workbook.user.formatColumn(SHEET, col('company'), { width: 300 });
    workbook.user.formatColumn(SHEET, col('importedFrom'), { hidden: false });
    workbook.user.formatColumn(SHEET, col('address'), { hidden: true });
    await createOfficeSheet({ excel }).setup(LAYOUT);
    const sheet = workbook.sheet(SHEET);
    expect(sheet.columnWidths.get(col('company'))).toBe(300);
    expect(sheet.hiddenColumns.has(col('importedFrom'))).toBe(false);
    expect(sheet.hiddenColumns.has(col('address'))).toBe(true);
    expect(sheet.hiddenColumns.has(col('importOriginal'))).toBe(true);
  });

  it('VIEW5: a table adopted from an earlier version (no look recorded) gets the widths once', async () => {
    const { workbook, port, excel } = harness();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add(SHEET);
      const t = ws.tables.add(`A2:${columnLetters(LAYOUT.columns.length - 1)}2`, true);
      t.name = LAYOUT.tableName;
      t.getHeaderRowRange().values = [LAYOUT.columns.map((c) => c.header)];
      await ctx.sync();
    });
    await port.setup(LAYOUT);
    const sheet = workbook.sheet(SHEET);
    expect(sheet.hiddenColumns.has(col('importOriginal'))).toBe(true);
    expect(sheet.columnWidths.get(col('company'))).toBe(widthPoints(LAYOUT.columns[col('company')]?.width ?? 0));
    expect(workbook.sheet('台账同步状态').visibility).toBe('VeryHidden');
  });
});

describe('XSIM51: people formatting columns', () => {
  it('XSIM51: a protected sheet refuses column formatting without allowFormatColumns', async () => {
    const { workbook, excel } = harness();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').protection.protect({ allowFormatColumns: false });
      await ctx.sync();
    });
    expect(() => workbook.user.formatColumn('Sheet1', 0, { width: 100 })).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    expect(workbook.sheet('Sheet1').columnWidths.get(0)).toBeUndefined();
  });
});
