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

describe('XSIM11: added rows and resizing', () => {
  it('XSIM11: rows.add gives new rows the default format, never the text format or validation above', async () => {
    const { wb, run } = await table([['a', 'c-1']]);
    await run((ws) => {
      const body = ws.tables.getItem('T').getDataBodyRange();
      body.numberFormat = [['@', '@']];
      body.getColumn(0).dataValidation.rule = { list: { inCellDropDown: true, source: 'a,b' } };
    });
    await run((ws) => ws.tables.getItem('T').rows.add(undefined, [['b', '0123']]));
    const f = wb.sheet('Sheet1').cell(2, 0).f;
    expect([f.numberFormat, f.validation, f.locked]).toEqual(['General', null, true]);
    expect(wb.values('Sheet1', 'B3')).toEqual([[123]]);
    expect(wb.stats.rowsAdded).toBe(1);
    await expect(run((ws) => ws.tables.getItem('T').rows.add(undefined, [['=1+1', 'x']]))).rejects.toThrow(/formula/);
  });

  it('XSIM11: resize keeps the header row, takes the cells below as they are and refuses another header row', async () => {
    const { wb, run } = await table([['a', 'c-1']]);
    await run((ws) => {
      ws.getRange('A3:B3').values = [['b', 'c-2']];
      ws.tables.getItem('T').resize(ws.getRange('A1:B3'));
    });
    expect(wb.findTable('T')?.rect).toEqual({ row: 0, col: 0, rows: 3, cols: 2 });
    expect(wb.sheet('Sheet1').cell(2, 0).f.numberFormat).toBe('General');
    await expect(run((ws) => ws.tables.getItem('T').resize('A2:B3'))).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
  });
});

describe('XSIM12: AutoFilter', () => {
  it('XSIM12: a value filter hides rows; rows cannot be added, deleted or resized until it is cleared', async () => {
    const { wb, run } = await table([
      ['a', 'c-1'],
      ['b', 'c-2'],
    ]);
    await run((ws) => {
      ws.tables.getItem('T').autoFilter.apply(ws.tables.getItem('T').getRange(), 1, {
        filterOn: 'Values' as Excel.FilterOn,
        values: ['c-1'],
      });
    });
    expect(wb.sheet('Sheet1').filteredRows).toEqual(new Set([2]));
    const state = await run((ws) => ws.tables.getItem('T').autoFilter.load('isDataFiltered'));
    expect(state.isDataFiltered).toBe(true);
    for (const refused of [
      (ws: Excel.Worksheet) => ws.tables.getItem('T').rows.add(undefined, [['c', 'c-3']]),
      (ws: Excel.Worksheet) => ws.getRange('A3:B3').delete('Up' as Excel.DeleteShiftDirection),
      (ws: Excel.Worksheet) => ws.tables.getItem('T').resize('A1:B4'),
    ])
      await expect(run(refused)).rejects.toMatchObject({ code: 'InsertDeleteConflict' });
    // values written by position land on the hidden row
    await run((ws) => {
      ws.getRange('A3').values = [['written']];
    });
    expect(wb.values('Sheet1', 'A3')).toEqual([['written']]);
    wb.user.filterTable('T', 0, null);
    expect(wb.sheet('Sheet1').filteredRows.size).toBe(0);
    await run((ws) => ws.tables.getItem('T').rows.add(undefined, [['c', 'c-3']]));
    expect(wb.findTable('T')?.rect.rows).toBe(4);
  });
});
