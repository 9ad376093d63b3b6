// Reads data rows of the ledger table in requests sized to Excel's payload limits; a refused response is retried smaller.
/// <reference types="office-js" />
import { fromExcel } from './office-events';
import type { Geometry } from './office-plan';
import { utf8Bytes } from './office-plan';
import type { OfficeSession, Sync } from './office-session';
import { RESPONSE_CAP_BYTES } from './office-session';
import { loadGeometry, tableOf } from './office-table';
import type { CellValue, SheetLayout } from './port';

/** First guess of rows per read request (about 100 bytes a cell); later requests use the measured row size. */
function firstReadRows(columns: number, budget: number): number {
  return Math.max(1, Math.floor(budget / (columns * 100)));
}

/**
 * Data rows `start` .. `start + count - 1` (default: from the first row to the last) in one Excel.run. The table's
 * shape is read first and handed to `onGeometry` before the range is checked against it.
 */
export function readTable(
  session: OfficeSession,
  l: SheetLayout,
  start: number | undefined,
  count: number | undefined,
  budget: number,
  onGeometry: (g: Geometry) => void,
): Promise<CellValue[][]> {
  return session.run(async (ctx, sync) => {
    const { table } = tableOf(ctx, l);
    const geometry = loadGeometry(table);
    await sync();
    const g = geometry();
    onGeometry(g);
    const from = start ?? 0,
      n = count ?? g.rows - from;
    if (!Number.isInteger(from) || !Number.isInteger(n) || from < 0 || n < 0 || from + n > g.rows) {
      throw new RangeError(`readRange(${from}, ${n}): the table has ${g.rows} data rows`);
    }
    return readRows(table, sync, from, n, g.columns, budget);
  });
}

/** `n` rows from `from`, as many per request as the budget allows for rows of the size seen so far. */
async function readRows(
  table: Excel.Table,
  sync: Sync,
  from: number,
  n: number,
  columns: number,
  budget: number,
): Promise<CellValue[][]> {
  const out: CellValue[][] = [];
  let perRequest = firstReadRows(columns, budget),
    ceiling = Infinity,
    seenBytes = 0,
    widest = 1;
  while (out.length < n) {
    const take = Math.min(perRequest, n - out.length);
    const part = table
      .getDataBodyRange()
      .getCell(from + out.length, 0)
      .getResizedRange(take - 1, columns - 1)
      .load('values');
    try {
      await sync();
    } catch (e) {
      if ((e as { code?: string }).code !== 'ResponsePayloadSizeLimitExceeded' || take === 1) throw e;
      perRequest = ceiling = Math.ceil(take / 2);
      continue;
    }
    for (const row of part.values) {
      const bytes = utf8Bytes(JSON.stringify(row));
      seenBytes += bytes;
      widest = Math.max(widest, bytes);
      out.push(row.map(fromExcel));
    }
    // Responses count against the same limit: aim at the budget for rows of average size, and stay under
    // RESPONSE_CAP_BYTES even if every row were as wide as the widest seen (a refused response is retried smaller).
    perRequest = Math.max(
      1,
      Math.min(Math.floor(budget / (seenBytes / out.length)), Math.floor(RESPONSE_CAP_BYTES / widest), ceiling),
    );
  }
  return out;
}
