// A1 addresses for the Office sheet port: column letters and parsing the addresses Excel puts in events.

/** A block of cells, 0-based. */
export interface Block {
  row: number;
  column: number;
  rows: number;
  columns: number;
}

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

export function columnLetters(column: number): string {
  let s = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function part(text: string): { row: number | null; column: number | null } | null {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d{0,7})$/.exec(text);
  if (m === null || (m[1] === '' && m[2] === '')) return null;
  return { column: m[1] ? columnNumber(m[1]) : null, row: m[2] ? Number(m[2]) - 1 : null };
}

/** Parses 'C5', 'A3:AU9', "'台账'!A3", 'A:C', '3:5' and comma-separated lists of these; unknown forms give []. */
export function parseAddress(address: string): Block[] {
  const bang = address.lastIndexOf('!');
  const cells = bang < 0 ? address : address.slice(bang + 1);
  const out: Block[] = [];
  for (const area of cells.split(',')) {
    const ends = area.trim().split(':');
    const p = part(ends[0] ?? ''),
      q = part(ends[1] ?? ends[0] ?? '');
    if (p === null || q === null) return [];
    const r1 = p.row ?? 0,
      r2 = q.row ?? MAX_ROWS - 1,
      c1 = p.column ?? 0,
      c2 = q.column ?? MAX_COLUMNS - 1;
    out.push({
      row: Math.min(r1, r2),
      column: Math.min(c1, c2),
      rows: Math.abs(r2 - r1) + 1,
      columns: Math.abs(c2 - c1) + 1,
    });
  }
  return out;
}

export function intersect(a: Block, b: Block): Block | null {
  const row = Math.max(a.row, b.row),
    column = Math.max(a.column, b.column);
  const rowEnd = Math.min(a.row + a.rows, b.row + b.rows),
    columnEnd = Math.min(a.column + a.columns, b.column + b.columns);
  return rowEnd > row && columnEnd > column ? { row, column, rows: rowEnd - row, columns: columnEnd - column } : null;
}

/** A sheet name as a formula reference needs it: always quoted, quotes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
