// 导出单据 without a server export endpoint: the selected case's 附件4 row, shown and copied as one tab-separated line.
import { ANNEX4_HEADERS, annex4Row } from '../../shared/annex4';
import type { CaseData } from '../../shared/case';
import type { UnitName } from './case-view';

export function annex4Pairs(c: CaseData, unitName: UnitName): { header: string; value: string }[] {
  const row = annex4Row(c, unitName);
  return ANNEX4_HEADERS.map((header, i) => ({ header, value: String(row[i] ?? '') }));
}

/**
 * One spreadsheet cell for pasting: quoted when it holds a tab, a line break or a quote (Excel's paste rules). VIEW2:
 * a text Excel would read as a formula (= + - @) gets a leading apostrophe, which Excel keeps as "this is text" and
 * does not show (OWASP, CSV injection).
 */
function cell(value: string): string {
  const v = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[\t\r\n"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The row as Excel reads a paste: cells separated by tabs. */
export function annex4Tsv(c: CaseData, unitName: UnitName): string {
  return annex4Pairs(c, unitName)
    .map((p) => cell(p.value))
    .join('\t');
}
