// Plans one WriteBatch as Excel operations (whole-row blocks, coalesced cells, appends, bottom-up deletes) in ≤ budget chunks.
import type { CellValue, WriteBatch } from './port';

/** What Excel holds in a cell: '' for empty (null in a values array would mean "leave this cell unchanged"). */
export type ExcelValue = string | number | boolean;

/** Where the table's data is, as last read from Excel. */
export interface Geometry {
  /** 0-based sheet row of the header; the first data row is headerRow + 1. */
  headerRow: number;
  firstColumn: number;
  columns: number;
  /** Data rows the binding knows about. */
  rows: number;
  /** Excel keeps one empty body row in a table without data: true while that row is all there is. */
  blank: boolean;
}

export type ValuesStep = Extract<Step, { kind: 'values' }>;
export type Step =
  | {
      kind: 'values';
      row: number;
      column: number;
      values: ExcelValue[][];
      rowBytes: number[];
      guarded?: true;
      /** BIND21: the step fills the table's empty body row with the first appended case: it must still be empty. */
      blankFill?: true;
    }
  | { kind: 'append'; row: number; values: ExcelValue[][]; rowBytes: number[] }
  | { kind: 'delete'; row: number; count: number };

/** Rough size of one operation besides its values (object path, action, property name). */
export const OP_OVERHEAD_BYTES = 160;

export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function toExcel(v: CellValue): ExcelValue {
  return v ?? '';
}

/** `guarded`: the step writes rows of the batch as they were before it (checked by office-guard, BIND10/BIND11). */
function valuesStep(row: number, column: number, values: ExcelValue[][], guarded = false): ValuesStep {
  const rowBytes = values.map((r) => utf8Bytes(JSON.stringify(r)) + 1);
  return { kind: 'values', row, column, values, rowBytes, ...(guarded ? { guarded: true as const } : {}) };
}

export function stepBytes(step: Step): number {
  if (step.kind === 'delete') return OP_OVERHEAD_BYTES;
  return headBytes(step) + step.rowBytes.reduce((a, b) => a + b, 0);
}

/**
 * A step's bytes before its rows: the operation, and for appended rows the operations that resize the table and
 * format them (at most four a column: number format, locking, wrapping, list).
 */
function headBytes(step: Step): number {
  const columns = step.kind === 'append' ? (step.values[0]?.length ?? 0) : 0;
  return OP_OVERHEAD_BYTES * (1 + (columns > 0 ? 2 + 4 * columns : 0)) + 2;
}

/**
 * Indexes in a batch refer to the table as it is before the batch (appended rows continue the numbering). Order:
 * row and cell updates, then appends, then deletes from the bottom up (so no index moves before it is used).
 */
