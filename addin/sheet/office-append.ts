// Appends rows below the ledger table as co-authoring-safe range writes: resize the table, format the rows, then values.
/// <reference types="office-js" />
import type { ExcelValue, Geometry } from './office-plan';
import { listSources, numberFormatOf } from './office-setup';
import type { SheetLayout } from './port';

/**
 * BIND21: writes `values` as data rows `row` … of the table. Microsoft advises against TableRowCollection.add where
 * people co-author (merge conflicts) and to write Range.values below the table instead
 * (https://learn.microsoft.com/en-us/office/dev/add-ins/excel/co-authoring-in-excel-add-ins); the table is then resized
 * over the new rows (Table.resize, ExcelApi 1.13) rather than trusting AutoExpansion. No document says which formats
 * new table rows get, so the text format '@' (the defence against text read as a formula), locking, wrapping and the
 * dropdown lists are set on the new cells here, in the same request and before their values.
 */
export function queueAppend(
  ws: Excel.Worksheet,
  table: Excel.Table,
  g: Geometry,
  layout: SheetLayout,
  row: number,
  values: ExcelValue[][],
): void {
  const n = values.length;
  // BIND20: a total row switched on since setup would sit where the rows go; the binding keeps the table without one
  table.showTotals = false;
  table.resize(ws.getRangeByIndexes(g.headerRow, g.firstColumn, row + 1 + n, g.columns));
  const cells = ws.getRangeByIndexes(g.headerRow + 1 + row, g.firstColumn, n, g.columns);
  for (const [from, count, spec] of runs(layout, (c) => `${c.format}|${c.locked}|${c.wrap === true}`)) {
    const part = cells.getColumn(from).getResizedRange(0, count - 1);
    // One value for the whole part: Excel applies it to every cell.
    part.numberFormat = numberFormatOf(spec) as unknown as string[][];
    part.format.protection.locked = spec.locked;
    part.format.wrapText = spec.wrap === true;
  }
  cells.dataValidation.clear();
  for (const list of listSources(layout.columns))
    cells.getColumn(list.column).dataValidation.rule = { list: { inCellDropDown: true, source: list.source } };
  cells.values = values;
}

/** Consecutive columns with the same key, as [first column, count, spec of the first]. */
function runs(
  layout: SheetLayout,
  key: (c: SheetLayout['columns'][number]) => string,
): [number, number, SheetLayout['columns'][number]][] {
  const out: [number, number, SheetLayout['columns'][number]][] = [];
  layout.columns.forEach((spec, i) => {
    const last = out[out.length - 1];
    if (last !== undefined && key(last[2]) === key(spec)) last[1]++;
    else out.push([i, 1, spec]);
  });
  return out;
}
