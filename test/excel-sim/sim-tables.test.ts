// Simulator self-tests for tables as Excel documents them: the total row, AutoFilter, added rows and resizing.
import { describe, expect, it } from 'vitest';
import { installExcelSimulator } from './index';

function sim() {
  const target = {} as { Excel: typeof Excel };
  const { workbook } = installExcelSimulator(target);
  const run = <T>(batch: (ws: Excel.Worksheet, ctx: Excel.RequestContext) => T): Promise<T> =>
    target.Excel.run(async (ctx) => {
      const out = batch(ctx.workbook.worksheets.getItem('Sheet1'), ctx);
      await ctx.sync();
      return out;
    });
  return { wb: workbook, run };
}

async function table(rows: string[][]) {
  const s = sim();
  await s.run((ws) => {
    ws.getRange(`A1:B${rows.length + 1}`).values = [['名称', '编号'], ...rows];
    ws.tables.add(`A1:B${rows.length + 1}`, true).name = 'T';
  });
  return s;
}

describe('XSIM10: the total row', () => {
  it('XSIM10: showTotals adds a labelled row with a count in the last column, outside the data body', async () => {
    const { wb, run } = await table([
      ['a', 'c-1'],
      ['b', 'c-2'],
    ]);
    await run((ws) => {
      ws.tables.getItem('T').showTotals = true;
    });
    expect(wb.values('Sheet1', 'A4:B4')).toEqual([['Total', 2]]);
    const [whole, body, total, count] = await run((ws) => {
      const t = ws.tables.getItem('T');
      return [
        t.getRange().load('rowCount'),
        t.getDataBodyRange().load('rowCount'),
        t.getTotalRowRange().load('rowIndex'),
        t.rows.load('count'),
      ] as const;
    });
    expect([whole.rowCount, body.rowCount, total.rowIndex, count.count]).toEqual([4, 2, 3, 2]);
    await run((ws) => {
      ws.tables.getItem('T').showTotals = false;
    });
    expect(wb.values('Sheet1', 'A4:B4')).toEqual([['', '']]);
    expect(wb.findTable('T')?.rect.rows).toBe(3);
  });

  it('XSIM10: the total row cannot be deleted as a data row', async () => {
    const { wb, run } = await table([['a', 'c-1']]);
    wb.user.setTotalRow('T', true);
    await expect(run((ws) => ws.getRange('A3:B3').delete('Up' as Excel.DeleteShiftDirection))).rejects.toMatchObject({
      code: 'InvalidOperation',
    });
  });
});
