// Simulator self-tests: charts on a worksheet — add with strict arguments, name and title, load, get, delete.
import { describe, expect, it } from 'vitest';
import { chartSeries } from './host-charts';
import { installExcelSimulator } from './index';

function sim() {
  const target = {} as { Excel: typeof Excel };
  const { workbook } = installExcelSimulator(target, { sheets: ['台账', '统计'] });
  workbook.openCells('统计', 'A1', [
    ['单位', '按时率', '满意率'],
    ['市税务局', 0.5, 1],
    ['市住建局', 1, 0.25],
  ]);
  return { wb: workbook, Excel: target.Excel };
}

describe('XSIM30: adding a chart', () => {
  it('a clustered column chart over a range, by columns: named, titled, placed, plotting the cells as they are now', async () => {
    const { wb, Excel } = sim();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('统计');
      const chart = ws.charts.add(Excel.ChartType.columnClustered, ws.getRange('A1:C3'), Excel.ChartSeriesBy.columns);
      chart.load('name');
      await ctx.sync();
      expect(chart.name).toBe('Chart 1');
      chart.name = '统计图';
      chart.title.text = '各单位按时率与满意率';
      chart.setPosition('E2', 'L20');
      await ctx.sync();
    });
    const sheet = wb.sheet('统计');
    expect(sheet.charts).toMatchObject([
      { name: '统计图', type: 'ColumnClustered', seriesBy: 'Columns', title: '各单位按时率与满意率' },
    ]);
    wb.openCells('统计', 'B2', [[0.75]]);
    const chart = sheet.charts[0];
    if (!chart) throw new Error('no chart');
    expect(chartSeries(sheet, chart)).toEqual({
      categories: ['市税务局', '市住建局'],
      series: [
        { name: '按时率', values: [0.75, 1] },
        { name: '满意率', values: [1, 0.25] },
      ],
    });
  });

  it('refuses what Excel would refuse or the simulator does not draw, at sync, adding nothing', async () => {
    const { wb, Excel } = sim();
    const add = (type: unknown, address: string, by: unknown, sheet = '统计') =>
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('统计');
        const src = ctx.workbook.worksheets.getItem(sheet).getRange(address);
        ws.charts.add(type as Excel.ChartType, src, by as Excel.ChartSeriesBy);
        await ctx.sync();
      });
    await expect(add('ColumnClustered', 'A1:C3', 'Diagonal')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(add('Surface', 'A1:C3', 'Columns')).rejects.toMatchObject({ code: 'NotImplemented' });
    await expect(add(7, 'A1:C3', 'Columns')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(add('ColumnClustered', 'A1:C3', 'Columns', '台账')).rejects.toMatchObject({ code: 'NotImplemented' });
    await expect(add('ColumnClustered', 'A1:A3', 'Columns')).rejects.toMatchObject({ code: 'InvalidArgument' });
    wb.sheet('统计').protection = { options: { ...defaults() }, password: undefined };
    await expect(add('ColumnClustered', 'A1:C3', 'Columns')).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(wb.sheet('统计').charts).toEqual([]);
  });
});

function defaults() {
  return {
    allowAutoFilter: false,
    allowDeleteColumns: false,
    allowDeleteRows: false,
    allowEditObjects: false,
    allowEditScenarios: false,
    allowFormatCells: false,
    allowFormatColumns: false,
    allowFormatRows: false,
    allowInsertColumns: false,
    allowInsertHyperlinks: false,
    allowInsertRows: false,
    allowPivotTables: false,
    allowSort: false,
    selectionMode: 'Normal' as const,
  };
}

describe('XSIM31, XSIM32: finding and deleting charts, getting or adding a sheet', () => {
  it('items after load; getItem gives the first of a name; a deleted chart is gone and its proxy fails', async () => {
    const { wb, Excel } = sim();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('统计');
      for (const name of ['甲', '甲', '乙'])
        ws.charts.add('ColumnClustered', ws.getRange('A1:C3'), 'Columns').name = name;
      await ctx.sync();
      expect(() => ws.charts.items).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      ws.charts.load('items/name, count');
      const first = ws.charts.getItem('甲');
      first.load('id');
      const missing = ws.charts.getItemOrNullObject('丙');
      await ctx.sync();
      expect([ws.charts.count, ws.charts.items.map((c) => c.name), missing.isNullObject]).toEqual([
        3,
        ['甲', '甲', '乙'],
        true,
      ]);
      expect(first.id).toBe(wb.sheet('统计').charts[0]?.id);
      first.delete();
      await ctx.sync();
      first.name = '又改名';
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
      ws.charts.getItem('丙').name = 'x';
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
    expect(wb.sheet('统计').charts.map((c) => c.name)).toEqual(['甲', '乙']);
  });

  it('get-or-add a sheet; adding a taken name fails; deleting the sheet deletes its charts', async () => {
    const { wb, Excel } = sim();
    await Excel.run(async (ctx) => {
      const found = ctx.workbook.worksheets.getItemOrNullObject('统计表');
      await ctx.sync();
      expect(found.isNullObject).toBe(true);
      const ws = ctx.workbook.worksheets.add('统计表');
      ws.getRange('A1:B2').values = [
        ['单位', '率'],
        ['甲', 1],
      ];
      ws.charts.add('ColumnClustered', ws.getRange('A1:B2'), 'Columns');
      await ctx.sync();
      ctx.workbook.worksheets.add('统计表');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    });
    expect(wb.sheet('统计表').charts).toHaveLength(1);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('统计表').delete();
      await ctx.sync();
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(['台账', '统计']);
  });
});
