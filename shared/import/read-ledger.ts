// IMP1–IMP3: the 台账 reader: a grid of cells → case drafts and problems by Excel row (pure; no file I/O).
import { findHeader } from './header';
import type { RowRead } from './read-row';
import { readRow } from './read-row';
import { classifyRow, OriginalHeaders } from './rows';
import type { CaseDraft, Grid, HeaderMatch, ImportProblem, LedgerRead } from './types';

export interface ReadLedgerOptions {
  /** Codes already in the ledger: their drafts are returned marked `known` (the server decides unchanged/conflict). */
  readonly knownCodes?: ReadonlySet<string>;
}

/** IMP1: whether a sheet's cells hold a 台账 (its header row is found by the 附件4 headers). */
export function isLedgerGrid(grid: Grid): boolean {
  return findHeader(grid) !== null;
}

/** IMP2: the other rows a CONFLICT message names; more are counted, not listed. */
export const DUPLICATE_ROWS_LISTED = 10;

/**
 * IMP2: a code on several rows of the file is an error (CONFLICT) on each of them; none of them is imported. Each
 * message names at most DUPLICATE_ROWS_LISTED of the other rows, so many rows with one code cost linear time and text.
 */
function duplicates(reads: readonly RowRead[]): Map<number, ImportProblem> {
  const rowsByCode = new Map<string, number[]>();
  for (const r of reads) {
    if (r.code === null) continue;
    const rows = rowsByCode.get(r.code);
    if (rows === undefined) rowsByCode.set(r.code, [r.row]);
    else rows.push(r.row);
  }
  const out = new Map<number, ImportProblem>();
  for (const [code, rows] of rowsByCode) {
    if (rows.length < 2) continue;
    const head = rows.slice(0, DUPLICATE_ROWS_LISTED + 1);
    for (const row of rows) {
      const listed = head.filter((o) => o !== row).slice(0, DUPLICATE_ROWS_LISTED);
      const more = rows.length - 1 > listed.length ? `等${rows.length - 1}行` : '行';
      const message = `第${row}行：诉求编号${code}与第${listed.join('、')}${more}重复`;
      out.set(row, { row, column: null, code: 'CONFLICT', message, severity: 'error' });
    }
  }
  return out;
}

function finish(header: HeaderMatch, reads: readonly RowRead[], known: ReadonlySet<string>): LedgerRead {
  const dup = duplicates(reads);
  const drafts: CaseDraft[] = [];
  const problems: ImportProblem[] = [];
  for (const r of reads) {
    problems.push(...r.problems);
    const conflict = dup.get(r.row);
    if (conflict !== undefined) problems.push(conflict);
    else if (r.draft !== null) drafts.push(known.has(r.draft.code) ? { ...r.draft, known: true } : r.draft);
  }
  return { header, drafts, problems, rows: reads.length };
}

/**
 * IMP1–IMP3: reads a 台账 sheet. Rows below the header that are blank, notes (备注, 合计 …) or a repeated header are
 * skipped; every other row is read, and becomes a draft unless it has an error. Without a header: no drafts and one
 * IMPORT_NO_HEADER problem.
 */
export function readLedger(grid: Grid, opts: ReadLedgerOptions = {}): LedgerRead {
  const header = findHeader(grid);
  if (header === null) {
    const message = '没有找到台账表头（附件4 的列名，如“诉求编号”“诉求企业”“办理单位”）';
    return {
      header: null,
      drafts: [],
      problems: [{ row: 1, column: null, code: 'IMPORT_NO_HEADER', message, severity: 'error' }],
      rows: 0,
    };
  }
  const reads: RowRead[] = [];
  const headers = new OriginalHeaders(grid, header);
  let afterNotes = false;
  for (let i = header.row; i < grid.length; i++) {
    const kind = classifyRow(grid[i] ?? [], header, afterNotes);
    if (kind === 'note') afterNotes = true;
    if (kind === 'case') reads.push(readRow(grid, header, i, headers));
  }
  return finish(header, reads, opts.knownCodes ?? new Set());
}
