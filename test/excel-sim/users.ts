// Simulated people: the local user (typing, pasting, selecting, editing a cell) and a remote co-author.
import type { Rect } from './address';
import { formatRect, parseAddress } from './address';
import type { Scalar } from './coerce';
import { checkScalar } from './coerce';
import { accessDenied, SimError } from './errors';
import { checkAllowed, writeValues } from './host-cells';
import { sortTable } from './host-sort';
import { checkTypedValue } from './host-rules';
import { applyFilter, clearFilter } from './host-filters';
import { setShowTotals } from './host-totals';
import type { SimSheet } from './sheet';
import type { SimWorkbook } from './workbook';

function single(address: string): Rect {
  const { rect } = parseAddress(address);
  if (rect.rows !== 1 || rect.cols !== 1) throw new Error(`Simulator: type() takes one cell, not '${address}'`);
  return rect;
}

export class UserActor {
  constructor(
    private readonly wb: SimWorkbook,
    readonly isRemote: boolean,
  ) {}

  private get actor(): 'user' | 'remote' {
    return this.isRemote ? 'remote' : 'user';
  }

  /**
   * Types a value into one cell and presses Enter (null clears it, like the Delete key). Raises onChanged with
   * details, source Local (Remote for a co-author), triggerSource Unknown. Throws like Excel refuses: locked cell on a
   * protected sheet (AccessDenied), a value outside a validation list (Stop alert).
   */
  type(sheetName: string, address: string, value: Scalar | null): void {
    const sheet = this.wb.sheet(sheetName);
    const rect = single(address);
    const v = value === null ? '' : checkScalar(value);
    if (sheet.protection !== null && sheet.cell(rect.row, rect.col).f.locked)
      throw accessDenied(`${sheet.name}!${address}`);
    checkTypedValue(this.wb, sheet, rect.row, rect.col, v);
    writeValues(this.wb, sheet, rect, [[v]], this.actor);
  }

  /** Pastes values with the top-left at `address` (validation is bypassed, as paste does). No details unless one cell. */
  paste(sheetName: string, address: string, values: (Scalar | null)[][]): void {
    const sheet = this.wb.sheet(sheetName);
    const { rect } = parseAddress(address);
    const width = values[0]?.length ?? 0;
    if (values.length === 0 || width === 0 || values.some((row) => row.length !== width))
      throw new Error('Simulator: paste() takes a non-empty rectangular array');
    writeValues(
      this.wb,
      sheet,
      { row: rect.row, col: rect.col, rows: values.length, cols: width },
      values.map((row) => row.map((v) => v ?? '')),
      this.actor,
    );
  }

  /**
   * Drags a column's width (points; 0 hides it, as Excel does) or unhides it (Format ▸ Hide & Unhide); on a protected
   * sheet only with "Format columns", which "includes changing column width or hiding columns"
   * (https://support.microsoft.com/en-us/office/lock-or-unlock-specific-areas-of-a-protected-worksheet-75481b72-db8a-4267-8c43-042a5f2cd93a).
   */
  formatColumn(sheetName: string, column: number, change: { width?: number; hidden?: boolean }): void {
    const sheet = this.wb.sheet(sheetName);
    checkAllowed(sheet, 'allowFormatColumns', `${sheet.name} column ${column}`);
    if (change.width !== undefined) sheet.columnWidths.set(column, change.width);
    if (change.hidden === true || change.width === 0) sheet.hiddenColumns.add(column);
    if (change.hidden === false) sheet.hiddenColumns.delete(column);
  }

  /** Shows or hides a table's total row (Table Design › Total Row); refused on a protected sheet. */
  setTotalRow(tableName: string, on: boolean): void {
    const table = this.wb.findTable(tableName);
    if (table === undefined) throw new Error(`Simulator: no table '${tableName}'`);
    setShowTotals(this.wb, table, on, this.actor);
  }

  /** Filters a table column to rows showing one of `values` (null: clears every criterion), as from its header's menu. */
  filterTable(tableName: string, column: number, values: string[] | null): void {
    const table = this.wb.findTable(tableName);
    if (table === undefined) throw new Error(`Simulator: no table '${tableName}'`);
    if (values === null) clearFilter(table);
    else applyFilter(table, column, { filterOn: 'Values', values });
  }

  /** Sorts a table from the ribbon (Data ▸ Sort) by one column; refused like Excel on a protected sheet (host-sort.ts). */
  sortTable(tableName: string, key: number, ascending = true): void {
    if (this.isRemote) throw new Error('Simulator: a co-author sorting is not simulated');
    const table = this.wb.findTable(tableName);
    if (table === undefined) throw new Error(`Simulator: no table ${tableName}`);
    sortTable(this.wb, table, [{ key, ascending }], 'user');
  }

  /** Selects a range (activating its sheet) and raises onSelectionChanged. */
  select(sheetName: string, address: string): void {
    if (this.isRemote) throw new Error("Simulator: a co-author's selection is not visible to this add-in");
    select(this.wb, this.wb.sheet(sheetName), parseAddress(address).rect);
  }

  /** Starts editing a cell (F2): Excel.run requests fail with InvalidOperationInCellEditMode, or wait with delayForCellEdit. */
  startEdit(sheetName: string, address: string): void {
    if (this.isRemote) throw new Error('Simulator: only the local user edits cells in this Excel');
    if (this.wb.editing) throw new Error('Simulator: already editing a cell');
    const sheet = this.wb.sheet(sheetName);
    const rect = single(address);
    let finish = (): void => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    this.wb.editing = { sheet, rect, done, finish };
  }

  /** Leaves cell-edit mode, committing `value` when given (Enter) or discarding the edit (Esc) when not. */
  finishEdit(value?: Scalar | null): void {
    const editing = this.wb.editing;
    if (editing === null) throw new Error('Simulator: not editing a cell');
    this.wb.editing = null;
    try {
      if (value !== undefined) this.type(editing.sheet.name, formatRect(editing.rect), value);
    } finally {
      editing.finish();
    }
  }
}

export function select(wb: SimWorkbook, sheet: SimSheet, rect: Rect): void {
  if (sheet.visibility !== 'Visible')
    throw new SimError('InvalidOperation', "Simulator/Excel: a hidden sheet's cells can't be selected.");
  wb.activeSheet = sheet;
  wb.selection = { sheet, rect };
  wb.events.raise(sheet, 'selectionChanged', {
    type: 'WorksheetSelectionChanged',
    worksheetId: sheet.id,
    address: formatRect(rect),
  });
}
