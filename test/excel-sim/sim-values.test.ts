// Simulator self-tests: value shapes, null and '', number-format parsing, tables, merges and deletes.
import { describe, expect, it } from 'vitest';
import { installExcelSimulator } from './index';

function sim() {
  const target = {} as { Excel: typeof Excel };
  const { workbook } = installExcelSimulator(target);
  const run = (batch: (ws: Excel.Worksheet, ctx: Excel.RequestContext) => void): Promise<void> =>
    target.Excel.run(async (ctx) => {
      batch(ctx.workbook.worksheets.getItem('Sheet1'), ctx);
      await ctx.sync();
    });
  return { wb: workbook, run };
}

describe('XSIM2: values', () => {
  it('needs exactly the range shape, or one value for every cell', async () => {
    const { wb, run } = sim();
    await expect(
      run((ws) => {
        ws.getRange('A1:B2').values = [[1, 2]];
      }),
    ).rejects.toThrow(/doesn't match the size/);
    await expect(
      run((ws) => {
        ws.getRange('A1:B2').values = [[1, 2], [3]];
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(
      run((ws) => {
        ws.getRange('A1').values = null as never;
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    await run((ws) => {
      ws.getRange('A1:B2').values = 'x' as never;
    });
    expect(wb.values('Sheet1', 'A1:B2')).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });

  it("leaves cells given null unchanged and clears cells given ''", async () => {
    const { wb, run } = sim();
    await run((ws) => {
      ws.getRange('A1:C1').values = [['a', 'b', 'c']];
    });
    await run((ws) => {
      ws.getRange('A1:C1').values = [[null, '', 'C']];
    });
    expect(wb.values('Sheet1', 'A1:C1')).toEqual([['a', '', 'C']]);
  });

  it('parses text like Excel in General cells and keeps it as typed in text (@) cells', async () => {
    const { wb, run } = sim();
    await run((ws) => {
      ws.getRange('B1:B5').numberFormat = '@' as never;
      ws.getRange('A1:A4').values = [['0710'], ['2026-02-16'], ['TRUE'], ['12%']];
      ws.getRange('B1:B4').values = [['0710'], ['2026-02-16'], ['TRUE'], ['12%']];
    });
    expect(wb.values('Sheet1', 'A1:B4')).toEqual([
      [710, '0710'],
      [46069, '2026-02-16'],
      [true, 'TRUE'],
      [0.12, '12%'],
    ]);
    expect(wb.cell('Sheet1', 'A2').format.numberFormat).toBe('yyyy/m/d');
    await expect(
      run((ws) => {
        ws.getRange('A5').values = [['=SUM(A1:A2)']];
      }),
    ).rejects.toMatchObject({ code: 'NotImplemented' });
    await run((ws) => {
      ws.getRange('B5').values = [['=not a formula']];
    });
    expect(wb.values('Sheet1', 'B5')).toEqual([['=not a formula']]);
  });

  it('refuses writes into a merged area other than its top-left cell', async () => {
    const { wb, run } = sim();
    await run((ws) => {
      ws.getRange('A1:C1').merge();
      ws.getRange('A1').values = [['title']];
    });
    await expect(
      run((ws) => {
        ws.getRange('B1').values = [['x']];
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    expect(wb.sheet('Sheet1').merges).toEqual([{ row: 0, col: 0, rows: 1, cols: 3 }]);
  });
});

describe('XSIM2: tables', () => {
  it('creates a header-only table with one empty body row, fills it on rows.add, names columns', async () => {
    const { wb, run } = sim();
    await run((ws) => {
      const t = ws.tables.add('A2:C2', true);
      t.name = 'T';
      t.rows.add(undefined, [
        [1, 2, 3],
        [4, 5, 6],
      ]);
    });
    expect(wb.values('Sheet1', 'A2:C4')).toEqual([
      ['Column1', 'Column2', 'Column3'],
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(wb.findTable('T')?.rect).toEqual({ row: 1, col: 0, rows: 3, cols: 3 });
    await expect(
      run((ws) => {
        ws.tables.add('B3:D3', true);
      }),
    ).rejects.toThrow(/overlap/);
    await expect(
      run((ws) => {
        ws.tables.getItem('T').rows.add(undefined, [[1, 2]]);
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('refuses duplicate or blank header names (Excel would rename them)', async () => {
    const { wb, run } = sim();
    await run((ws) => {
      ws.tables.add('A1:B1', true).name = 'T';
    });
    await expect(
      run((ws) => {
        ws.tables.getItem('T').getHeaderRowRange().values = [['名称', '名称']];
      }),
    ).rejects.toThrow(/duplicate/);
    await expect(
      run((ws) => {
        ws.getRange('B1').values = [['']];
      }),
    ).rejects.toThrow(/blank/);
    await run((ws) => {
      ws.tables.getItem('T').getHeaderRowRange().values = [['甲', '乙']];
    });
    expect(wb.values('Sheet1', 'A1:B1')).toEqual([['甲', '乙']]);
  });

  it('XSIM11: added rows do not copy the row format; whole table rows are deleted and one empty row is kept', async () => {
    const { wb, run } = sim();
    await run((ws) => {
      const t = ws.tables.add('A1:B1', true);
      t.name = 'T';
      t.getDataBodyRange().numberFormat = [['@', 'General']];
      t.rows.add(undefined, [
        ['007', '007'],
        ['008', '008'],
        ['009', '009'],
      ]);
    });
    // the first row fills the empty body row (text-formatted); rows.add's new rows start as General
    expect(wb.values('Sheet1', 'A2:B4')).toEqual([
      ['007', 7],
      [8, 8],
      [9, 9],
    ]);
    await run((ws) => {
      ws.tables.getItem('T').getDataBodyRange().getRow(1).delete('Up');
    });
    expect(wb.values('Sheet1', 'A2:B3')).toEqual([
      ['007', 7],
      [9, 9],
    ]);
    await expect(
      run((ws) => {
        ws.getRange('A2').delete('Up');
      }),
    ).rejects.toThrow(/shift cells in a table/);
    await run((ws) => {
      ws.tables.getItem('T').getDataBodyRange().delete('Up');
    });
    expect(wb.findTable('T')?.rect.rows).toBe(2);
    expect(wb.values('Sheet1', 'A2:B2')).toEqual([['', '']]);
  });
});
