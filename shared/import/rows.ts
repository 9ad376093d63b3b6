// IMP1: which rows below the header are cases (blank, note and repeated header rows are not), and a row's original.
import { readCaseCode } from './codes';
import { cellText, columnLetter, headerKey } from './header';
import { squeezed } from './plain';
import { charCount } from '../validation';
import type { Grid, GridCell, HeaderMatch } from './types';

export type RowKind = 'case' | 'blank' | 'note' | 'header';

/** A row that opens with one of these is a note, a total or a signature, never a case. */
const NOTE_START =
  /^(?:备注|注[:：、.\d]|注$|说明|填表说明|填报说明|合计|总计|小计|共计|填表人|填报人|制表|审核|统计人|负责人|单位负责人|联系人[:：]|填报日期|填报时间)/;
/** A row repeating at least this many header texts is the header again (a sheet printed page by page). */
const REPEATED_HEADER_CELLS = 3;

function firstText(row: readonly GridCell[]): string {
  for (const cell of row) {
    const t = squeezed(cellText(cell));
    if (t !== '') return t;
  }
  return '';
}

/**
 * IMP1: what a row below the header is. Once a note row has been seen, a row without a readable 诉求编号 is part of
 * the notes (numbered lines under 备注 or 填表说明).
 */
export function classifyRow(row: readonly GridCell[], header: HeaderMatch, afterNotes: boolean): RowKind {
  if (NOTE_START.test(firstText(row))) return 'note';
  const cols = header.columns.filter((c) => c.role !== 'seq');
  const texts = cols.map((c) => cellText(row[c.index]).trim());
  if (texts.every((t) => t === '')) return 'blank';
  const repeats = cols.filter((c, i) => texts[i] !== '' && headerKey(texts[i] ?? '') === headerKey(c.header));
  if (repeats.length >= REPEATED_HEADER_CELLS) return 'header';
  const code = header.columns.find((c) => c.role === 'code');
  if (afterNotes && (code === undefined || readCaseCode(cellText(row[code.index])) === null)) return 'note';
  return 'case';
}

/**
 * IMP2: the header of each column as a row's original shows it (trimmed, line breaks removed; the letter when empty),
 * each read once per sheet however many rows name it.
 */
export class OriginalHeaders {
  private readonly read = new Map<number, { readonly text: string; readonly chars: number }>();
  constructor(
    private readonly grid: Grid,
    private readonly header: HeaderMatch,
  ) {}

  of(index: number): { readonly text: string; readonly chars: number } {
    const known = this.read.get(index);
    if (known !== undefined) return known;
    const h = cellText(this.grid[this.header.row - 1]?.[index])
      .trim()
      .replace(/[\r\n]+/g, '');
    const text = h === '' ? columnLetter(index) : h;
    const out = { text, chars: charCount(text) };
    this.read.set(index, out);
    return out;
  }
}

/** IMP2: every non-empty cell of the row verbatim, as `header：text` lines in column order. */
export function originalText(headers: OriginalHeaders, row: readonly GridCell[]): string {
  const lines: string[] = [];
  row.forEach((cell, index) => {
    const text = cellText(cell);
    if (text.trim() !== '') lines.push(`${headers.of(index).text}：${text}`);
  });
  return lines.join('\n');
}

/**
 * IMP2: the characters `originalText` would have once trimmed (VAL6), counted without building it, so a long header
 * is not copied into every row before the row is refused.
 */
export function originalLength(headers: OriginalHeaders, row: readonly GridCell[]): number {
  let chars = 0;
  let last = '';
  row.forEach((cell, index) => {
    const text = cellText(cell);
    if (text.trim() === '') return;
    chars += (chars === 0 ? 0 : 1) + headers.of(index).chars + 1 + charCount(text);
    last = text;
  });
  return chars - (last.length - last.trimEnd().length);
}
