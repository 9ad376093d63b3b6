// Simulator self-tests: table sort moves whole rows, raises onRowSorted (ExcelApi 1.10) and is refused on locked cells.
import { describe, expect, it } from 'vitest';
import { installExcelSimulator } from '.';

async function withTable(apiVersion = 17) {
  const target = {} as { Excel: typeof Excel };
  const { workbook } = installExcelSimulator(target, { apiVersion });
  await target.Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('Sheet1');
    ws.getRange('A1:C4').values = [
      ['名称', '时限', '编号'],
      ['乙', '三日后', 'c-2'],
      ['甲', '', 'c-3'],
      ['丙', '一日后', 'c-1'],
    ];
    ws.tables.add('A1:C4', true).name = 'T';
    await ctx.sync();
  });
  return { workbook, Excel: target.Excel };
}

describe('BIND11: the simulator sorts tables like Excel', () => {
  it('BIND11: sort.apply moves whole rows, blanks last, raises onRowSorted and no onChanged', async () => {
    const { workbook, Excel: excel } = await withTable();
    const seen: string[] = [];
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.onRowSorted.add(async (e) => void seen.push(`sorted ${e.address}`));
      ws.onChanged.add(async () => void seen.push('changed'));
      await ctx.sync();
      ws.tables.getItem('T').sort.apply([{ key: 1, ascending: true }]);
      await ctx.sync();
    });
    await workbook.settle();
    expect(workbook.values('Sheet1', 'A2:C4')).toEqual([
      ['丙', '一日后', 'c-1'],
      ['乙', '三日后', 'c-2'],
      ['甲', '', 'c-3'],
    ]);
    expect(seen).toEqual(['sorted A2:C4']);
  });

  it('BIND11: a protected sheet refuses sorting locked cells even with allowSort; ExcelApi < 1.10 has no onRowSorted', async () => {
    const { workbook, Excel: excel } = await withTable();
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').protection.protect({ allowSort: true });
      await ctx.sync();
    });
    expect(() => workbook.user.sortTable('T', 1)).toThrow(/protected/i);
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets
          .getItem('Sheet1')
          .tables.getItem('T')
          .sort.apply([{ key: 0 }]);
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    const old = await withTable(9);
    await expect(
      old.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').onRowSorted.add(async () => undefined);
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});
