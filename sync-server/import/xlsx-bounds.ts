// IMP7: an .xlsx is measured before exceljs reads it: what it inflates to, its rows and cells, the ranges exceljs expands.
import { createInflateRaw } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { LedgerError } from '../../shared/errors';

/*
 * exceljs reads every part of the archive whole into memory, and expands some ranges cell by cell as it reads them:
 * a merged range (one Cell object per cell, `lib/doc/worksheet.js`), a data validation's sqref (one map entry per
 * cell, `lib/xlsx/xform/sheet/data-validations-xform.js`) and a defined name's range (`lib/doc/defined-names.js`).
 * A few kilobytes naming `A1:XFD1048576` therefore held the event loop for minutes and ended the server out of
 * memory. Here each part is inflated as a stream, in chunks, and counted before anything is kept; rows and cells
 * (an object each in exceljs) are counted on the way, so a sheet of a million rows is refused after its first
 * 200,001 row elements.
 * Data validations, conditional formats and column definitions are not needed by the import: exceljs is told to skip
 * them (`IGNORED_SHEET_NODES`).
 */

/** What one part may inflate to, and the whole archive. A 100,000-row 台账 inflates to about 60 MiB. */
export const MAX_PART_BYTES = 192 * 1024 * 1024;
export const MAX_ARCHIVE_BYTES = 384 * 1024 * 1024;
export const MAX_PARTS = 10_000;
/**
 * Row and cell elements in all the sheets, with content or only a format: the reader takes 100,000 rows with
 * content (MAX_SHEET_ROWS); a 100,000-row, 12-column 台账 has 1.2 million cells.
 */
export const MAX_ROW_ELEMENTS = 200_000;
export const MAX_CELLS = 1_500_000;
/**
 * Cells inside merged ranges and defined names' ranges, which exceljs expands one by one: a million cost it about
 * 1.7 s and 260 MiB (merged) or 0.5 s and 90 MiB (a name). An autofilter over A1:L65536, as older workbooks keep it
 * (`_xlnm._FilterDatabase`), is 786,432.
 */
export const MAX_RANGE_CELLS = 1_000_000;
/** Names exceljs turns into a page setup without expanding them. */
const PAGE_NAMES = new Set(['_xlnm.Print_Area', '_xlnm.Print_Titles']);
/** Parts of a sheet exceljs need not read for the import (it would expand a data validation cell by cell). */
export const IGNORED_SHEET_NODES = ['dataValidations', 'conditionalFormatting', 'cols', 'extLst'];

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const refuse = (message: string): LedgerError => new LedgerError('INVALID_INPUT', message);
/** What any file that is not a readable .xlsx is told (the reader says the same, IMP1). */
export const NOT_XLSX = '文件不是有效的 Excel 工作簿（.xlsx），无法读取';
const notWorkbook = (): LedgerError => refuse(NOT_XLSX);

/** The archive's entries from its central directory; anything that is not a plain zip (zip64, split) is refused. */
function entriesOf(bytes: Buffer): Entry[] {
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notWorkbook();
  const count = bytes.readUInt16LE(end + 10);
  const dirOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw notWorkbook();
  if (count > MAX_PARTS) throw refuse(`工作簿包含 ${count} 个部件，超过导入上限（${MAX_PARTS} 个）`);
  const entries: Entry[] = [];
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) throw notWorkbook();
    const nameLength = bytes.readUInt16LE(p + 28);
    const skip = nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    entries.push({
      name: bytes.toString('utf8', p + 46, p + 46 + nameLength),
      method: bytes.readUInt16LE(p + 10),
      compressedSize: bytes.readUInt32LE(p + 20),
      localOffset: bytes.readUInt32LE(p + 42),
    });
    p += 46 + skip;
  }
  return entries;
}

/** The stored bytes of an entry (after its local header). */
function dataOf(bytes: Buffer, e: Entry): Buffer {
  const at = e.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) throw notWorkbook();
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (e.compressedSize === 0xffffffff || start + e.compressedSize > bytes.length) throw notWorkbook();
  return bytes.subarray(start, start + e.compressedSize);
}

/** Calls `onText` with the entry's inflated text, chunk by chunk; refuses once it passes `limit` bytes. */
async function inflate(data: Buffer, method: number, limit: number, onText: (text: string) => void): Promise<number> {
  if (method !== 0 && method !== 8) throw notWorkbook();
  const decoder = new StringDecoder('utf8');
  let total = 0;
  const take = (chunk: Buffer): void => {
    total += chunk.length;
    if (total > limit) throw refuse(`工作簿解压后超过导入上限（单个部件 ${limit / 1024 / 1024} MiB）`);
    onText(decoder.write(chunk));
  };
  if (method === 0) {
    for (let i = 0; i < data.length; i += 64 * 1024) take(data.subarray(i, i + 64 * 1024));
    return total;
  }
  const stream = createInflateRaw({ chunkSize: 64 * 1024 });
  stream.end(data);
  try {
    for await (const chunk of stream) take(chunk as Buffer);
  } catch (e) {
    stream.destroy();
    if (e instanceof LedgerError) throw e;
    throw notWorkbook(); // broken deflate data
  }
  return total;
}

