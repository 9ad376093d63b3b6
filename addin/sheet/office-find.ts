// IMP6: finds an office's own 台账 in the workbook: a visible sheet without the live table whose first rows hold its header.
/// <reference types="office-js" />
import { findHeader, HEADER_SEARCH_ROWS } from '../../shared/import/header';
import type { GridCell } from '../../shared/import/types';
import type { OfficeSession } from './office-session';
import type { ExistingLedger } from './port';

/** Columns read of a sheet (a 台账 is about a dozen wide); a stray value far to the right does not widen the read. */
export const LEDGER_MAX_COLUMNS = 100;

/** A cell value as the header finder takes it ('' is empty). */
function headerCell(v: unknown): GridCell {
  return v === '' || v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
}

/**
 * Two syncs for the workbook (sheets; their tables and used ranges), then one per candidate sheet for its first rows,
 * until one holds a 台账 header. The first such sheet in workbook order is the answer.
 */
export function findLedgerSheet(session: OfficeSession, tableName: string): Promise<ExistingLedger | null> {
  return session.run(async (ctx, sync) => {
    const book = ctx.workbook.load('name');
    const sheets = ctx.workbook.worksheets.load('items/name, items/visibility');
    await sync();
    const candidates = sheets.items
      .filter((ws) => ws.visibility === session.excel.SheetVisibility.visible)
      .map((ws) => ({
        ws,
        name: ws.name,
        live: ws.tables.getItemOrNullObject(tableName),
        used: ws.getUsedRangeOrNullObject(true).load('rowIndex, columnIndex, rowCount, columnCount'),
      }));
    await sync();
    for (const { ws, name, live, used } of candidates) {
      if (!live.isNullObject || used.isNullObject) continue;
      const rows = used.rowIndex + used.rowCount;
      const columns = Math.min(used.columnIndex + used.columnCount, LEDGER_MAX_COLUMNS);
      const top = ws.getRangeByIndexes(0, 0, Math.min(rows, HEADER_SEARCH_ROWS), columns).load('values');
      await sync();
      const header = findHeader(top.values.map((r) => r.map(headerCell)));
      if (header !== null) return { sheet: name, headerRow: header.row, rows: rows - header.row, workbook: book.name };
    }
    return null;
  });
}