export function planWrite(batch: WriteBatch, geom: Geometry): { steps: Step[]; rows: number; blank: boolean } {
  const known = geom.rows,
    total = known + batch.append.length;
  const bad = (what: string): never => {
    throw new RangeError(`write: ${what}`);
  };
  const wholeRows = new Map<number, ExcelValue[]>();
  for (const { row, values } of batch.rows) {
    if (!Number.isInteger(row) || row < 0 || row >= known) bad(`row ${row} is not a data row (0..${known - 1})`);
    if (values.length !== geom.columns)
      bad(`row ${row} has ${values.length} values, the table ${geom.columns} columns`);
    wholeRows.set(row, values.map(toExcel));
  }
  for (const r of batch.append)
    if (r.length !== geom.columns) bad(`appended row has ${r.length} values, the table ${geom.columns} columns`);
  const cells = new Map<number, Map<number, ExcelValue>>();
  for (const { row, column, value } of batch.cells) {
    if (!Number.isInteger(row) || row < 0 || row >= known) bad(`cell row ${row} is not a data row (0..${known - 1})`);
    if (!Number.isInteger(column) || column < 0 || column >= geom.columns)
      bad(`cell column ${column} is outside the table`);
    const whole = wholeRows.get(row);
    if (whole !== undefined) whole[column] = toExcel(value);
    else cells.set(row, (cells.get(row) ?? new Map<number, ExcelValue>()).set(column, toExcel(value)));
  }
  const steps: Step[] = [];
  const sorted = [...wholeRows.keys()].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === (sorted[j - 1] as number) + 1) j++;
    steps.push(
      valuesStep(
        sorted[i] as number,
        0,
        sorted.slice(i, j).map((r) => wholeRows.get(r) as ExcelValue[]),
        true,
      ),
    );
    i = j;
  }
  for (const row of [...cells.keys()].sort((a, b) => a - b)) {
    const byColumn = cells.get(row) as Map<number, ExcelValue>;
    const columns = [...byColumn.keys()].sort((a, b) => a - b);
    for (let i = 0; i < columns.length;) {
      let j = i + 1;
      while (j < columns.length && columns[j] === (columns[j - 1] as number) + 1) j++;
      steps.push(
        valuesStep(row, columns[i] as number, [columns.slice(i, j).map((c) => byColumn.get(c) as ExcelValue)], true),
      );
      i = j;
    }
  }
  let blank = geom.blank;
  const appended = batch.append.map((r) => r.map(toExcel));
  let below = known;
  if (appended.length > 0 && blank) {
    // The empty body row becomes the first appended row; the rest are added after it.
    steps.push({ ...valuesStep(0, 0, appended.splice(0, 1)), blankFill: true });
    blank = false;
    below = 1;
  }
  if (appended.length > 0)
    steps.push({
      kind: 'append',
      row: below,
      values: appended,
      rowBytes: appended.map((r) => utf8Bytes(JSON.stringify(r)) + 1),
    });
  const remove = [...new Set(batch.remove)].sort((a, b) => b - a);
  for (const r of remove)
    if (!Number.isInteger(r) || r < 0 || r >= total) bad(`cannot remove row ${r} (0..${total - 1})`);
  const rows = total - remove.length;
  // A table keeps at least one body row: when every row goes, the top one is emptied instead of deleted.
  const deleted = rows === 0 ? remove.filter((r) => r !== 0) : remove;
  for (let i = 0; i < deleted.length;) {
    let j = i + 1;
    while (j < deleted.length && deleted[j] === (deleted[j - 1] as number) - 1) j++;
    steps.push({ kind: 'delete', row: deleted[j - 1] as number, count: j - i });
    i = j;
  }
  if (rows === 0 && remove.length > 0) {
    steps.push(valuesStep(0, 0, [new Array<ExcelValue>(geom.columns).fill('')]));
    blank = true;
  }
  return { steps, rows, blank: rows === 0 ? blank || total === 0 : false };
}

/** Splits the steps, in order, into chunks of at most `budget` estimated bytes (a single row may exceed it alone). */
export function chunkSteps(steps: Step[], budget: number): Step[][] {
  const chunks: Step[][] = [];
  let current: Step[] = [];
  let size = 0;
  const flush = (): void => {
    if (current.length > 0) chunks.push(current);
    current = [];
    size = 0;
  };
  for (const whole of steps) {
    let step: Step | null = whole;
    while (step !== null) {
      const bytes = stepBytes(step);
      if (size + bytes <= budget || step.kind === 'delete' || step.values.length === 1) {
        if (size + bytes > budget) flush();
        current.push(step);
        size += bytes;
        step = null;
        continue;
      }
      let take = 0,
        taken = headBytes(step);
      while (take < step.values.length && size + taken + (step.rowBytes[take] as number) <= budget)
        taken += step.rowBytes[take++] as number;
      if (take === 0 && current.length > 0) {
        flush();
        continue;
      }
      if (take === 0) taken += step.rowBytes[take++] as number;
      const head: Step = { ...step, values: step.values.slice(0, take), rowBytes: step.rowBytes.slice(0, take) };
      step = { ...step, row: step.row + take, values: step.values.slice(take), rowBytes: step.rowBytes.slice(take) };
      current.push(head);
      size += taken;
      flush();
    }
  }
  flush();
  return chunks;
}
