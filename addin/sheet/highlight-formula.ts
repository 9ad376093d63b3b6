// The conditional-format formula of a highlight rule, written for the table's first data row (VIEW4, BIND30, BIND44).
import type { HighlightTest } from './port';

/** Excel text literal. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * BIND44: the deadline cell holds the date-time serial of its minute (BIND43); the server's deadline carries seconds
 * (e.g. 23:59:59) that the cell does not show. Overdue is read from the next minute on: the server compares whole
 * seconds (TIME4), so a deadline of 23:59:59 is overdue from 24:00:00, never earlier. Due-soon reads the end of the
 * minute (the latest deadline the cell can stand for). A number, not text: no DATE/TIME/MID, no regional date parsing.
 */
const overdueFrom = (cell: string): string => `${cell}+60/86400`;
const endOfMinute = (cell: string): string => `${cell}+59/86400`;

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
  // BIND44: only a number is a deadline (a cell of an earlier version's text, or empty, never colours a row)
  const when = (check: string): string => `IF(ISNUMBER(${cell}),${check})`;
  if (test.when === 'past') return `=AND(${clock},${when(`NOW()>=${overdueFrom(cell)}`)})`;
  const kind = ref(test.kindColumn);
  const hourly = `OR(${test.hourKinds.map((k) => `${kind}=${quoted(k)}`).join(',')})`;
  const limit = `IF(${hourly},NOW()+${test.hours}/24,WORKDAY(TODAY(),1)+1)`;
  return `=AND(${clock},${when(`${endOfMinute(cell)}<${limit}`)})`;
}
