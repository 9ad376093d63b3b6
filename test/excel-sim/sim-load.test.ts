// Simulator self-tests: strict load/sync semantics, null objects, queued writes, errors at sync, request accounting.
import { describe, expect, it } from 'vitest';
import { installExcelSimulator } from './index';

function sim() {
  const target = {} as { Excel: typeof Excel; Office: typeof Office };
  const { workbook } = installExcelSimulator(target);
  return { wb: workbook, Excel: target.Excel, Office: target.Office };
}

describe('XSIM1: load and sync', () => {
  it('throws PropertyNotLoaded until a property is loaded and synced', async () => {
    const { wb, Excel } = sim();
    wb.user.type('Sheet1', 'B2', 'hello');
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      range.load('values, address');
      expect(() => range.values).toThrow(/not available/);
      await ctx.sync();
      expect(range.values).toEqual([
        ['', ''],
        ['', 'hello'],
      ]);
      expect(range.address).toBe('Sheet1!A1:B2');
      expect(() => range.rowCount).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('loads a snapshot: later changes are not seen until loaded again', async () => {
    const { wb, Excel } = sim();
    await Excel.run(async (ctx) => {
      const cell = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').load('values');
      await ctx.sync();
      wb.user.type('Sheet1', 'A1', 'later');
      expect(cell.values).toEqual([['']]);
      cell.load('values');
      await ctx.sync();
      expect(cell.values).toEqual([['later']]);
    });
  });

  it('queues writes until sync, where errors surface; operations before the failing one stay applied', async () => {
    const { wb, Excel } = sim();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1').values = [['first']];
      expect(wb.values('Sheet1', 'A1')).toEqual([['']]);
      ws.getRange('B1').values = [['too', 'wide']];
      ws.getRange('C1').values = [['never']];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument', name: 'RichApi.Error' });
      expect(wb.values('Sheet1', 'A1:C1')).toEqual([['first', '', '']]);
    });
  });

  it('answers isNullObject only after a sync, and getItem of a missing sheet fails at sync', async () => {
    const { Excel } = sim();
    await Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('nope');
      const there = ctx.workbook.worksheets.getItemOrNullObject('sheet1');
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect([missing.isNullObject, there.isNullObject]).toEqual([true, false]);
      ctx.workbook.worksheets.getItem('nope').load('name');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });

  it('remembers a set value locally, like Office.js, and rejects unknown load names at sync', async () => {
    const { Excel } = sim();
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      range.values = [[1]];
      expect(range.values).toEqual([[1]]);
      range.load('nonsense');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    });
  });

  it('refuses a run that ends with unsynced operations and objects used after their run', async () => {
    const { Excel } = sim();
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [[1]];
      }),
    ).rejects.toThrow(/never synced/);
    let stale: Excel.Range | undefined;
    await Excel.run(async (ctx) => {
      stale = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      await ctx.sync();
    });
    expect(() => {
      (stale as Excel.Range).values = [[2]];
    }).toThrow(expect.objectContaining({ code: 'InvalidObjectPath' }));
  });

  it('counts runs, syncs, range writes and request/response sizes, and enforces the 5 MB payload limit', async () => {
    const { wb, Excel } = sim();
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:B1').values = [['台账', 1]];
      await ctx.sync();
      ws.getRange('A1:B1').load('values');
      await ctx.sync();
    });
    expect(wb.stats).toMatchObject({ runs: 1, syncs: 2, rangeWrites: 1 });
    expect(wb.stats.requestBytes[0]).toBeGreaterThan(JSON.stringify(['台账', 1]).length);
    expect(wb.stats.responseBytes[1]).toBe(Buffer.byteLength(JSON.stringify([{ values: [['台账', 1]] }])));
    const big = Array.from({ length: 2_000 }, () => ['文'.repeat(1_000)]);
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:A2000').values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(wb.values('Sheet1', 'A2')).toEqual([['']]);
  });

  it('provides Office.onReady and requirement sets', async () => {
    const { Office } = sim();
    await expect(Office.onReady()).resolves.toMatchObject({ host: 'Excel' });
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.14')).toBe(true);
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.99')).toBe(false);
  });
});
