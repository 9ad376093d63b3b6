// A table's AutoFilter in the simulated host: value criteria hide rows; a filtered table refuses inserting and deleting rows.
import { SimError } from './errors';
import { checkAllowed } from './host-cells';
import type { SimTable } from './workbook';

/**
 * Table.autoFilter (ExcelApi 1.9): apply(range, columnIndex, { filterOn: 'Values', values }) hides the data rows whose
 * cell is not one of the values; clearCriteria() shows them again; isDataFiltered says whether criteria are set.
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.autofilter
 * Rows stay hidden or shown as they were when the filter was applied until it is applied again (Excel does not refilter
 * when values change). Writing values by position still writes hidden rows: a range is cells, not what is shown.
 * A person filters with the sheet protected when allowAutoFilter is set; through the API the sheet must be unprotected.
 */
export function applyFilter(table: SimTable, column: unknown, criteria: unknown): void {
  checkAllowed(table.sheet, 'allowAutoFilter', 'AutoFilter.apply');
  const c = criteria as { filterOn?: unknown; values?: unknown } | null;
  if (
    typeof column !== 'number' ||
    !Number.isInteger(column) ||
    column < 0 ||
    column >= table.rect.cols ||
    c === null ||
    typeof c !== 'object' ||
    c.filterOn !== 'Values' ||
    !Array.isArray(c.values)
  )
    throw new SimError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format. (filter)');
  const filter = table.filter ?? new Map<number, string[]>();
  filter.set(column, (c.values as unknown[]).map(String));
  table.filter = filter;
  refilter(table);
}

export function clearFilter(table: SimTable): void {
  checkAllowed(table.sheet, 'allowAutoFilter', 'AutoFilter.clearCriteria');
  table.filter = new Map();
  refilter(table);
}

export function isFiltered(table: SimTable): boolean {
  return table.filter !== undefined && table.filter.size > 0;
}

/**
 * office-js #994 (https://github.com/OfficeDev/office-js/issues/994): deleting rows of a filtered table fails; Excel
 * says it "can't move cells in a filtered range or table". The simulator refuses every insert or delete of table rows
 * (rows.add, Range.delete, and — the stricter reading — Table.resize) while criteria are set, with InsertDeleteConflict.
 */
export function checkNotFiltered(table: SimTable, where: string): void {
  if (isFiltered(table))
    throw new SimError(
      'InsertDeleteConflict',
      "The insert or delete operation resulted in a conflict. (Excel can't move cells in a filtered range or table)",
      where,
    );
}

function refilter(table: SimTable): void {
  const first = table.rect.row + 1,
    end = table.rect.row + table.rect.rows - (table.showTotals === true ? 1 : 0);
  for (let r = first; r < end; r++) {
    let shown = true;
    for (const [column, values] of table.filter ?? [])
      if (!values.includes(String(table.sheet.cell(r, table.rect.col + column).v))) shown = false;
    if (shown) table.sheet.filteredRows.delete(r);
    else table.sheet.filteredRows.add(r);
  }
}
