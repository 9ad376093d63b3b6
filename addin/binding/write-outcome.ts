// After a write: user edits it replaced are taken as edits (BIND10); rows it found holding other cases are un-planned (BIND11).
import type { CellValue, WriteBatch, WriteResult } from '../sheet/port';
import { emptyBatch } from './sheet-model';
import type { SheetModel } from './sheet-model';

export type TakeEdit = (id: string, row: number, col: number, value: CellValue, restore: WriteBatch) => void;

/**
 * Each replaced cell is handed to `take` as the user's edit of the case its row held (checked and sent, or refused
 * aloud; a refusal needs no restore — the write already put the server's value there), and the model then records
 * what the sheet shows now, so an accepted value is written back by the next flush. Returns true when rows were
 * misplaced: the caller reads the table again by case id.
 */
export function takeWriteOutcome(model: SheetModel, batch: WriteBatch, result: WriteResult, take: TakeEdit): boolean {
  if (result.misplaced.length > 0) model.unplan(batch, result.misplaced);
  const ignored = emptyBatch();
  for (const r of result.replaced) {
    const id = batch.ids?.get(r.row);
    const row = id === undefined || id === null ? null : model.rowOf(id);
    if (id === undefined || id === null || row === null || result.misplaced.includes(r.row)) continue;
    const shown = model.lastWritten(id)?.[r.column] ?? null;
    take(id, row, r.column, r.value, ignored);
    model.setCell(id, r.column, shown);
  }
  return result.misplaced.length > 0;
}
