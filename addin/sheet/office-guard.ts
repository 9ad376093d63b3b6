// Compare and take: reads, in the same request as a write, the cells it replaces and each row's case id (BIND10/11).
/// <reference types="office-js" />
import { fromExcel } from './office-events';
import type { ExcelValue, Step } from './office-plan';
import type { CellValue, WriteBatch, WriteResult } from './port';

/** The same text for the binding: empty and '' are one, numbers compare as their text (text-formatted columns). */
export function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const norm = (v: CellValue | undefined) => (v === null || v === undefined || v === '' ? null : String(v));
  return norm(a) === norm(b);
}

/** What the binding expects in each cell ("row:column" → value) and row (→ case id) of a batch. */
export interface Expectations {
  was: Map<string, CellValue>;
  ids: ReadonlyMap<number, string | null>;
  idColumn: number | undefined;
}

export function expectationsOf(batch: WriteBatch, idColumn: number | undefined): Expectations {
  const was = new Map<string, CellValue>();
  for (const r of batch.rows) r.was?.forEach((v, c) => was.set(`${r.row}:${c}`, v));
  for (const c of batch.cells) if (c.was !== undefined) was.set(`${c.row}:${c.column}`, c.was);
  return { was, ids: batch.ids ?? new Map(), idColumn };
}

interface Loaded {
  step: Extract<Step, { kind: 'values' }>;
  before: Excel.Range;
  ids: Excel.Range | null;
}

/**
 * Queues, before the chunk's writes (so the same request answers them as they were just before the write: Excel runs
 * the operations of one request in order — https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-core-concepts),
 * loads of every guarded step's cells and of its rows' id cells. `check` then sorts out, after the sync, what the
 * write replaced (user edits, BIND10) and which rows it should not have touched (another case's row, BIND11): those
 * get their old values back through the returned restore steps.
 */
export function guardChunk(body: Excel.Range, chunk: readonly Step[], x: Expectations) {
  const loaded: Loaded[] = [];
  for (const step of chunk) {
    if (step.kind !== 'values' || (step.guarded !== true && step.blankFill !== true)) continue;
    const rows = step.values.length,
      cols = step.values[0]?.length ?? 1;
    const before = body
      .getCell(step.row, step.column)
      .getResizedRange(rows - 1, cols - 1)
      .load('values');
    const ids =
      x.idColumn === undefined
        ? null
        : body
            .getCell(step.row, x.idColumn)
            .getResizedRange(rows - 1, 0)
            .load('values');
    loaded.push({ step, before, ids });
  }
  return (result: WriteResult): Step[] => {
    const restore: Step[] = [];
    for (const { step, before, ids } of loaded) {
      if (step.blankFill === true) {
        // BIND21: someone typed into the empty row just before the first case was written there
        if (before.values.some((cells) => cells.some((v) => !sameCell(fromExcel(v), null)))) result.typedOver = 1;
        continue;
      }
      before.values.forEach((cells, i) => {
        const row = step.row + i;
        const want = x.ids.get(row);
        const has = ids === null ? undefined : fromExcel(ids.values[i]?.[0] ?? '');
        if (want !== undefined && has !== undefined && !sameCell(want, has)) {
          if (!result.misplaced.includes(row)) result.misplaced.push(row);
          restore.push({ kind: 'values', row, column: step.column, values: [cells as ExcelValue[]], rowBytes: [0] });
          return;
        }
        cells.forEach((v, j) => {
          const column = step.column + j;
          const was = x.was.get(`${row}:${column}`);
          const value = fromExcel(v);
          if (was !== undefined && !sameCell(was, value)) result.replaced.push({ row, column, value });
        });
      });
    }
    return restore;
  };
}

/**
 * BIND11: before deleting rows by position, one request reads the id cell of each (a delete cannot be put back): rows
 * holding another case than the batch expects are returned, and left in the table.
 */
export async function misplacedRemovals(
  body: Excel.Range,
  sync: () => Promise<void>,
  batch: WriteBatch,
  idColumn: number | undefined,
): Promise<number[]> {
  const checked = batch.remove.filter((r) => batch.ids?.get(r) !== undefined);
  if (idColumn === undefined || checked.length === 0) return [];
  const cells = checked.map((r) => ({ r, cell: body.getCell(r, idColumn).load('values') }));
  await sync();
  return cells
    .filter(({ r, cell }) => !sameCell(batch.ids?.get(r) ?? null, fromExcel(cell.values[0]?.[0] ?? '')))
    .map(({ r }) => r);
}
