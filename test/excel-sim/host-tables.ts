// What the simulated host does to tables and rows: create and rename tables, add and delete rows and columns, shift what lies below.
import type { Rect } from './address';
import { contains, formatRect, intersect } from './address';
import { checkScalar, coerce } from './coerce';
import { notSimulated, SimError } from './errors';
import { DEFAULT_FORMAT } from './format';
import { checkNotFiltered } from './host-filters';
import type { Actor } from './host-cells';
import { checkAllowed, raiseChanged, shapeOf, storeValue } from './host-cells';
import type { SimSheet } from './sheet';
import type { SimTable, SimWorkbook } from './workbook';

const IN_TABLE =
  'This operation is not allowed. The operation is attempting to shift cells in a table on your worksheet.';

export function headerRect(t: SimTable): Rect {
  return { ...t.rect, rows: 1 };
}

/** The data rows: between the header and the total row (when shown). */
export function bodyRect(t: SimTable): Rect {
  return { ...t.rect, row: t.rect.row + 1, rows: t.rect.rows - 1 - (t.showTotals === true ? 1 : 0) };
}

/** A table with no data keeps one empty body row (the "insert row"). */
export function isBlankBody(t: SimTable): boolean {
  const body = bodyRect(t);
  if (body.rows !== 1) return false;
  for (let c = 0; c < body.cols; c++) if (t.sheet.cell(body.row, body.col + c).v !== '') return false;
  return true;
}

export function addTable(wb: SimWorkbook, sheet: SimSheet, rect: Rect, hasHeaders: boolean): SimTable {
  checkAllowed(sheet, null, 'TableCollection.add');
  if (!hasHeaders)
    throw notSimulated('tables.add(address, false) (Excel inserts a header row and shifts the cells below)');
  const full = { ...rect, rows: Math.max(rect.rows, 2) };
  if (wb.tables.some((t) => t.sheet === sheet && intersect(t.rect, full)))
    throw new SimError('InvalidArgument', "A table can't overlap another table.");
  if (sheet.merges.some((m) => intersect(m, full)))
    throw new SimError('InvalidOperation', "Simulator/Excel: a table can't contain merged cells.");
  const seen = new Set<string>();
  for (let c = 0; c < full.cols; c++) {
    let name = String(sheet.cell(full.row, full.col + c).v).trim() || `Column${c + 1}`;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${name}${n}`;
    seen.add(name.toLowerCase());
    sheet.put(full.row, full.col + c, { v: name, f: sheet.cell(full.row, full.col + c).f });
  }
  let n = 1;
  while (wb.findTable(`Table${n}`)) n++;
  const table: SimTable = { id: String(wb.tables.length + 1), name: `Table${n}`, sheet, rect: full };
  wb.tables.push(table);
  return table;
}

export function renameTable(wb: SimWorkbook, table: SimTable, name: unknown): void {
  if (
    typeof name !== 'string' ||
    name.length > 255 ||
    !/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) ||
    /^[A-Za-z]{1,3}\d+$/.test(name) ||
    /^[rc]$/i.test(name)
  ) {
    throw new SimError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (table name ${JSON.stringify(name)})`,
    );
  }
  const other = wb.findTable(name);
  if (other !== undefined && other !== table)
    throw new SimError('ItemAlreadyExists', `The resource already exists. (table '${name}')`);
  table.name = name;
}

