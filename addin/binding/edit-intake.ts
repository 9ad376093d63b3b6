// BIND4: user edits (typed, pasted, multi-cell) re-read from the sheet, diffed against what the add-in wrote, taken.
import type { CellValue, SheetPort, UserEdit, WriteBatch } from '../sheet/port';
import { COLUMNS, ID_COLUMN } from './columns';
import type { SheetModel } from './sheet-model';
import { batchSize, emptyBatch } from './sheet-model';

/** What the intake needs from the binding. */
export interface IntakeHost {
  readonly port: SheetPort;
  readonly model: SheetModel;
  stopped(): boolean;
  /** Counts one host call. */
  called(): void;
  /** BIND11: compares the whole table by case id (rows moved or were added). */
  reconcile(): Promise<void>;
  /** Takes one cell (checked and sent, or its old value queued in `restore`). */
  takeEdit(id: string, row: number, col: number, value: CellValue, restore: WriteBatch): void;
  writeRows(batch: WriteBatch): Promise<boolean>;
}

export async function takeUserEdits(host: IntakeHost, edits: readonly UserEdit[]): Promise<void> {
  if (edits.some((e) => e.sorted === true)) {
    await host.reconcile(); // BIND11: rows moved; the model's positions are found again by case id
    return;
  }
  const { model } = host;
  for (const e of edits) {
    const rows = await host.port.readRange(e.row, e.rowCount);
    host.called();
    if (host.stopped()) return;
    const moved = rows.some((cells, i) => model.idAt(e.row + i) === null || cells[ID_COLUMN] !== model.idAt(e.row + i));
    if (moved) {
      // new rows typed below the table, or rows sorted/moved: compare the whole table by case id
      await host.reconcile();
      continue;
    }
    const restore = emptyBatch();
    rows.forEach((cells, i) => {
      const id = model.idAt(e.row + i) as string;
      for (let col = e.column; col < e.column + e.columnCount && col < COLUMNS.length; col++) {
        host.takeEdit(id, e.row + i, col, cells[col] ?? null, restore);
      }
    });
    if (batchSize(restore) > 0) await host.writeRows(restore);
  }
}
