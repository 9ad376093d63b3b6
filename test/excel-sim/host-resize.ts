// Table.resize in the simulated host: the table takes a new range over the same header row and columns.
import type { Rect } from './address';
import { intersect } from './address';
import { notSimulated, SimError } from './errors';
import { checkAllowed } from './host-cells';
import { checkNotFiltered } from './host-filters';
import type { SimSheet } from './sheet';
import type { SimTable, SimWorkbook } from './workbook';

/**
 * Table.resize (ExcelApi 1.13): "The new range must overlap with the original table range and the headers (or the
 * top of the table) must be in the same row."
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.table#excel-excel-table-resize-member(1)
 * Cells taken into the table keep their values and formats (nothing is copied from the rows above: no document says
 * so, the stricter reading). Assumed: a conditional format covering exactly the old data body covers the new one.
 * Changing the columns, resizing with a total row shown, over merged cells or another table is not simulated.
 */
export function resizeTable(wb: SimWorkbook, table: SimTable, sheet: SimSheet, rect: Rect): void {
  checkAllowed(table.sheet, null, 'Table.resize');
  checkNotFiltered(table, 'Table.resize');
  const invalid = (why: string): SimError =>
    new SimError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${why})`);
  if (sheet !== table.sheet) throw invalid('the new range is on another sheet');
  if (rect.row !== table.rect.row) throw invalid('the header must stay in the same row');
  if (rect.col !== table.rect.col || rect.cols !== table.rect.cols) throw notSimulated('resizing a table’s columns');
  if (table.showTotals === true) throw notSimulated('resizing a table with a total row');
  if (rect.rows < 2) throw invalid('a table needs a header and one row');
  if (wb.tables.some((t) => t !== table && t.sheet === sheet && intersect(t.rect, rect)))
    throw new SimError('InvalidArgument', "A table can't overlap another table.");
  if (sheet.merges.some((m) => intersect(m, rect))) throw notSimulated('resizing a table over merged cells');
  const oldBody = { ...table.rect, row: table.rect.row + 1, rows: table.rect.rows - 1 };
  for (const cf of sheet.conditionalFormats) {
    const r = cf.rect;
    if (r.row === oldBody.row && r.rows === oldBody.rows && r.col === oldBody.col && r.cols === oldBody.cols)
      cf.rect = { ...r, rows: rect.rows - 1 };
  }
  table.rect = { ...rect };
}