/** Column letters → number (A = 1); NaN for anything else. */
function columnOf(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return letters.length > 0 && letters.length <= 3 ? n : NaN;
}

/**
 * The cells exceljs visits for every range in `text` ($ and a sheet prefix allowed): `A1:B2` its cells, a single cell
 * 1, whole rows `1:3` one per row (exceljs walks their rows once); whole columns `A:C` cost it one per column, not
 * counted.
 */
export function rangeCells(text: string): number {
  let cells = 0;
  const re = /\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?|(?<![\w$])\$?(\d{1,7}):\$?(\d{1,7})/g;
  for (const m of text.matchAll(re)) {
    if (m[1] === undefined) {
      cells += Math.abs(Number(m[6]) - Number(m[5])) + 1;
      continue;
    }
    const [c1, r1] = [columnOf(m[1]), Number(m[2])];
    const [c2, r2] = m[3] === undefined ? [c1, r1] : [columnOf(m[3]), Number(m[4])];
    if (Number.isNaN(c1) || Number.isNaN(c2)) continue;
    cells += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return cells;
}

/** Counts rows, cells and expanded range cells of one XML part as it streams by, tag by tag. */
class PartScan {
  rows = 0;
  cells = 0;
  rangeCells = 0;
  private carry = '';

  constructor(private readonly sheet: boolean) {}

  feed(text: string): void {
    const all = this.carry + text;
    const last = all.lastIndexOf('>');
    if (last < 0) {
      this.carry = all;
      if (this.carry.length > 4 * 1024 * 1024) throw refuse('工作簿中有超过 4 MiB 的单个元素，无法导入');
      return;
    }
    this.carry = all.slice(last + 1);
    this.tags(all.slice(0, last + 1));
  }

  private tags(xml: string): void {
    if (this.sheet) {
      for (const m of xml.matchAll(/<(?:\w+:)?(row|c|mergeCell)[\s/>]([^>]*)/g)) {
        if (m[1] === 'row') this.rows++;
        else if (m[1] === 'c') this.cells++;
        else this.rangeCells += rangeCells(/\bref\s*=\s*["']([^"']*)/.exec(m[2] as string)?.[1] ?? '');
      }
    } else {
      // xl/workbook.xml: each <definedName>'s text is a formula whose ranges exceljs expands (not a print area's)
      for (const m of xml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([^<]*)</g)) {
        const name = /\bname\s*=\s*["']([^"']*)/.exec(m[1] as string)?.[1] ?? '';
        if (!PAGE_NAMES.has(name)) this.rangeCells += rangeCells(m[2] as string);
      }
    }
  }
}

/**
 * IMP7: refuses (INVALID_INPUT, a Chinese message) an archive that is not a plain zip, has over MAX_PARTS parts, a
 * part inflating past MAX_PART_BYTES or all past MAX_ARCHIVE_BYTES, over MAX_ROW_ELEMENTS rows or MAX_CELLS cells in
 * all its sheets, or over MAX_RANGE_CELLS cells in merged ranges and defined names. Reads without keeping the parts.
 */
export async function checkXlsxBounds(input: Uint8Array): Promise<void> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  let archive = 0;
  let rows = 0;
  let cells = 0;
  let ranges = 0;
  for (const e of entriesOf(bytes)) {
    const name = e.name.replace(/^\//, '');
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(name);
    const scan = sheet || name === 'xl/workbook.xml' ? new PartScan(sheet) : null;
    archive += await inflate(dataOf(bytes, e), e.method, MAX_PART_BYTES, (text) => {
      scan?.feed(text);
      if (scan === null) return;
      if (rows + scan.rows > MAX_ROW_ELEMENTS)
        throw refuse(`工作簿有 ${MAX_ROW_ELEMENTS} 行以上（含只设了格式的行），超过导入上限`);
      if (cells + scan.cells > MAX_CELLS) throw refuse(`工作簿有 ${MAX_CELLS} 个以上单元格，超过导入上限`);
      if (ranges + scan.rangeCells > MAX_RANGE_CELLS)
        throw refuse(
          `工作簿的合并单元格和名称共涉及 ${MAX_RANGE_CELLS} 个以上单元格，超过导入上限；请取消大范围的合并后再导入`,
        );
    });
    if (archive > MAX_ARCHIVE_BYTES) throw refuse(`工作簿解压后超过导入上限（${MAX_ARCHIVE_BYTES / 1024 / 1024} MiB）`);
    rows += scan?.rows ?? 0;
    cells += scan?.cells ?? 0;
    ranges += scan?.rangeCells ?? 0;
  }
}
