// Translates Excel's worksheet event addresses into the port's data-row terms (UserEdit, selected row).
import type { Block } from './office-a1';
import { intersect, parseAddress } from './office-a1';
import type { Geometry } from './office-plan';
import type { CellValue, UserEdit } from './port';

/** The data rows on the sheet; the empty row of a table without data counts, so typing into it is not lost. */
function dataBlock(geom: Geometry): Block {
  return {
    row: geom.headerRow + 1,
    column: geom.firstColumn,
    rows: Math.max(geom.rows, geom.blank ? 1 : 0),
    columns: geom.columns,
  };
}

/** Clips a changed address to the data rows; `value` is kept only for an edit of exactly one cell. */
export function userEdits(address: string, geom: Geometry, value: CellValue | undefined): UserEdit[] {
  const data = dataBlock(geom);
  const blocks = parseAddress(address);
  const out: UserEdit[] = [];
  for (const block of blocks) {
    const hit = intersect(block, data);
    if (hit === null) continue;
    const one = blocks.length === 1 && block.rows === 1 && block.columns === 1;
    out.push({
      row: hit.row - data.row,
      rowCount: hit.rows,
      column: hit.column - data.column,
      columnCount: hit.columns,
      ...(one && value !== undefined ? { value } : {}),
    });
  }
  return out;
}

/** The data row of the selection's first cell, or null outside the data rows. */
export function selectedRow(address: string, geom: Geometry): number | null {
  const first = parseAddress(address)[0];
  if (first === undefined) return null;
  const hit = intersect({ row: first.row, column: first.column, rows: 1, columns: 1 }, dataBlock(geom));
  return hit === null ? null : hit.row - geom.headerRow - 1;
}

/** What Excel reports for a cell, in the port's terms ('' is empty). */
export function fromExcel(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
}
