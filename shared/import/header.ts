// IMP1: finds the 台账's header row by the 附件4 headers, wherever it is and however it is spaced or bracketed.
import { FIELDS } from '../fields';
import type { FieldId } from '../fields';
import type { ColumnRole, Grid, GridCell, HeaderMatch, LedgerColumn } from './types';

/** Rows searched for the header (title rows, 填报单位 rows and merged cells come first). */
export const HEADER_SEARCH_ROWS = 30;
/** A row is the header when it holds at least this many 附件4 columns, 诉求编号 or 诉求企业 among them. */
const MIN_ANNEX4_COLUMNS = 4;
/**
 * IMP1: a header cell longer than this is no column's header (the longest is 8 characters, spacing aside). Every problem
 * message and every row's check for a repeated header reads a column's header again, so it must stay short.
 */
export const HEADER_TEXT_MAX = 100;

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The text of a cell as a person reads it (a formula by its cached value, else its text). */
export function cellText(cell: GridCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if ('date' in cell) return cell.date;
  return cell.cached === undefined || cell.cached === null ? cell.formula : String(cell.cached);
}

/** Header text compared without spacing, line breaks, bracket widths or the (个人) of 诉求企业（个人）. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]+/g, '')
    .replace(/[（【［]/g, '(')
    .replace(/[）】］]/g, ')')
    .replace(/\((个人|单位|企业)\)$/, '')
    .replace(/[*＊:：]$/, '');
}

const ANNEX4_ROLES: ReadonlyMap<string, ColumnRole> = new Map<string, ColumnRole>([
  ['序号', 'seq'],
  ['诉求编号', 'code'],
  ['编号', 'code'],
  ['诉求企业', 'company'],
  ['企业名称', 'company'],
  ['主要诉求', 'summary'],
  ['诉求内容', 'summary'],
  ['办理单位', 'units'],
  ['承办单位', 'units'],
  ['办理情况', 'handling'],
  ['督办情况', 'supervision'],
  ['移送纪检监察情况', 'discipline'],
  ['回访情况', 'visit'],
  ['是否办结归档', 'archived'],
]);

const FIELD_ROLES: ReadonlyMap<string, FieldId> = new Map(FIELDS.map((f) => [headerKey(f.header), f.id as FieldId]));

/** The role of one header; 联系人及联系方式 is the company's before 办理单位 and the unit's after it. */
function roleOf(key: string, unitsSeen: boolean): ColumnRole | null {
  if (key === '联系人及联系方式' || key === '联系人及电话' || key === '联系方式')
    return unitsSeen ? 'handlerContact' : 'contact';
  const annex = ANNEX4_ROLES.get(key);
  if (annex !== undefined) return annex;
  const field = FIELD_ROLES.get(key);
  return field === undefined ? null : { field };
}

function columnsOf(row: readonly GridCell[]): LedgerColumn[] {
  const out: LedgerColumn[] = [];
  const taken = new Set<string>();
  let unitsSeen = false;
  row.forEach((cell, index) => {
    const header = cellText(cell).trim();
    if (header === '' || header.length > HEADER_TEXT_MAX) return;
    const role = roleOf(headerKey(header), unitsSeen);
    if (role === null) return;
    const name = typeof role === 'string' ? role : `field:${role.field}`;
    if (taken.has(name)) return; // the first of two same headers wins
    taken.add(name);
    if (role === 'units') unitsSeen = true;
    out.push({ index, letter: columnLetter(index), header, role });
  });
  return out;
}

/** IMP1: the header row of a 台账 grid, or null when the grid is not one. */
export function findHeader(grid: Grid): HeaderMatch | null {
  for (let r = 0; r < Math.min(grid.length, HEADER_SEARCH_ROWS); r++) {
    const columns = columnsOf(grid[r] ?? []);
    const annex = columns.filter((c) => typeof c.role === 'string');
    const anchored = annex.some((c) => c.role === 'code' || c.role === 'company');
    if (anchored && annex.length >= MIN_ANNEX4_COLUMNS) return { row: r + 1, columns };
  }
  return null;
}