/** Moves what lies at or below `at` in columns col..col+cols-1 by `count` rows (negative: rows at..at-count-1 are removed). */
function shiftRows(
  wb: SimWorkbook,
  sheet: SimSheet,
  at: number,
  count: number,
  col: number,
  cols: number,
  resized: SimTable,
): void {
  const span: Rect = { row: 0, col, rows: Number.MAX_SAFE_INTEGER, cols };
  const removed = count < 0 ? -count : 0;
  const move = (r: Rect, what: string, grow: boolean): Rect | null => {
    const end = r.row + r.rows;
    if (end < at || (end === at && !grow) || !intersect(r, span)) return r;
    if (!contains(span, { ...r, row: 0, rows: 1 }))
      throw notSimulated(`shifting a ${what} that only partly lies in the shifted columns`);
    if (count > 0) return r.row >= at ? { ...r, row: r.row + count } : { ...r, rows: r.rows + count };
    const map = (x: number): number => (x < at ? x : x - removed);
    if (r.row >= at && end <= at + removed) return null;
    const inBand = (x: number): boolean => x >= at && x < at + removed;
    const top = inBand(r.row) ? at + removed : r.row,
      bottom = inBand(end - 1) ? at - 1 : end - 1;
    return { ...r, row: map(top), rows: map(bottom) - map(top) + 1 };
  };
  for (const t of wb.tables) {
    if (t === resized || t.sheet !== sheet) continue;
    if (t.rect.row < at && t.rect.row + t.rect.rows > at && intersect(t.rect, span))
      throw notSimulated('shifting rows through another table');
    const next = move(t.rect, 'table', false);
    if (next === null) throw notSimulated('deleting another table by deleting its rows');
    t.rect = next;
  }
  sheet.merges = sheet.merges.flatMap((m) => {
    if (m.row < at && m.row + m.rows > at && intersect(m, span))
      throw notSimulated('shifting rows through a merged area');
    const next = move(m, 'merged area', false);
    return next === null ? [] : [next];
  });
  sheet.conditionalFormats = sheet.conditionalFormats.flatMap((cf) => {
    const bodyEnd = resized.rect.row + resized.rect.rows;
    const next = move(
      cf.rect,
      'conditional format',
      count > 0 && cf.rect.row + cf.rect.rows === bodyEnd && contains(resized.rect, cf.rect),
    );
    return next === null ? [] : [Object.assign(cf, { rect: next })];
  });
  if (count > 0) sheet.shiftDown(at, count, col, cols);
  else sheet.shiftUp(at, removed, col, cols);
}

/**
 * table.rows.add. No Microsoft document says which cell formats the new rows get, so the simulator takes the stricter
 * reading: inserted rows start with Excel's default format (General, locked, no validation), never a copy of the row
 * above, and their values are parsed as General cells parse them (text starting with = would be a formula).
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.tablerowcollection#excel-excel-tablerowcollection-add-member(1)
 */
