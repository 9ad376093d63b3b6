// Finds the ledger's worksheet and table inside a request and queues the loads its geometry is read from.
/// <reference types="office-js" />
import type { Geometry } from './office-plan';
import type { SheetLayout } from './port';

export interface LedgerTable {
  ws: Excel.Worksheet;
  table: Excel.Table;
}

export function tableOf(ctx: Excel.RequestContext, l: SheetLayout): LedgerTable {
  const ws = ctx.workbook.worksheets.getItem(l.sheetName);
  return { ws, table: ws.tables.getItem(l.tableName) };
}

/**
 * Queues loading the table's shape, its data body and first data row; the returned function gives the geometry after
 * the next sync. BIND20: the rows are counted from the data body range, so a total row (Table.showTotals, part of
 * Table.getRange()) is never taken for data.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.table#excel-excel-table-getdatabodyrange-member(1)
 */
export function loadGeometry(table: Excel.Table): () => Geometry {
  const shape = table.getRange().load('rowIndex, columnIndex, columnCount');
  const body = table.getDataBodyRange().load('rowCount');
  const first = table.getDataBodyRange().getRow(0).load('values');
  return () => geometryOf(shape, body, first);
}

/** The table's shape as loaded, and whether its single body row is the empty row Excel keeps in a table without data. */
export function geometryOf(shape: Excel.Range, body: Excel.Range, firstRow: Excel.Range): Geometry {
  const bodyRows = body.rowCount;
  const blank = bodyRows === 1 && (firstRow.values[0] ?? []).every((v) => v === '' || v === null);
  return {
    headerRow: shape.rowIndex,
    firstColumn: shape.columnIndex,
    columns: shape.columnCount,
    rows: blank ? 0 : bodyRows,
    blank,
  };
}
