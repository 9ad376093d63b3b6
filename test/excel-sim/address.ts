// A1-style addresses for the Excel simulator: parse, format, and rectangle arithmetic (0-based rows and columns).
import { SimError } from './errors';

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells; row/col are 0-based, rows/cols are counts (>= 1). */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7})$/;

function invalid(address: string): SimError {
  return new SimError(
    'InvalidArgument',
    `The argument is invalid or missing or has an incorrect format. (address '${address}')`,
  );
}

/** Splits `'My sheet'!A1:B2` / `台账!A1` into the sheet name (if any) and the cell part. */
export function splitSheet(address: string): { sheet: string | undefined; cells: string } {
  const bang = address.lastIndexOf('!');
  if (bang < 0) return { sheet: undefined, cells: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith('=')) sheet = sheet.slice(1);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, cells: address.slice(bang + 1) };
}

/** Parses one area ('A1', 'A1:C3', 'A:C', '3:5', with optional $ and sheet prefix). Multi-area addresses are refused. */
export function parseAddress(address: string): { sheet: string | undefined; rect: Rect } {
  const { sheet, cells } = splitSheet(address.trim());
  if (cells.includes(','))
    throw new SimError('NotImplemented', `Simulator: multi-area addresses are not simulated ('${address}')`);
  const parts = cells.split(':');
  const a = parts[0] ?? '',
    b = parts[1] ?? a;
  if (a === '' || parts.length > 2) throw invalid(address);
  let m1 = CELL.exec(a);
  let m2 = CELL.exec(b);
  if (m1 && m2) {
    const r1 = Number(m1[2]) - 1,
      r2 = Number(m2[2]) - 1,
      c1 = columnIndex(m1[1] as string),
      c2 = columnIndex(m2[1] as string);
    return {
      sheet,
      rect: checked(address, {
        row: Math.min(r1, r2),
        col: Math.min(c1, c2),
        rows: Math.abs(r2 - r1) + 1,
        cols: Math.abs(c2 - c1) + 1,
      }),
    };
  }
  m1 = COLS.exec(a);
  m2 = COLS.exec(b);
  if (m1 && m2 && cells.includes(':')) {
    const c1 = columnIndex(m1[1] as string),
      c2 = columnIndex(m2[1] as string);
    return {
      sheet,
      rect: checked(address, { row: 0, col: Math.min(c1, c2), rows: MAX_ROWS, cols: Math.abs(c2 - c1) + 1 }),
    };
  }
  m1 = ROWS.exec(a);
  m2 = ROWS.exec(b);
  if (m1 && m2 && cells.includes(':')) {
    const r1 = Number(m1[1]) - 1,
      r2 = Number(m2[1]) - 1;
    return {
      sheet,
      rect: checked(address, { row: Math.min(r1, r2), col: 0, rows: Math.abs(r2 - r1) + 1, cols: MAX_COLUMNS }),
    };
  }
  throw invalid(address);
}

function checked(address: string, rect: Rect): Rect {
  if (rect.row < 0 || rect.col < 0 || rect.row + rect.rows > MAX_ROWS || rect.col + rect.cols > MAX_COLUMNS)
    throw invalid(address);
  return rect;
}

export function checkRect(rect: Rect): Rect {
  const ok = [rect.row, rect.col, rect.rows, rect.cols].every(Number.isInteger) && rect.rows >= 1 && rect.cols >= 1;
  if (!ok || rect.row < 0 || rect.col < 0 || rect.row + rect.rows > MAX_ROWS || rect.col + rect.cols > MAX_COLUMNS) {
    throw new SimError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (range ${JSON.stringify(rect)} is outside the sheet)`,
    );
  }
  return rect;
}

/** 'A1', 'A1:C3', 'A:C' or '3:5' (no sheet name), as Excel writes them. */
export function formatRect(rect: Rect): string {
  const lastRow = rect.row + rect.rows,
    lastCol = rect.col + rect.cols - 1;
  if (rect.row === 0 && rect.rows === MAX_ROWS) return `${columnLetters(rect.col)}:${columnLetters(lastCol)}`;
  if (rect.col === 0 && rect.cols === MAX_COLUMNS) return `${rect.row + 1}:${lastRow}`;
  const first = `${columnLetters(rect.col)}${rect.row + 1}`;
  return rect.rows === 1 && rect.cols === 1 ? first : `${first}:${columnLetters(lastCol)}${lastRow}`;
}

/** Sheet names are quoted when they hold anything but letters, digits, '_' or '.', or start with a digit. */
export function quoteSheet(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheet: string, rect: Rect): string {
  return `${quoteSheet(sheet)}!${formatRect(rect)}`;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row),
    col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rows, b.row + b.rows),
    colEnd = Math.min(a.col + a.cols, b.col + b.cols);
  return rowEnd > row && colEnd > col ? { row, col, rows: rowEnd - row, cols: colEnd - col } : null;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

export function cellCount(rect: Rect): number {
  return rect.rows * rect.cols;
}
