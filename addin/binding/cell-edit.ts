// One cell the user changed: checked with the shared rules, accepted into the Y.Doc or refused with a restore (BIND5).
import type * as Y from 'yjs';
import type { Actor } from '../../shared/case';
import type { Rejection } from '../../shared/contract/sync';
import type { ErrorCode } from '../../shared/errors';
import { checkCellEdit } from '../../shared/permissions';
import { shanghaiDate } from '../../shared/time';
import type { CaseMap } from '../../shared/ydoc-layout';
import { casesOf, readCase } from '../../shared/ydoc-layout';
import type { CellValue, WriteBatch } from '../sheet/port';
import { COLUMNS, readCell, sheetValue } from './columns';
import type { SheetModel } from './sheet-model';

/** A refused edit as the pane shows it: the server's Rejection (CON2), or the same shape decided here by the shared rules. */
export interface Refusal extends Rejection {
  source: 'local' | 'server';
}

/** Origin of the binding's own writes into the Y.Doc. */
export const BINDING_ORIGIN = Object.freeze({ binding: true });

export const same = (a: CellValue | undefined, b: CellValue | undefined): boolean =>
  (a === null || a === undefined || a === '' ? null : String(a)) ===
  (b === null || b === undefined || b === '' ? null : String(b));

export interface EditContext {
  doc: Y.Doc;
  actor: Actor;
  model: SheetModel;
  now: () => number;
  onRefusal(r: Refusal): void;
  /** BIND37: true once a co-author was seen: the binding then never sends a cell into the Y.Doc. */
  stopped(): boolean;
}

/**
 * BIND5: the cell of case `id` at `row`, `col` now shows `value`. Unchanged from what the binding last wrote: nothing.
 * Allowed: the normalised value goes into the Y.Doc (returns true). Refused: a restore is queued in `restore` (the
 * refused value as `was`, so a newer edit is taken rather than overwritten — BIND10) and the pane hears why.
 */
export function takeCellEdit(
  x: EditContext,
  id: string,
  row: number,
  col: number,
  value: CellValue,
  restore: WriteBatch,
): boolean {
  const before = x.model.lastWritten(id)?.[col] ?? null;
  if (same(value, before)) return false;
  const column = COLUMNS[col];
  const c = readCase(x.doc, id);
  if (column === undefined || c === null) return false;
  const refuse = (code: ErrorCode, message: string, field: string | null): false => {
    restore.cells.push({ row, column: col, value: before, was: value });
    restore.ids = new Map(restore.ids ?? []).set(row, id);
    x.onRefusal({ caseId: id, field, code, message, source: 'local' });
    return false;
  };
  if (column.kind !== 'field')
    return refuse('FIELD_SERVER_OWNED', `“${column.spec.header}”由系统根据其他列生成，不能直接修改`, null);
  const next = readCell(column.field, value);
  const check = checkCellEdit(x.actor, c, column.field, next, shanghaiDate(x.now()));
  if (!check.ok) return refuse(check.error.code, check.error.message, column.field);
  const map = casesOf(x.doc).get(id) as CaseMap | undefined;
  if (map === undefined) return false;
  x.model.setCell(id, col, value);
  const stored = check.value; // VAL6: the normalised value, exactly what the server stores
  // BIND41: a date typed as text (2026.11.28) becomes the real date it means; the typing is the `was` (BIND10)
  const shown = sheetValue(column.field, stored);
  if (typeof shown === 'number' && !same(shown, value)) {
    restore.cells.push({ row, column: col, value: shown, was: value });
    restore.ids = new Map(restore.ids ?? []).set(row, id);
  }
  if (x.stopped()) return false; // BIND37: never send what may be a co-author's edit
  x.doc.transact(() => map.set(column.field, stored), BINDING_ORIGIN);
  return true;
}
