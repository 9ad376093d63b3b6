// What the simulated host does when values or cell formats are written: shape checks, protection, merges, table headers, events.
import type { Rect } from './address';
import { cellCount, contains, formatRect, intersect } from './address';
import type { Scalar } from './coerce';
import { checkScalar, coerce } from './coerce';
import { accessDenied, notSimulated, SimError } from './errors';
import type { Format } from './format';
import { DEFAULT_FORMAT, withFormat } from './format';
import type { Cell, ProtectionOptions, SimSheet } from './sheet';
import type { SimWorkbook } from './workbook';

/** Who makes a change: this add-in through the API, the local user, or a co-author. */
export type Actor = 'addin' | 'user' | 'remote';

const MAX_CELLS = 2_000_000;
const SHAPE_MESSAGE =
  "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

/** Reads a property input: a 2D array of exactly the range's shape, or one non-array value applied to every cell. */
export function shapeOf(input: unknown, rect: Rect, property: string): (r: number, c: number) => unknown {
  if (input === null || input === undefined)
    throw new SimError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (${property} = ${String(input)})`,
    );
  if (!Array.isArray(input)) return () => input;
  if (input.length !== rect.rows || input.some((row) => !Array.isArray(row) || row.length !== rect.cols)) {
    throw new SimError('InvalidArgument', `${SHAPE_MESSAGE} (${property}: expected ${rect.rows}x${rect.cols})`);
  }
  const rows = input as unknown[][];
  return (r, c) => rows[r]?.[c];
}

export function checkSize(rect: Rect): void {
  if (cellCount(rect) > MAX_CELLS) throw notSimulated(`changing more than ${MAX_CELLS} cells in one operation`);
}

export function valueType(v: Scalar): 'Empty' | 'String' | 'Double' | 'Boolean' {
  return v === '' ? 'Empty' : typeof v === 'string' ? 'String' : typeof v === 'number' ? 'Double' : 'Boolean';
}

export function raiseChanged(
  wb: SimWorkbook,
  sheet: SimSheet,
  rect: Rect,
  changeType: string,
  actor: Actor,
  details?: object,
): void {
  const address = formatRect(rect);
  type Ctx = { workbook: { worksheets: { getItem(n: string): { getRange(a: string): unknown } } } };
  wb.events.raise(sheet, 'changed', {
    type: 'WorksheetChanged',
    worksheetId: sheet.id,
    address,
    changeType,
    source: actor === 'remote' ? 'Remote' : 'Local',
    triggerSource: actor === 'addin' ? 'ThisLocalAddin' : 'Unknown',
    ...(details === undefined ? {} : { details }),
    getRange: (ctx: Ctx) => ctx.workbook.worksheets.getItem(sheet.name).getRange(address),
    getRangeOrNullObject: (ctx: Ctx) => ctx.workbook.worksheets.getItem(sheet.name).getRange(address),
  });
}

/** Structural and format changes on a protected sheet are refused unless the protection options allow them. */
export function checkAllowed(sheet: SimSheet, allowedBy: keyof ProtectionOptions | null, where: string): void {
  if (sheet.protection !== null && (allowedBy === null || sheet.protection.options[allowedBy] !== true))
    throw accessDenied(where);
}

/** The merged area a cell belongs to, when it is not that area's top-left cell. */
function innerMerge(sheet: SimSheet, row: number, col: number): Rect | undefined {
  return sheet.merges.find((m) => contains(m, { row, col, rows: 1, cols: 1 }) && (m.row !== row || m.col !== col));
}

/** Writes values (null entries leave a cell unchanged, '' clears it), checking everything before changing anything. */
export function writeValues(wb: SimWorkbook, sheet: SimSheet, rect: Rect, input: unknown, actor: Actor): void {
  checkSize(rect);
  const at = shapeOf(input, rect, 'values');
  const changes: { row: number; col: number; value: Scalar }[] = [];
  for (let r = 0; r < rect.rows; r++) {
    for (let c = 0; c < rect.cols; c++) {
      const raw = at(r, c);
      if (raw === null || raw === undefined) continue;
      const value = checkScalar(raw);
      const row = rect.row + r,
        col = rect.col + c;
      if (sheet.protection !== null && sheet.cell(row, col).f.locked)
        throw accessDenied(`${sheet.name}!${formatRect({ row, col, rows: 1, cols: 1 })}`);
      if (value !== '' && innerMerge(sheet, row, col))
        throw new SimError('InvalidOperation', "We can't do that to a merged cell.");
      storedValue(wb, sheet, row, col, value);
      changes.push({ row, col, value });
    }
  }
  checkHeaders(wb, sheet, changes);
  const single = cellCount(rect) === 1 ? sheet.cell(rect.row, rect.col).v : undefined;
  for (const { row, col, value } of changes) storeValue(wb, sheet, row, col, value);
  if (actor === 'addin') wb.stats.rangeWrites++;
  const after = sheet.cell(rect.row, rect.col).v;
  const details =
    single === undefined
      ? undefined
      : {
          valueBefore: single,
          valueAfter: after,
          valueTypeBefore: valueType(single),
          valueTypeAfter: valueType(after),
        };
  raiseChanged(wb, sheet, rect, 'RangeEdited', actor, details);
}

/** The cell as Excel would store `value` given its number format (header cells always hold text); throws what Excel refuses. */
export function storedValue(wb: SimWorkbook, sheet: SimSheet, row: number, col: number, value: Scalar): Cell {
  const cell = sheet.cell(row, col);
  if (isHeaderCell(wb, sheet, row, col)) return { v: String(value), f: cell.f };
  const stored = coerce(value, cell.f.numberFormat);
  const f =
    stored.numberFormat !== undefined && cell.f.numberFormat === 'General'
      ? withFormat(cell.f, { numberFormat: stored.numberFormat })
      : cell.f;
  return { v: stored.value, f };
}

export function storeValue(wb: SimWorkbook, sheet: SimSheet, row: number, col: number, value: Scalar): void {
  sheet.put(row, col, storedValue(wb, sheet, row, col, value));
}

function isHeaderCell(wb: SimWorkbook, sheet: SimSheet, row: number, col: number): boolean {
  return wb.tables.some(
    (t) => t.sheet === sheet && t.rect.row === row && col >= t.rect.col && col < t.rect.col + t.rect.cols,
  );
}

/**
 * Table headers must stay unique and non-blank. Real Excel quietly renames a duplicate ('状态2') or a blank ('Column3');
 * the simulator refuses instead, so that the add-in never ends up with headers it did not write.
 */
function checkHeaders(wb: SimWorkbook, sheet: SimSheet, changes: { row: number; col: number; value: Scalar }[]): void {
  for (const table of wb.tables) {
    if (table.sheet !== sheet) continue;
    const header = { ...table.rect, rows: 1 };
    const touching = changes.filter((ch) => contains(header, { row: ch.row, col: ch.col, rows: 1, cols: 1 }));
    if (touching.length === 0) continue;
    const names = Array.from({ length: header.cols }, (_, c) => String(sheet.cell(header.row, header.col + c).v));
    for (const ch of touching) names[ch.col - header.col] = String(ch.value);
    const seen = new Set<string>();
    for (const name of names) {
      const key = name.trim().toLowerCase();
      if (key === '' || seen.has(key))
        throw new SimError(
          'InvalidArgument',
          `Simulator: table '${table.name}' would get a ${key === '' ? 'blank' : 'duplicate'} header '${name}' (Excel would rename it)`,
        );
      seen.add(key);
    }
  }
}

/** Changes cell formats of a range; `next` returns the new format of a cell (or null to keep it). */
export function formatCells(
  sheet: SimSheet,
  rect: Rect,
  next: (f: Format, r: number, c: number) => Format | null,
): void {
  checkSize(rect);
  for (let r = 0; r < rect.rows; r++) {
    for (let c = 0; c < rect.cols; c++) {
      const cell = sheet.cell(rect.row + r, rect.col + c);
      const f = next(cell.f, r, c);
      if (f !== null && f !== cell.f) sheet.put(rect.row + r, rect.col + c, { ...cell, f });
    }
  }
}

export function setNumberFormat(sheet: SimSheet, rect: Rect, input: unknown): void {
  checkAllowed(sheet, 'allowFormatCells', 'Range.numberFormat');
  checkSize(rect);
  const at = shapeOf(input, rect, 'numberFormat');
  for (let r = 0; r < rect.rows; r++) {
    for (let c = 0; c < rect.cols; c++) {
      const v = at(r, c);
      if (v !== null && v !== undefined && typeof v !== 'string')
        throw new SimError(
          'InvalidArgument',
          `The argument is invalid or missing or has an incorrect format. (numberFormat ${JSON.stringify(v)})`,
        );
    }
  }
  formatCells(sheet, rect, (f, r, c) => {
    const v = at(r, c) as string | null | undefined;
    return v === null || v === undefined ? null : withFormat(f, { numberFormat: v === '' ? 'General' : v });
  });
}

/** Values of a range: stored values, '' for empty. */
export function readValues(sheet: SimSheet, rect: Rect): Scalar[][] {
  checkSize(rect);
  return Array.from({ length: rect.rows }, (_, r) =>
    Array.from({ length: rect.cols }, (_, c) => sheet.cell(rect.row + r, rect.col + c).v),
  );
}

/** A property that is the same for every cell, or null when the cells differ (as Excel reports mixed formats). */
export function uniform<T>(sheet: SimSheet, rect: Rect, get: (f: Format, v: Scalar) => T): T | null {
  checkSize(rect);
  let first: T | undefined;
  for (let r = 0; r < rect.rows; r++) {
    for (let c = 0; c < rect.cols; c++) {
      const cell = sheet.cell(rect.row + r, rect.col + c);
      const v = get(cell.f, cell.v);
      if (first === undefined) first = v;
      else if (JSON.stringify(first) !== JSON.stringify(v)) return null;
    }
  }
  return first ?? null;
}

export function merge(wb: SimWorkbook, sheet: SimSheet, rect: Rect, across: boolean): void {
  checkAllowed(sheet, null, 'Range.merge');
  if (wb.tables.some((t) => t.sheet === sheet && intersect(t.rect, rect)))
    throw new SimError('InvalidOperation', "Simulator/Excel: cells in a table can't be merged.");
  const areas = across
    ? Array.from({ length: rect.rows }, (_, r) => ({ ...rect, row: rect.row + r, rows: 1 }))
    : [rect];
  for (const m of sheet.merges) {
    if (intersect(m, rect) && !contains(rect, m))
      throw new SimError('InvalidOperation', "We can't do that to a merged cell.");
  }
  sheet.merges = sheet.merges.filter((m) => !contains(rect, m));
  for (const area of areas) {
    if (area.rows * area.cols === 1) continue;
    for (let r = 0; r < area.rows; r++) {
      for (let c = 0; c < area.cols; c++) {
        if (r === 0 && c === 0) continue;
        const cell = sheet.cell(area.row + r, area.col + c);
        sheet.put(area.row + r, area.col + c, { v: '', f: cell.f });
      }
    }
    sheet.merges.push(area);
  }
}

export function unmerge(sheet: SimSheet, rect: Rect): void {
  checkAllowed(sheet, null, 'Range.unmerge');
  sheet.merges = sheet.merges.filter((m) => !intersect(m, rect));
}

/** Clears contents and/or formats; only cells that hold something are visited, so whole-sheet ranges are fine. */
export function clearRange(wb: SimWorkbook, sheet: SimSheet, rect: Rect, applyTo: string, actor: Actor): void {
  const contents = applyTo === 'All' || applyTo === 'Contents';
  const formats = applyTo === 'All' || applyTo === 'Formats';
  if (!contents && !formats) throw notSimulated(`Range.clear('${applyTo}')`);
  if (formats) checkAllowed(sheet, 'allowFormatCells', 'Range.clear');
  const used = sheet.usedRect(false);
  const area = used === null ? null : intersect(used, rect);
  if (contents && sheet.protection !== null) {
    // Cells never formatted are locked by default, so a range reaching past the used area always holds locked cells.
    if (used === null || !contains(used, rect)) throw accessDenied('Range.clear');
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++)
        if (sheet.cell(r, c).f.locked) throw accessDenied('Range.clear');
    }
  }
  if (area === null) return;
  if (contents && wb.tables.some((t) => t.sheet === sheet && intersect({ ...t.rect, rows: 1 }, area)))
    throw notSimulated('clearing table headers');
  for (let r = area.row; r < area.row + area.rows; r++) {
    for (let c = area.col; c < area.col + area.cols; c++) {
      const cell = sheet.cell(r, c);
      sheet.put(r, c, contents ? { v: '', f: formats ? DEFAULT_FORMAT : cell.f } : { ...cell, f: DEFAULT_FORMAT });
    }
  }
  if (contents) raiseChanged(wb, sheet, rect, 'RangeEdited', actor);
}
