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
    return readRows(table, sync, from, n, { first: 0, width: g.columns }, budget);
  });
}

/** Consecutive column indexes as runs: [0, 1, 2, 5, 6] → [{0, 3}, {5, 2}]. */
export function columnRuns(columns: readonly number[]): { first: number; width: number }[] {
  const runs: { first: number; width: number }[] = [];
  for (const c of [...new Set(columns)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.first + last.width === c) last.width++;
    else runs.push({ first: c, width: 1 });
  }
  return runs;
}

/**
 * BIND36: every data row, but only `columns` (null elsewhere), and whether the sheet is protected, in one Excel.run:
 * the cheap re-check (while the sheet is protected only unlocked cells can change, so only they need reading).
 */
export function readTableColumns(
  session: OfficeSession,
  l: SheetLayout,
  columns: readonly number[],
  budget: number,
  onGeometry: (g: Geometry) => void,
): Promise<{ protected: boolean; rows: CellValue[][] }> {
  return session.run(async (ctx, sync) => {
    const { ws, table } = tableOf(ctx, l);
    const geometry = loadGeometry(table);
    const protection = ws.protection.load('protected');
    await sync();
    const g = geometry();
    onGeometry(g);
    const rows = Array.from({ length: g.rows }, () => new Array<CellValue>(g.columns).fill(null));
    for (const run of columnRuns(columns.filter((c) => c < g.columns))) {
      const part = await readRows(table, sync, 0, g.rows, run, budget);
      part.forEach((cells, r) => cells.forEach((v, i) => ((rows[r] as CellValue[])[run.first + i] = v)));
    }
    return { protected: protection.protected, rows };
  });
}

/** `n` rows from `from` (columns `cols`), as many per request as the budget allows for rows of the size seen so far. */
async function readRows(
  table: Excel.Table,
  sync: Sync,
  from: number,
  n: number,
  cols: { first: number; width: number },
  budget: number,
): Promise<CellValue[][]> {
  const columns = cols.width;
  const out: CellValue[][] = [];
  let perRequest = firstReadRows(columns, budget),
    ceiling = Infinity,
    seenBytes = 0,
    widest = 1;
  while (out.length < n) {
    const take = Math.min(perRequest, n - out.length);
    const part = table
      .getDataBodyRange()
      .getCell(from + out.length, cols.first)
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
