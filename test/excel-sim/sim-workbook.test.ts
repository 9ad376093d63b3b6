// Simulator self-tests: sheet names and renaming, loading the worksheet collection, used ranges, formulas, the workbook.
import { describe, expect, it } from 'vitest';
import { installExcelSimulator } from './index';
import type { WorkbookOptions } from './index';

function sim(options?: WorkbookOptions) {
  const target = {} as { Excel: typeof Excel };
  const { workbook } = installExcelSimulator(target, options);
  return { wb: workbook, Excel: target.Excel };
}

describe('XSIM5: sheets', () => {
  it('checks names when a sheet is renamed or added, as Excel does', async () => {
    const { wb, Excel } = sim({ sheets: ['台账', 'Other'] });
    const id = wb.sheet('台账').id;
    const rename = (to: string) =>
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(id).name = to;
        await ctx.sync();
      });
    for (const bad of ['', 'a'.repeat(32), 'a/b', 'a\\b', 'a?b', 'a*b', 'a:b', 'a[b', 'a]b', "'a", "a'", 'History'])
      await expect(rename(bad)).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(rename('other')).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    await rename("台账（导入前）'s");
    expect(wb.sheets.map((s) => s.name)).toEqual(["台账（导入前）'s", 'Other']);
    await rename('台账');
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.add('HISTORY');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('loads the worksheet collection: items only after load and sync, with the properties asked for', async () => {
    const { wb, Excel } = sim({ sheets: ['A', 'B', 'C'], name: '枣阳台账.xlsx' });
    wb.sheet('C').visibility = 'Hidden';
    await Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expect(() => sheets.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      sheets.load('items/name, items/visibility');
      const book = ctx.workbook.load('name');
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([
        ['A', 'Visible'],
        ['B', 'Visible'],
        ['C', 'Hidden'],
      ]);
      expect(() => sheets.items[0]?.id).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      expect(book.name).toBe('枣阳台账.xlsx');
      // an item is the sheet itself: it follows a rename
      (sheets.items[1] as Excel.Worksheet).name = 'B2';
      await ctx.sync();
      sheets.load('name');
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['A', 'B2', 'C']);
    });
  });

  it('gives the used range, by values only or with formats, and a null object for a blank sheet', async () => {
    const { wb, Excel } = sim({ sheets: ['S'] });
    const used = (valuesOnly: boolean) =>
      Excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('S').getUsedRangeOrNullObject(valuesOnly).load('address');
        await ctx.sync();
        return r.isNullObject ? null : r.address;
      });
    expect(await used(true)).toBeNull();
    expect(await used(false)).toBeNull();
    wb.openCells('S', 'B2', [[{ value: 1, numberFormat: '0.00' }]]);
    wb.openCells('S', 'D5', [[{ value: '', numberFormat: '@' }]]);
    wb.openCells('S', 'C3', [[{ formula: '=B2*2', result: '' }]]);
    expect(await used(true)).toBe('S!B2:C3');
    expect(await used(false)).toBe('S!B2:D5');
  });
});

describe('XSIM5: formulas and number formats', () => {
  it('reads a formula cell as its formula and its last result, other cells as their values', async () => {
    const { wb, Excel } = sim({ sheets: ['S'] });
    wb.openCells('S', 'A1', [
      ['文字', 7, { formula: '=B1+1', result: 8 }, { value: 45955, numberFormat: 'yyyy"年"m"月"d"日"' }, ''],
    ]);
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('S').getRange('A1:E1').load('values, formulas, numberFormat');
      await ctx.sync();
      expect(r.values).toEqual([['文字', 7, 8, 45955, '']]);
      expect(r.formulas).toEqual([['文字', 7, '=B1+1', 45955, '']]);
      expect(r.numberFormat).toEqual([['General', 'General', 'General', 'yyyy"年"m"月"d"日"', 'General']]);
    });
  });

  it('writes constants through formulas, refuses to calculate, and a value or format change treats a formula as Excel does', async () => {
    const { wb, Excel } = sim({ sheets: ['S'] });
    wb.openCells('S', 'A1', [
      [
        { formula: '=1+1', result: 2 },
        { formula: '=2+2', result: 4 },
      ],
    ]);
    const run = (batch: (ws: Excel.Worksheet) => void) =>
      Excel.run(async (ctx) => {
        batch(ctx.workbook.worksheets.getItem('S'));
        await ctx.sync();
      });
    await expect(
      run((ws) => {
        ws.getRange('C1').formulas = [['=A1']];
      }),
    ).rejects.toMatchObject({ code: 'NotImplemented' });
    await run((ws) => {
      ws.getRange('C1:D1').formulas = [['text', 3]];
      ws.getRange('A1').values = [[5]];
      ws.getRange('B1').numberFormat = [['0.0']];
    });
    expect(wb.values('S', 'A1:D1')).toEqual([[5, 4, 'text', 3]]);
    expect(wb.sheet('S').cell(0, 0).x).toBeUndefined();
    expect(wb.sheet('S').cell(0, 1).x).toBe('=2+2');
  });
});
