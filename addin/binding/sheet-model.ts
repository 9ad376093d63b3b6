// What the add-in believes the table shows: case id per row and the last values it wrote, and the diff to a write batch.
import type { CellValue, StateEntry, WriteBatch } from '../sheet/port';
import { COLUMNS, ID_COLUMN } from './columns';

export function emptyBatch(): WriteBatch {
  return { cells: [], rows: [], append: [], remove: [] };
}

export function batchSize(b: WriteBatch): number {
  return b.cells.length + b.rows.length + b.append.length + b.remove.length;
}

/** The rows last written by case id, noting which changed since the state kept in the workbook was last saved (BIND12). */
class TrackedRows extends Map<string, CellValue[]> {
  readonly changed = new Set<string>();

  override set(id: string, values: CellValue[]): this {
    this.changed.add(id);
    return super.set(id, values);
  }

  override delete(id: string): boolean {
    this.changed.add(id);
    return super.delete(id);
  }
}

/** Rows of the table by case id, and the values last written into each row (BIND1: the basis of every diff). */
export class SheetModel {
  private ids: (string | null)[] = [];
  private index: Map<string, number> | null = null;
  private readonly written = new TrackedRows();

  private setIds(ids: (string | null)[]): void {
    this.ids = ids;
    this.index = null;
  }

  get rowCount(): number {
    return this.ids.length;
  }

  idAt(row: number): string | null {
    return this.ids[row] ?? null;
  }

  rowOf(id: string): number | null {
    if (this.index === null) {
      this.index = new Map();
      this.ids.forEach((x, i) => {
        if (x !== null && !this.index?.has(x)) this.index?.set(x, i);
      });
    }
    return this.index.get(id) ?? null;
  }

  lastWritten(id: string): readonly CellValue[] | null {
    return this.written.get(id) ?? null;
  }

  /** Adopts the sheet as read: ids from the id column and, for known rows, their cells as last written. */
  adopt(sheetRows: readonly CellValue[][]): void {
    this.setIds(
      sheetRows.map((r) => (typeof r[ID_COLUMN] === 'string' && r[ID_COLUMN] !== '' ? (r[ID_COLUMN] as string) : null)),
    );
  }

  /** Records that `cell` of case `id` now shows `value` (after a write or an accepted user edit). */
  setCell(id: string, column: number, value: CellValue): void {
    const row = this.written.get(id);
    if (row !== undefined) row[column] = value;
    this.written.changed.add(id);
  }

  /**
   * Plans the writes that make the sheet show `desired` (case id → row values, in the order new rows append):
   * changed cells (whole rows when most cells changed), removed rows, appended rows. Updates the model.
   * With `deferred` (BIND22, a filtered table) only values are planned and the ids needing a row change are collected.
   */
  plan(desired: ReadonlyMap<string, CellValue[]>, dirty: Iterable<string>, deferred?: string[]): WriteBatch {
    const batch = emptyBatch();
    const removed: number[] = [];
    const ids = new Map<number, string | null>();
    batch.ids = ids;
    for (const id of dirty) {
      const row = this.rowOf(id);
      if (row !== null) ids.set(row, id);
      const want = desired.get(id);
      // BIND22: with `deferred`, rows are neither added nor removed; their ids are collected for later
      if (deferred !== undefined && (want === undefined ? row !== null : row === null)) {
        deferred.push(id);
        continue;
      }
      if (want === undefined) {
        if (row !== null) removed.push(row);
        this.written.delete(id);
        continue;
      }
      if (row === null) {
        batch.append.push(want);
        this.written.set(id, [...want]);
        continue;
      }
      const have = this.written.get(id);
      const changed: number[] = [];
      for (let c = 0; c < COLUMNS.length; c++) if (have?.[c] !== want[c]) changed.push(c);
      if (changed.length === 0) continue;
      // BIND10: what the cells showed as far as the binding knows; the port takes what differs before replacing it
      if (changed.length > 3) batch.rows.push({ row, values: want, ...(have ? { was: [...have] } : {}) });
      else
        for (const c of changed)
          batch.cells.push({ row, column: c, value: want[c] ?? null, ...(have ? { was: have[c] ?? null } : {}) });
      this.written.set(id, [...want]);
    }
    batch.remove = removed;
    const gone = new Set(removed);
    this.setIds([
      ...this.ids.filter((_, i) => !gone.has(i)),
      ...batch.append.map((values) => values[ID_COLUMN] as string),
    ]);
    return batch;
  }

  /** BIND11: the batch did not reach `rows` (they hold other cases now): what they showed before it is known again. */
  unplan(batch: WriteBatch, rows: readonly number[]): void {
    for (const row of rows) {
      const id = batch.ids?.get(row);
      if (id === undefined || id === null) continue;
      for (const r of batch.rows) if (r.row === row) this.unwrite(id, r.was);
      for (const c of batch.cells) if (c.row === row) this.unwrite(id, c.was, c.column);
    }
  }

  private unwrite(id: string, was: CellValue | readonly CellValue[] | undefined, column?: number): void {
    if (was === undefined) this.written.delete(id);
    else if (column === undefined) this.written.set(id, [...(was as readonly CellValue[])]);
    else this.setCell(id, column, was as CellValue);
  }

  /** Removes rows that hold no known case (typed below the table, duplicates); returns their indexes. */
  strayRows(known: (id: string) => boolean): number[] {
    const seen = new Set<string>();
    const stray: number[] = [];
    this.ids.forEach((id, i) => {
      if (id === null || !known(id) || seen.has(id)) stray.push(i);
      else seen.add(id);
    });
    return stray;
  }

  dropRows(rows: readonly number[]): void {
    const gone = new Set(rows);
    this.setIds(this.ids.filter((_, i) => !gone.has(i)));
  }

  /** Forgets what was written for cases whose rows the sheet no longer has (so they are written again); returns them. */
  forgetMissing(): string[] {
    const present = new Set(this.ids);
    const lost = [...this.written.keys()].filter((id) => !present.has(id));
    for (const id of lost) this.written.delete(id);
    return lost;
  }

  /** BIND22: the model as it is, to go back to when a planned write could not change the table's rows. */
  snapshot(): () => void {
    const ids = [...this.ids];
    const written = new Map(this.written);
    return () => {
      this.setIds(ids);
      for (const id of [...this.written.keys()]) if (!written.has(id)) this.written.delete(id);
      for (const [id, values] of written) this.written.set(id, values);
    };
  }

  /** BIND12: the rows changed since the last call, to be saved as the state kept in the workbook. */
  takeState(): StateEntry[] {
    const entries = [...this.written.changed].map((id) => ({ id, values: this.written.get(id) ?? null }));
    this.written.changed.clear();
    return entries;
  }

  /** BIND12: entries taken by takeState whose write failed: saved with the next write instead. */
  keepState(entries: readonly StateEntry[]): void {
    for (const e of entries) this.written.changed.add(e.id);
  }

  /** Takes the sheet's cells as the last written values of a row (used when adopting an existing sheet). */
  remember(id: string, values: readonly CellValue[]): void {
    this.written.set(id, [...values]);
  }
}
