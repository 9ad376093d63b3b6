// The periodic re-check (BIND6, BIND36): what it reads — id and editable columns while protected — and what it reports.
import type { Rejection } from '../../shared/contract/sync';
import { ERROR_CODES } from '../../shared/errors';
import type { Role } from '../../shared/vocabulary';
import type { CellValue, SheetPort } from '../sheet/port';
import { COLUMNS, ID_COLUMN, layoutFor } from './columns';

/** A refusal the re-check reports (the binding's Refusal, decided locally). */
type LocalRefusal = Rejection & { source: 'local' };

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

/** BIND6: rows typed below the table were removed. */
export function strayRefusal(): LocalRefusal {
  const code = 'CASE_CREATE_FORBIDDEN';
  return { caseId: null, field: null, code, message: ERROR_CODES[code], source: 'local' };
}

/** BIND6: a deleted row was restored. */
export function lostRefusal(caseId: string): LocalRefusal {
  const code = 'CASE_DELETE_FORBIDDEN';
  return { caseId, field: null, code, message: `${ERROR_CODES[code]}，已恢复`, source: 'local' };
}
