// IMP6 on the Excel simulator: a workbook that already holds a 台账 keeps every cell of it when the add-in connects.
import { describe, expect, it } from 'vitest';
import { LAYOUT } from '../../../addin/binding/columns';
import type { SimSheet } from '../../excel-sim';
import { sampleValues, SAMPLE_MERGE } from '../ledger-sample';
import { harness } from './harness';
import { ledgerRows } from './ledger-fixture';

/** Everything Excel keeps of a sheet that the add-in could damage: cells with formats and formulas, merges, rules. */
function state(sheet: SimSheet): string {
  const used = sheet.usedRect(false);
  const cells: unknown[] = [];
  if (used !== null)
    for (let r = 0; r < used.row + used.rows; r++)
      for (let c = 0; c < used.col + used.cols; c++) cells.push(sheet.cell(r, c));
  return JSON.stringify({
    cells,
    merges: sheet.merges,
    protection: sheet.protection,
    rules: sheet.conditionalFormats,
    widths: [...sheet.columnWidths],
    hidden: [...sheet.hiddenColumns],
    visibility: sheet.visibility,
  });
}

function withSample(name: string, sheets = [name]): ReturnType<typeof harness> & { old: SimSheet; before: string } {
  const h = harness({ workbook: { sheets } });
  h.workbook.openCells(name, 'A1', sampleValues(), [SAMPLE_MERGE]);
  const old = h.workbook.sheet(name);
  return { ...h, old, before: state(old) };
}

describe('IMP6: connecting never writes over an existing 台账', () => {
  it('keeps the sample on a sheet named 台账: renamed 台账（导入前）, the live table on a new 台账 sheet', async () => {
    const { workbook, port, old, before } = withSample('台账');
    await port.setup(LAYOUT);
    await port.write({ cells: [], rows: [], append: ledgerRows(3), remove: [] });
    expect(state(old) === before).toBe(true);
    expect(old.name).toBe('台账（导入前）');
    const table = workbook.findTable(LAYOUT.tableName);
    expect(table?.sheet.name).toBe('台账');
    expect(table?.sheet).not.toBe(old);
    expect(workbook.tables.filter((t) => t.sheet === old)).toEqual([]);
  });

  it('keeps the sample on a sheet named 2025年台账 and leaves its name alone', async () => {
    const { workbook, port, old, before } = withSample('2025年台账');
    await port.setup(LAYOUT);
    await port.write({ cells: [], rows: [], append: ledgerRows(2), remove: [] });
    expect(state(old) === before).toBe(true);
    expect(old.name).toBe('2025年台账');
    expect(workbook.findTable(LAYOUT.tableName)?.sheet.name).toBe('台账');
  });

  it('numbers the renamed sheet when 台账（导入前） is taken too, and writes over no other sheet', async () => {
    const { workbook, port, old, before } = withSample('台账', ['台账', '台账（导入前）']);
    workbook.openCells('台账（导入前）', 'B2', [['一份更早的台账']]);
    const other = workbook.sheet('台账（导入前）');
    const otherBefore = state(other);
    await port.setup(LAYOUT);
    expect(state(old) === before && state(other) === otherBefore).toBe(true);
    expect(old.name).toBe('台账（导入前）2');
    expect(workbook.findTable(LAYOUT.tableName)?.sheet.name).toBe('台账');
  });

  it('sets up on an empty sheet named 台账 as before', async () => {
    const { workbook, port } = harness({ workbook: { sheets: ['台账'] } });
    const empty = workbook.sheet('台账');
    await port.setup(LAYOUT);
    expect(workbook.findTable(LAYOUT.tableName)?.sheet).toBe(empty);
    // VIEW5: the very hidden state sheet records the look applied
    expect(workbook.sheets.map((s) => s.name)).toEqual(['台账', '选项', '台账同步状态']);
  });
});
