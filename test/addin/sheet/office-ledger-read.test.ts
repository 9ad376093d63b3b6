// IMP6 on the Excel simulator: the port finds an office's own 台账, reads its cells in pieces, and jumps to a cell of it.
import { describe, expect, it } from 'vitest';
import { LAYOUT } from '../../../addin/binding/columns';
import type { GridCell } from '../../../shared/import/types';
import { SAMPLE_HEADER, SAMPLE_MERGE, SAMPLE_ROWS, SAMPLE_TITLE, sampleGrid, sampleValues } from '../ledger-sample';
import { harness } from './harness';

async function connected(sheet: string, options: Parameters<typeof harness>[0] = {}) {
  const h = harness({
    ...options,
    workbook: { sheets: ['Sheet1', sheet], name: '枣阳市直通车台账.xlsx', ...options.workbook },
  });
  h.workbook.openCells(sheet, 'A1', sampleValues(), [SAMPLE_MERGE]);
  await h.port.setup(LAYOUT);
  return h;
}

describe('IMP6: an existing 台账 in the workbook', () => {
  it('is found on 台账 (renamed by setup) and on 2025年台账, never on the live table', async () => {
    for (const [name, now] of [
      ['台账', '台账（导入前）'],
      ['2025年台账', '2025年台账'],
    ] as const) {
      const { port } = await connected(name);
      expect(await port.findExistingLedger()).toEqual({
        sheet: now,
        headerRow: 2,
        rows: SAMPLE_ROWS.length,
        workbook: '枣阳市直通车台账.xlsx',
      });
    }
    const plain = harness();
    plain.workbook.openCells('Sheet1', 'A1', [
      ['序号', '备注'],
      [1, '不是台账'],
    ]);
    await plain.port.setup(LAYOUT);
    await plain.port.write({ cells: [], rows: [], append: [], remove: [] });
    expect(await plain.port.findExistingLedger()).toBeNull();
  });

  it('finds a header below title and 填报单位 rows, and skips hidden sheets', async () => {
    const h = harness({ workbook: { sheets: ['说明', '隐藏', '表'] } });
    h.workbook.openCells('隐藏', 'A1', sampleValues());
    h.workbook.sheet('隐藏').visibility = 'Hidden';
    h.workbook.openCells('表', 'A5', [['填报单位：枣阳市营商办'], [], ...sampleValues().slice(1)]);
    await h.port.setup(LAYOUT);
    expect(await h.port.findExistingLedger()).toMatchObject({ sheet: '表', headerRow: 7, rows: 15 });
  });

  it('reads every cell from A1, dates and formulas included, in pieces with progress', async () => {
    const { port, workbook } = await connected('2025年台账', { port: { requestBudgetBytes: 4_000 } });
    workbook.openCells('2025年台账', 'M3', [
      [
        { value: 45954, numberFormat: 'yyyy/m/d' },
        { formula: '=A3*2', result: 2 },
      ],
    ]);
    const progress: [number, number][] = [];
    const cells = await port.readSheet('2025年台账', (done, total) => progress.push([done, total]));
    const expected = sampleGrid().map((r) => [...r, null, null]);
    (expected[2] as GridCell[])[12] = { date: '2025-10-24' };
    (expected[2] as GridCell[])[13] = { formula: '=A3*2', cached: 2 };
    expect(cells).toEqual(expected);
    expect(cells[0]?.[0]).toBe(SAMPLE_TITLE);
    expect(cells[1]?.slice(0, 12)).toEqual(SAMPLE_HEADER);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[0]).toEqual([0, 17]);
    expect(progress.at(-1)).toEqual([17, 17]);
    expect(workbook.stats.largestResponseBytes).toBeLessThan(8_000);
  });

  it('selects a cell of the old sheet, and refuses what is not a cell address', async () => {
    const { port, workbook } = await connected('2025年台账');
    await port.selectCell('2025年台账', 'F7');
    expect(workbook.activeSheet.name).toBe('2025年台账');
    expect(workbook.selection.rect).toEqual({ row: 6, col: 5, rows: 1, cols: 1 });
    await expect(port.selectCell('2025年台账', 'A1:B2')).rejects.toThrow(RangeError);
  });
});
