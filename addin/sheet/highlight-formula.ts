// The conditional-format formula of a highlight rule, written for the table's first data row (VIEW4, BIND30).
import type { HighlightTest } from './port';

/** Excel text literal. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The deadline cell 'YYYY-MM-DD HH:mm' as an Excel date-time, rounded up to the end of its minute (the server's
 * deadline carries seconds, e.g. 23:59:59, which the cell does not show): never earlier than the server's.
 * DATE/TIME/MID rather than VALUE(text), whose reading of dates depends on the computer's regional settings.
 */
function deadline(ref: string): string {
  const part = (start: number, length: number): string => `VALUE(MID(${ref},${start},${length}))`;
  return `(DATE(${part(1, 4)},${part(6, 2)},${part(9, 2)})+TIME(${part(12, 2)},${part(15, 2)},59))`;
}

/**
 * `ref(column)` gives the first data row's reference to a column, e.g. '$D3'. A deadline rule is a fallback for a
 * stale 预警 (the server's working-day rule stays exact): 'past' is the server's overdue rule read from the cell;
 * 'soon' skips only weekends, so it never turns a row amber the server would leave white while it is up to date.
 */
export function highlightFormula(test: HighlightTest, ref: (column: number) => string): string {
  if (test.kind === 'equals') return `=${ref(test.column)}=${quoted(test.text)}`;
  const cell = ref(test.column);
  const status = ref(test.statusColumn);
  const clock = `OR(${test.statuses.map((s) => `${status}=${quoted(s)}`).join(',')})`;
  const shape = `LEN(${cell})=16`;
  if (test.when === 'past') return `=AND(${clock},${shape},NOW()>${deadline(cell)})`;
  const kind = ref(test.kindColumn);
  const hourly = `OR(${test.hourKinds.map((k) => `${kind}=${quoted(k)}`).join(',')})`;
  const limit = `IF(${hourly},NOW()+${test.hours}/24,WORKDAY(TODAY(),1)+1)`;
  return `=AND(${clock},${shape},${deadline(cell)}<${limit})`;
}
