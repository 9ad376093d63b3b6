// IMP1: the exceljs adapter: an .xlsx file's bytes → every sheet as a grid of plain cells (never evaluated).
import ExcelJS from 'exceljs';
import type { Cell, CellValue, Worksheet } from 'exceljs';
import { LedgerError } from '../../shared/errors';
import type { Grid, GridCell } from '../../shared/import/types';
import { IGNORED_SHEET_NODES, NOT_XLSX, checkXlsxBounds } from './xlsx-bounds';

/** Sheets larger than this are refused: a 台账 has hundreds of rows, not hundreds of thousands. */
export const MAX_SHEET_ROWS = 100_000;
export const MAX_SHEET_COLUMNS = 200;
/** The first bytes of an old binary .xls (OLE2) file. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

type Scalar = string | number | boolean | null;

/** A Date from exceljs is the UTC-midnight (plus time of day) of the Excel date: its UTC date parts are the date. */
function dateText(d: Date): string | null {
  return Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10);
}

/** Rich text runs joined; a hyperlink's shown text. */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object' && 'richText' in v && Array.isArray(v.richText)) {
    return v.richText.map((r: { text?: unknown }) => (typeof r.text === 'string' ? r.text : '')).join('');
  }
  return v === null || v === undefined ? '' : String(v);
}

/** A formula's cached result as a plain value: a Date → its date text, an error → null. */
function cachedOf(result: unknown): Scalar | undefined {
  if (result === undefined) return undefined;
  if (result === null || typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean')
    return result;
  if (result instanceof Date) return dateText(result);
  if (typeof result === 'object' && 'error' in result) return null;
  return textOf(result);
}

/** IMP1: one exceljs cell as a GridCell. */
export function gridCellOf(cell: Cell): GridCell {
  const v: CellValue = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return null;
    case ExcelJS.ValueType.Date:
      return v instanceof Date && dateText(v) !== null ? { date: dateText(v) as string } : null;
    case ExcelJS.ValueType.Formula: {
      const formula = `=${cell.formula}`;
      const cached = cachedOf(cell.result);
      return cached === undefined ? { formula } : { formula, cached };
    }
    case ExcelJS.ValueType.Hyperlink:
      return textOf((v as { text?: unknown }).text);
    case ExcelJS.ValueType.RichText:
      return textOf(v);
    case ExcelJS.ValueType.Error:
      return String((v as { error?: unknown }).error ?? '');
    default:
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : textOf(v);
  }
}

function tooLarge(ws: Worksheet, what: string): LedgerError {
  return new LedgerError(
    'INVALID_INPUT',
    `工作表“${ws.name}”${what}，超过导入上限（${MAX_SHEET_ROWS} 行、${MAX_SHEET_COLUMNS} 列）`,
  );
}

/** IMP1: the cells of a sheet, row-major from A1, trailing empty rows and cells left out; only a merge's master. */
export function sheetGrid(ws: Worksheet): Grid {
  const grid: GridCell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r > MAX_SHEET_ROWS) throw tooLarge(ws, `有 ${r} 行以上`);
    const cells: GridCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const value = gridCellOf(cell);
      if (value === null) return;
      if (c > MAX_SHEET_COLUMNS) throw tooLarge(ws, `第 ${r} 行有第 ${c} 列的内容`);
      while (cells.length < c - 1) cells.push(null);
      cells[c - 1] = value;
    });
    if (cells.length === 0) return;
    while (grid.length < r - 1) grid.push([]);
    grid[r - 1] = cells;
  });
  return grid;
}

function notXlsx(bytes: Uint8Array): LedgerError {
  const ole2 = OLE2.every((b, i) => bytes[i] === b);
  return new LedgerError(
    'INVALID_INPUT',
    ole2 ? '这是旧版 Excel（.xls）文件，请在 Excel 中“另存为”.xlsx 后再导入' : NOT_XLSX,
  );
}

/**
 * IMP1: every worksheet of an .xlsx file with its cells; anything that is not an .xlsx is INVALID_INPUT, and so is one
 * beyond the bounds of IMP7, measured before exceljs reads it.
 */
export async function readWorkbookGrids(bytes: Uint8Array): Promise<{ name: string; grid: Grid }[]> {
  if (bytes.length < 4 || OLE2.every((b, i) => bytes[i] === b)) throw notXlsx(bytes);
  await checkXlsxBounds(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads.
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer;
    await workbook.xlsx.load(data, { ignoreNodes: IGNORED_SHEET_NODES });
  } catch {
    throw notXlsx(bytes);
  }
  if (workbook.worksheets.length === 0) throw notXlsx(bytes);
  return workbook.worksheets.map((ws) => ({ name: ws.name, grid: sheetGrid(ws) }));
}
