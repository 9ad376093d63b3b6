// BIND2/BIND12: what the binding believes the sheet showed when it starts: the state kept in the workbook, else the sheet.
import type { CellValue } from '../sheet/port';
import type { SheetModel } from './sheet-model';

/**
 * Adopts the sheet's rows and seeds "last written" for each case: the kept state when there is one (so cells changed
 * while the add-in was closed show up as differences, i.e. edits), the sheet's own cells otherwise (BIND2: a sheet
 * without kept state is adopted as it is). Kept cases whose rows are gone are seeded too, so the re-check reports
 * them as deleted rows instead of restoring them without a word.
 */
export function seedModel(
  model: SheetModel,
  rows: readonly CellValue[][],
  saved: ReadonlyMap<string, CellValue[]>,
  known: (id: string) => boolean,
): void {
  model.adopt(rows);
  const present = new Set<string>();
  rows.forEach((cells, i) => {
    const id = model.idAt(i);
    if (id === null || present.has(id)) return;
    present.add(id);
    model.remember(id, saved.get(id) ?? cells);
  });
  for (const [id, values] of saved) if (!present.has(id) && known(id)) model.remember(id, values);
}
