// BIND42: each row's editable cells unlocked exactly as the shared rules allow this user (mayEdit), kept as status changes.
import type { Actor, CaseData } from '../../shared/case';
import { mayEdit } from '../../shared/permissions';
import type { SheetLayout, WriteBatch } from '../sheet/port';
import { COLUMNS, ID_COLUMN } from './columns';

/** Columns of a row this actor may type into now: the layout's editable columns that mayEdit allows for the case. */
export function editableColumns(actor: Actor, layout: SheetLayout, c: CaseData): number[] {
  return COLUMNS.flatMap((col, i) =>
    col.kind === 'field' && layout.columns[i]?.locked === false && mayEdit(actor, c, col.field).ok ? [i] : [],
  );
}

const UNKNOWN = '?';

/**
 * What locking each case's row has in the sheet, as far as the binding knows: absent means the layout's (setup and
 * appended rows get the column's locking, BIND21). Rows whose locking must change go with the next write.
 */
export class RowLocks {
  private readonly applied = new Map<string, string>();
  private readonly layoutKey: string;

  constructor(
    private readonly actor: Actor,
    private readonly layout: SheetLayout,
  ) {
    this.layoutKey = this.layout.columns.flatMap((c, i) => (c.locked ? [] : [i])).join(',');
  }

  /**
   * BIND42, BIND32: true when `batch` writes a cell this binding locked in its row although its column is editable in
   * the layout (the port would otherwise write it on the protected sheet, which Excel refuses).
   */
  touchesLockedCells(batch: WriteBatch): boolean {
    const lockedIn = (row: number, column: number | null): boolean => {
      const id = batch.ids?.get(row);
      const key = id === undefined || id === null ? undefined : this.applied.get(id);
      if (key === undefined) return false;
      if (key === UNKNOWN || column === null) return true;
      return this.layout.columns[column]?.locked === false && !key.split(',').includes(String(column));
    };
    return batch.cells.some((c) => lockedIn(c.row, c.column)) || batch.rows.some((r) => lockedIn(r.row, null));
  }

  /**
   * Adds to `batch` the rows (positions after the batch, from `rowOf`) whose locking differs from what the case needs
   * now; returns what to record once the write succeeded. Rows the batch appends start with the layout's locking.
   */
  plan(batch: WriteBatch, cases: readonly CaseData[], rowOf: (id: string) => number | null): () => void {
    for (const values of batch.append) {
      const id = values[ID_COLUMN];
      if (typeof id === 'string') this.applied.delete(id);
    }
    const wanted: [string, string][] = [];
    const locks: NonNullable<WriteBatch['locks']> = [];
    for (const c of cases) {
      const row = rowOf(c.id);
      if (row === null) continue;
      const editable = editableColumns(this.actor, this.layout, c);
      const key = editable.join(',');
      if ((this.applied.get(c.id) ?? this.layoutKey) === key) continue;
      locks.push({ row, editable });
      wanted.push([c.id, key]);
      // until the write is known to have succeeded, the row's locking is unknown (sent again next time)
      this.applied.set(c.id, UNKNOWN);
    }
    if (locks.length > 0) batch.locks = locks;
    else delete batch.locks;
    return () => {
      for (const [id, key] of wanted)
        if (key === this.layoutKey) this.applied.delete(id);
        else this.applied.set(id, key);
    };
  }
}
