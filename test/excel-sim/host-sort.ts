// Table sort in the simulated host: rows of the table move whole (hidden columns too), the rowSorted event, refusals.
import { formatRect } from './address';
import type { Scalar } from './coerce';
import { SimError, accessDenied } from './errors';
import { bodyRect } from './host-tables';
import type { Cell } from './sheet';
import type { SimTable, SimWorkbook } from './workbook';

export interface SortField {
  key: number;
  ascending?: boolean;
}

/**
 * Excel's order for one key: numbers before text, text without regard to case, blanks always last whatever the
 * direction ("Blank cells are always placed last" —
 * https://support.microsoft.com/en-us/office/sort-data-in-a-range-or-table-62d0b95d-2a90-4610-a6ae-2e545c4a4654).
 */
function compare(a: Scalar, b: Scalar, ascending: boolean): number {
  const blankA = a === '',
    blankB = b === '';
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  let d = rank(a) - rank(b);
  if (d === 0)
    d =
      typeof a === 'number' && typeof b === 'number'
        ? a - b
        : String(a).toLowerCase().localeCompare(String(b).toLowerCase());
  return ascending ? d : -d;
}

/**
 * Sorts the table's body rows by `fields` (stable), moving every cell of a row — values, formats and hidden columns.
 * On a protected sheet the sort is refused when the sheet does not allow sorting, and even when it does if the table
 * holds locked cells: "Users can't sort ranges that contain locked cells on a protected worksheet, regardless of this
 * setting" (allowSort; https://support.microsoft.com/en-us/office/lock-or-unlock-specific-areas-of-a-protected-worksheet-75481b72-db8a-4267-8c43-042a5f2cd93a).
 * Raises Worksheet.onRowSorted (ExcelApi 1.10,
 * https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onrowsorted-member) and,
 * the stricter reading, no onChanged: no document promises one for a sort.
 */
export function sortTable(wb: SimWorkbook, t: SimTable, fields: readonly SortField[], actor: 'addin' | 'user'): void {
  const body = bodyRect(t);
  const where = `${t.sheet.name}!${formatRect(body)}`;
  if (fields.length === 0 || fields.some((f) => !Number.isInteger(f.key) || f.key < 0 || f.key >= body.cols))
    throw new SimError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format. (sort key)');
  const sheet = t.sheet;
  if (sheet.protection !== null) {
    if (!sheet.protection.options.allowSort) throw accessDenied(where);
    for (let r = 0; r < body.rows; r++)
      for (let c = 0; c < body.cols; c++)
        if (sheet.cell(body.row + r, body.col + c).f.locked) throw accessDenied(where);
  }
  const rows: Cell[][] = Array.from({ length: body.rows }, (_, r) =>
    Array.from({ length: body.cols }, (_, c) => sheet.cell(body.row + r, body.col + c)),
  );
  const order = rows
    .map((cells, i) => ({ cells, i }))
    .sort((a, b) => {
      for (const f of fields) {
        const d = compare(a.cells[f.key]?.v ?? '', b.cells[f.key]?.v ?? '', f.ascending !== false);
        if (d !== 0) return d;
      }
      return a.i - b.i;
    });
  order.forEach(({ cells }, r) => cells.forEach((cell, c) => sheet.put(body.row + r, body.col + c, cell)));
  wb.events.raise(sheet, 'rowSorted', {
    type: 'RowSorted',
    worksheetId: sheet.id,
    address: formatRect(body),
    source: 'Local',
    actor,
  });
}
