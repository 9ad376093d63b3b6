// IMP6: reads a whole sheet from A1 as GridCells (values, formulas, number formats) in requests sized to Excel's limits.
/// <reference types="office-js" />
import type { GridCell } from '../../shared/import/types';
import { gridCell } from './grid-cells';
import { LEDGER_MAX_COLUMNS } from './office-find';
import { utf8Bytes } from './office-plan';
import type { OfficeSession } from './office-session';
import { RESPONSE_CAP_BYTES } from './office-session';

/** Progress of a long read: rows read so far of all rows. */
export type ReadProgress = (done: number, total: number) => void;

/**
 * Rows 1 … the last row holding a value, columns A … the last such column (at most LEDGER_MAX_COLUMNS), in one
 * Excel.run. Each request loads values, formulas and number formats of as many rows as the budget allows for rows of
 * the size seen so far; a response refused as too large is read again in halves.
 */
export function readSheetGrid(
  session: OfficeSession,
  sheet: string,
  budget: number,
  onProgress: ReadProgress = () => undefined,
): Promise<GridCell[][]> {
  return session.run(async (ctx, sync) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    const used = ws.getUsedRangeOrNullObject(true).load('rowIndex, columnIndex, rowCount, columnCount');
    await sync();
    if (used.isNullObject) return [];
    const rows = used.rowIndex + used.rowCount;
    const columns = Math.min(used.columnIndex + used.columnCount, LEDGER_MAX_COLUMNS);
    const out: GridCell[][] = [];
    // about 40 bytes a cell for each of the three properties until rows have been measured
    let perRequest = Math.max(1, Math.floor(budget / (columns * 120))),
      ceiling = Infinity,
      seenBytes = 0,
      widest = 1;
    onProgress(0, rows);
    while (out.length < rows) {
      const take = Math.min(perRequest, rows - out.length);
      const part = ws.getRangeByIndexes(out.length, 0, take, columns).load('values, formulas, numberFormat');
      try {
        await sync();
      } catch (e) {
        if ((e as { code?: string }).code !== 'ResponsePayloadSizeLimitExceeded' || take === 1) throw e;
        perRequest = ceiling = Math.ceil(take / 2);
        continue;
      }
      part.values.forEach((values, r) => {
        const formulas = part.formulas[r] ?? [];
        const formats = part.numberFormat[r] ?? [];
        const bytes = utf8Bytes(JSON.stringify([values, formulas, formats]));
        seenBytes += bytes;
        widest = Math.max(widest, bytes);
        out.push(values.map((v, c) => gridCell(v, formulas[c], formats[c])));
      });
      perRequest = Math.max(
        1,
        Math.min(Math.floor(budget / (seenBytes / out.length)), Math.floor(RESPONSE_CAP_BYTES / widest), ceiling),
      );
      onProgress(out.length, rows);
    }
    return out;
  });
}
