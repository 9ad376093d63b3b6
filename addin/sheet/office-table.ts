// Finds the ledger's worksheet and table inside a request and queues the loads its geometry is read from.
/// <reference types="office-js" />
import type { Geometry } from './office-plan';
import { geometryOf } from './office-setup';
import type { SheetLayout } from './port';

export interface LedgerTable {
  ws: Excel.Worksheet;
  table: Excel.Table;
}

export function tableOf(ctx: Excel.RequestContext, l: SheetLayout): LedgerTable {
  const ws = ctx.workbook.worksheets.getItem(l.sheetName);
  return { ws, table: ws.tables.getItem(l.tableName) };
}

/** Queues loading the table's shape and first data row; the returned function gives the geometry after the next sync. */
export function loadGeometry(table: Excel.Table): () => Geometry {
  const shape = table.getRange().load('rowIndex, columnIndex, rowCount, columnCount');
  const first = table.getDataBodyRange().getRow(0).load('values');
  return () => geometryOf(shape, first);
}
