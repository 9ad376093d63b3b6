// Figures of the Office sheet port: a 10,000-case render in one write, and what one cell update costs.
import { describe, expect, it } from 'vitest';
import { LAYOUT } from '../../../addin/binding/columns';
import { createOfficeSheet } from '../../../addin/sheet/office-sheet';
import { PAYLOAD_LIMIT_BYTES } from '../../excel-sim';
import { readyHarness } from './harness';
import { ledgerRows } from './ledger-fixture';

const CASES = 10_000;

describe('BIND7: scale', () => {
  it(`renders ${CASES} realistic cases in one write with few requests, each under the 5 MB limit`, async () => {
    const { port, workbook } = await readyHarness();
    const rows = ledgerRows(CASES);
    const started = Date.now();
    await port.write({ cells: [], rows: [], append: rows, remove: [] });
    const { stats } = workbook;
    const total = stats.requestBytes.reduce((a, b) => a + b, 0);
    console.log(
      `[figures] ${CASES}-case render: ${stats.runs} Excel.run, ${stats.syncs} context.sync, ${stats.rangeWrites} range writes; ` +
        `largest request ${stats.largestRequestBytes} bytes (port estimate ${port.counters.largestRequestBytes}), total ${total} bytes; ${Date.now() - started} ms in the simulator`,
    );
    expect(stats.runs).toBe(1);
    expect(stats.requestBytes.every((b) => b < PAYLOAD_LIMIT_BYTES)).toBe(true);
    expect(stats.largestRequestBytes).toBeLessThanOrEqual(1_050_000);
    expect(stats.syncs).toBeLessThanOrEqual(Math.ceil(total / 1_000_000) + 1);
    expect(port.counters.largestRequestBytes).toBeLessThanOrEqual(1_000_000);

    workbook.resetStats();
    const back = await port.readRows();
    console.log(
      `[figures] reading ${CASES} cases back: ${workbook.stats.syncs} context.sync, largest response ${workbook.stats.largestResponseBytes} bytes`,
    );
    expect(workbook.stats.responseBytes.every((b) => b < PAYLOAD_LIMIT_BYTES)).toBe(true);
    expect(back).toEqual(rows);
  });

  it('with a 4 MB budget the same render takes a quarter of the requests, still under the limit', async () => {
    const { port, workbook } = await readyHarness({ port: { requestBudgetBytes: 4_000_000 } });
    await port.write({ cells: [], rows: [], append: ledgerRows(CASES), remove: [] });
    console.log(
      `[figures] ${CASES}-case render with a 4 MB budget: ${workbook.stats.syncs} context.sync, largest request ${workbook.stats.largestRequestBytes} bytes`,
    );
    expect(workbook.stats.requestBytes.every((b) => b < PAYLOAD_LIMIT_BYTES)).toBe(true);
  });

  it('reads in smaller pieces when Excel refuses a response as too large', async () => {
    const h = await readyHarness({ workbook: { payloadLimit: 150_000 }, port: { requestBudgetBytes: 100_000 } });
    const rows = ledgerRows(400);
    await h.port.write({ cells: [], rows: [], append: rows, remove: [] });
    const reader = createOfficeSheet({ excel: h.excel, log: () => {} });
    await reader.setup(LAYOUT);
    h.workbook.resetStats();
    expect(await reader.readRows()).toEqual(rows);
    const refused = h.workbook.stats.responseBytes.filter((b) => b > 150_000).length;
    console.log(
      `[figures] reading 400 cases with a 150 kB response limit: ${h.workbook.stats.syncs} context.sync, ${refused} refused`,
    );
    expect(refused).toBeGreaterThan(0);
  });

  it('updates one cell with one Excel.run, one sync and one range write', async () => {
    const { port, workbook } = await readyHarness();
    await port.write({ cells: [], rows: [], append: ledgerRows(50), remove: [] });
    workbook.resetStats();
    const before = { ...port.counters };
    await port.write({ cells: [{ row: 17, column: 2, value: '改名后的企业' }], rows: [], append: [], remove: [] });
    const runs = port.counters.runs - before.runs,
      writes = port.counters.rangeWrites - before.rangeWrites;
    console.log(
      `[figures] one cell update: ${runs} Excel.run, ${port.counters.syncs - before.syncs} context.sync, ${writes} range write; request ${workbook.stats.largestRequestBytes} bytes`,
    );
    expect(workbook.stats).toMatchObject({ runs: 1, syncs: 1, rangeWrites: 1 });
    expect(runs).toBe(1);
    expect(writes).toBe(1);
  });
});
