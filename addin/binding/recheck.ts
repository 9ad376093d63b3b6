// What the periodic re-check reads (BIND36): the id and editable columns while the sheet is protected, else everything.
import type { Role } from '../../shared/vocabulary';
import type { CellValue, SheetPort } from '../sheet/port';
import { COLUMNS, ID_COLUMN, layoutFor } from './columns';

export interface Recheck {
  rows: CellValue[][];
  /** The columns read (besides the id column) that the re-check compares. */
  columns: number[];
  /** Host calls made. */
  calls: number;
}

/**
 * While the sheet is protected only unlocked cells can change (Excel refuses the rest), so reading the id column and
 * the role's editable columns finds every missed edit; an unprotected sheet (someone removed the protection) is read
 * whole. A port without readColumns is always read whole.
 */
export async function readForRecheck(port: SheetPort, role: Role): Promise<Recheck> {
  const all = COLUMNS.map((_, i) => i);
  if (port.readColumns === undefined) return { rows: await port.readRows(), columns: all, calls: 1 };
  const editable = layoutFor(role)
    .columns.map((c, i) => (c.locked ? -1 : i))
    .filter((i) => i >= 0);
  const cheap = await port.readColumns([...editable, ID_COLUMN]);
  if (cheap.protected) return { rows: cheap.rows, columns: editable, calls: 1 };
  return { rows: await port.readRows(), columns: all, calls: 2 };
}
