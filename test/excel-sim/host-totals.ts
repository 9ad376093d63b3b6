// The total row of a simulated table: shown below the data rows, labelled, with a SUBTOTAL in the last column.
import { notSimulated } from './errors';
import type { Actor } from './host-cells';
import { checkAllowed, raiseChanged } from './host-cells';
import { bodyRect } from './host-tables';
import type { SimTable, SimWorkbook } from './workbook';

/**
 * Table.showTotals (ExcelApi 1.3): "Specifies if the total row is visible"; the total row is part of
 * Table.getRange() but not of getDataBodyRange() ("Gets the range object associated with the data body of the
 * table") and has its own getTotalRowRange().
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.table#excel-excel-table-showtotals-member
 * Excel's total row labels the first column and puts SUBTOTAL(103, …) — a count for a text column — in the last one
 * (https://support.microsoft.com/office/total-the-data-in-an-excel-table-6944378f-a222-4449-93d8-474386b11f20): the
 * simulator stores that count as the formula's cached result, so a binding that reads the total row as data sees a
 * non-empty last column. Switching it on over cells that are not empty, or on a protected sheet, is refused.
 */
export function setShowTotals(wb: SimWorkbook, table: SimTable, on: unknown, actor: Actor): void {
  const sheet = table.sheet;
  checkAllowed(sheet, null, 'Table.showTotals');
  if (on === (table.showTotals === true)) return;
  const last = table.rect.col + table.rect.cols - 1;
  if (on === true) {
    const row = table.rect.row + table.rect.rows;
    for (let c = table.rect.col; c <= last; c++)
      if (sheet.cell(row, c).v !== '') throw notSimulated('showing a total row over cells that hold values');
    const body = bodyRect(table);
    let count = 0;
    for (let r = body.row; r < body.row + body.rows; r++) if (sheet.cell(r, last).v !== '') count++;
    const header = String(sheet.cell(table.rect.row, last).v);
    sheet.put(row, table.rect.col, { v: 'Total', f: sheet.cell(row, table.rect.col).f });
    sheet.put(row, last, { v: count, f: sheet.cell(row, last).f, x: `=SUBTOTAL(103,[${header}])` });
    table.rect = { ...table.rect, rows: table.rect.rows + 1 };
    table.showTotals = true;
  } else {
    const row = table.rect.row + table.rect.rows - 1;
    for (let c = table.rect.col; c <= last; c++) sheet.put(row, c, { v: '', f: sheet.cell(row, c).f });
    table.rect = { ...table.rect, rows: table.rect.rows - 1 };
    table.showTotals = false;
  }
  raiseChanged(wb, sheet, { ...table.rect, rows: table.rect.rows + 1 }, 'RangeEdited', actor);
}

/** The total row's rectangle (only while it is shown). */
export function totalRowRect(table: SimTable): { row: number; col: number; rows: number; cols: number } | null {
  return table.showTotals === true ? { ...table.rect, row: table.rect.row + table.rect.rows - 1, rows: 1 } : null;
}
