// BIND42: queues each row's locking (the role's editable columns unlocked only where the rules allow), in few ranges.
/// <reference types="office-js" />
import type { SheetLayout, WriteBatch } from './port';

type Locks = NonNullable<WriteBatch['locks']>;

/** Consecutive rows with the same editable columns, as [first row, row count, editable]. */
function blocks(locks: Locks): [number, number, ReadonlySet<number>][] {
  const sorted = [...locks].sort((a, b) => a.row - b.row);
  const out: [number, number, ReadonlySet<number>, string][] = [];
  for (const { row, editable } of sorted) {
    const key = [...editable].sort((a, b) => a - b).join(',');
    const last = out[out.length - 1];
    if (last !== undefined && last[0] + last[1] === row && last[3] === key) last[1]++;
    else if (last === undefined || last[0] + last[1] <= row) out.push([row, 1, new Set(editable), key]);
  }
  return out.map(([row, count, editable]) => [row, count, editable]);
}

/**
 * Sets `format.protection.locked` on the layout's editable columns of each row: unlocked where the row's case lets the
 * user type, locked elsewhere (the layout's locked columns are never touched). The sheet must be unprotected: Excel
 * refuses format changes on a protected sheet without allowFormatCells (VIEW3).
 */
export function queueLocks(body: Excel.Range, l: SheetLayout, locks: Locks): number {
  let ranges = 0;
  for (const [row, count, editable] of blocks(locks)) {
    let from = -1;
    const flush = (to: number): void => {
      if (from < 0) return;
      const unlocked = editable.has(from);
      body.getCell(row, from).getResizedRange(count - 1, to - from - 1).format.protection.locked = !unlocked;
      ranges++;
      from = -1;
    };
    l.columns.forEach((spec, c) => {
      if (spec.locked) return flush(c);
      if (from >= 0 && editable.has(from) !== editable.has(c)) flush(c);
      if (from < 0) from = c;
    });
    flush(l.columns.length);
  }
  return ranges;
}