export function insertTableRows(wb: SimWorkbook, table: SimTable, index: unknown, values: unknown, actor: Actor): void {
  const sheet = table.sheet;
  checkAllowed(sheet, null, 'TableRowCollection.add');
  checkNotFiltered(table, 'TableRowCollection.add');
  if (!Array.isArray(values) || values.length === 0)
    throw new SimError(
      'InvalidArgument',
      'The argument is invalid or missing or has an incorrect format. (rows.add values)',
    );
  const at = shapeOf(values, { ...table.rect, rows: values.length }, 'values');
  const rows = (values as unknown[][]).map((row, r) => row.map((_, c) => checkScalar(at(r, c) ?? '')));
  const bodyRows = bodyRect(table).rows;
  const requested = index === null || index === undefined ? bodyRows : index;
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested < 0 || requested > bodyRows) {
    throw new SimError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (rows.add index ${String(index)})`,
    );
  }
  let position: number = requested;
  const blank = isBlankBody(table);
  // Parse every value against the format its cell will have before changing anything (the operation is atomic).
  rows.forEach((row, r) =>
    row.forEach((v, c) =>
      coerce(v, blank && r === 0 ? sheet.cell(table.rect.row + 1, table.rect.col + c).f.numberFormat : 'General'),
    ),
  );
  const first = table.rect.row + 1 + (blank ? 0 : position);
  let pending = rows;
  if (blank) {
    pending = rows.slice(1);
    position = 1;
  }
  if (pending.length > 0) {
    const insertAt = table.rect.row + 1 + position;
    shiftRows(wb, sheet, insertAt, pending.length, table.rect.col, table.rect.cols, table);
    for (let r = insertAt; r < insertAt + pending.length; r++)
      for (let c = table.rect.col; c < table.rect.col + table.rect.cols; c++)
        sheet.put(r, c, { v: '', f: DEFAULT_FORMAT });
    table.rect = { ...table.rect, rows: table.rect.rows + pending.length };
  }
  rows.forEach((row, r) => row.forEach((v, c) => storeValue(wb, sheet, first + r, table.rect.col + c, v)));
  if (actor === 'addin') {
    wb.stats.rangeWrites++;
    wb.stats.rowsAdded++;
  }
  raiseChanged(
    wb,
    sheet,
    { row: first, col: table.rect.col, rows: rows.length, cols: table.rect.cols },
    'RowInserted',
    actor,
  );
}

/** range.delete('Up'): whole table rows may be deleted; a table keeps one empty row when all its rows go. */
export function deleteRange(wb: SimWorkbook, sheet: SimSheet, rect: Rect, shift: unknown, actor: Actor): void {
  checkAllowed(sheet, null, 'Range.delete');
  if (shift !== 'Up') throw notSimulated(`Range.delete(${JSON.stringify(shift)})`);
  const hit = wb.tables.filter((t) => t.sheet === sheet && intersect(t.rect, rect));
  if (hit.length > 1) throw new SimError('InvalidOperation', IN_TABLE);
  const table = hit[0];
  if (table !== undefined) {
    checkNotFiltered(table, 'Range.delete');
    const body = bodyRect(table);
    if (rect.col !== body.col || rect.cols !== body.cols || !contains(body, rect))
      throw new SimError('InvalidOperation', IN_TABLE);
    const all = rect.rows === body.rows;
    const removeAt = all ? rect.row + 1 : rect.row,
      removeCount = all ? rect.rows - 1 : rect.rows;
    if (removeCount > 0) shiftRows(wb, sheet, removeAt, -removeCount, rect.col, rect.cols, table);
    if (all)
      for (let c = 0; c < rect.cols; c++)
        sheet.put(rect.row, rect.col + c, { v: '', f: sheet.cell(rect.row, rect.col + c).f });
    table.rect = { ...table.rect, rows: table.rect.rows - removeCount };
    raiseChanged(wb, sheet, rect, 'RowDeleted', actor);
    return;
  }
  shiftRows(wb, sheet, rect.row, -rect.rows, rect.col, rect.cols, {
    id: '',
    name: '',
    sheet,
    rect: { row: -2, col: 0, rows: 1, cols: 1 },
  });
  raiseChanged(wb, sheet, rect, 'CellDeleted', actor);
}

/** table.columns.add at the right edge, into empty cells (inserting in the middle or shifting cells is not simulated). */
export function addTableColumn(wb: SimWorkbook, table: SimTable, index: unknown, values: unknown, name: unknown): void {
  const sheet = table.sheet;
  checkAllowed(sheet, null, 'TableColumnCollection.add');
  if (index !== null && index !== undefined && index !== table.rect.cols)
    throw notSimulated('inserting a table column before the last one');
  const col = table.rect.col + table.rect.cols;
  const rect = { ...table.rect, col, cols: 1 };
  for (let r = 0; r < rect.rows; r++)
    if (sheet.cell(rect.row + r, col).v !== '') throw notSimulated('adding a table column over non-empty cells');
  const at = values === null || values === undefined ? () => '' : shapeOf(values, rect, 'values');
  const header =
    typeof name === 'string' && name !== '' ? name : String(at(0, 0) ?? '') || `Column${table.rect.cols + 1}`;
  for (let c = 0; c < table.rect.cols; c++) {
    if (String(sheet.cell(rect.row, table.rect.col + c).v).toLowerCase() === header.toLowerCase())
      throw new SimError('InvalidArgument', `Simulator: duplicate table header '${header}'`);
  }
  for (let r = 0; r < rect.rows; r++) sheet.put(rect.row + r, col, { v: '', f: sheet.cell(rect.row + r, col - 1).f });
  table.rect = { ...table.rect, cols: table.rect.cols + 1 };
  sheet.put(rect.row, col, { v: header, f: sheet.cell(rect.row, col).f });
  for (let r = 1; r < rect.rows; r++) storeValue(wb, sheet, rect.row + r, col, checkScalar(at(r, 0) ?? ''));
}

/** TableColumn.delete: the table's cells right of the column move left. */
export function deleteTableColumn(wb: SimWorkbook, table: SimTable, index: number): void {
  const sheet = table.sheet;
  checkAllowed(sheet, null, 'TableColumn.delete');
  if (table.rect.cols === 1)
    throw new SimError('InvalidOperation', 'Simulator/Excel: the last column of a table cannot be deleted.');
  const col = table.rect.col + index;
  const right: Rect = { row: table.rect.row, col, rows: table.rect.rows, cols: Number.MAX_SAFE_INTEGER };
  if (
    sheet.merges.some((m) => intersect(m, right)) ||
    wb.tables.some((t) => t !== table && t.sheet === sheet && intersect(t.rect, right))
  ) {
    throw notSimulated('deleting a table column that shifts merged cells or other tables');
  }
  sheet.conditionalFormats = sheet.conditionalFormats.flatMap((cf) => {
    if (!intersect(cf.rect, right)) return [cf];
    if (cf.rect.col === table.rect.col && cf.rect.cols === table.rect.cols && contains(table.rect, cf.rect))
      return [Object.assign(cf, { rect: { ...cf.rect, cols: cf.rect.cols - 1 } })];
    throw notSimulated(`deleting a table column under the conditional format at ${formatRect(cf.rect)}`);
  });
  sheet.shiftColumns(col, -1, table.rect.row, table.rect.rows);
  table.rect = { ...table.rect, cols: table.rect.cols - 1 };
}
