// Table proxies of the simulator: table collections, tables, their rows and columns.
import { checkRect, parseAddress } from './address';
import type { SimContext } from './client-base';
import { SimObject } from './client-base';
import { SimRange } from './client-range';
import { notSimulated, SimError } from './errors';
import { writeValues } from './host-cells';
import {
  addTable,
  addTableColumn,
  bodyRect,
  deleteRange,
  deleteTableColumn,
  headerRect,
  insertTableRows,
  renameTable,
} from './host-tables';
import { applyFilter, clearFilter, isFiltered } from './host-filters';
import { resizeTable } from './host-resize';
import { setShowTotals, totalRowRect } from './host-totals';
import type { SortField } from './host-sort';
import { sortTable } from './host-sort';
import type { SimSheet } from './sheet';
import type { SimTable } from './workbook';

export class SimTables extends SimObject<{ sheet: SimSheet | null }> {
  /** scope: the worksheet whose tables these are, or null for workbook.tables. */
  constructor(
    context: SimContext,
    path: string,
    private readonly scope: () => SimSheet | null,
  ) {
    super(context, 'TableCollection', path, () => ({ sheet: scope() }), {
      count: { get: ({ sheet }) => context.wb.tables.filter((t) => sheet === null || t.sheet === sheet).length },
    });
  }

  private find(name: string): SimTable | null {
    const table = this.context.wb.findTable(name);
    const sheet = this.scope();
    return table !== undefined && (sheet === null || table.sheet === sheet) ? table : null;
  }

  getItem(name: string): SimTableProxy {
    return new SimTableProxy(
      this.context,
      `${this.path}.getItem(${JSON.stringify(name)})`,
      () => {
        const t = this.find(name);
        if (t === null) throw new SimError('ItemNotFound', `The requested resource doesn't exist. (table '${name}')`);
        return t;
      },
      false,
    );
  }

  getItemOrNullObject(name: string): SimTableProxy {
    return new SimTableProxy(
      this.context,
      `${this.path}.getItemOrNullObject(${JSON.stringify(name)})`,
      () => this.find(name),
      true,
    );
  }

  /** tables.add('A2:C2', true): a header-only range gets one empty body row. */
  add(address: string | SimRange, hasHeaders: boolean): SimTableProxy {
    let created: SimTable | null = null;
    const where = typeof address === 'string' ? address : address.path;
    this.invoke('add', [where, hasHeaders], () => {
      let sheet: SimSheet, rect;
      if (typeof address === 'string') {
        const parsed = parseAddress(address);
        const scope = this.scope();
        if (parsed.sheet === undefined && scope === null)
          throw new SimError(
            'InvalidArgument',
            'The argument is invalid or missing or has an incorrect format. (workbook.tables.add needs a sheet-qualified address)',
          );
        sheet = parsed.sheet === undefined ? (scope as SimSheet) : this.context.wb.sheet(parsed.sheet);
        if (scope !== null && sheet !== scope)
          throw new SimError(
            'InvalidArgument',
            'The argument is invalid or missing or has an incorrect format. (address on another sheet)',
          );
        rect = parsed.rect;
      } else {
        ({ sheet, rect } = address.target());
      }
      created = addTable(this.context.wb, sheet, checkRect(rect), hasHeaders);
    });
    return new SimTableProxy(this.context, `${this.path}.add(${JSON.stringify(where)})`, () => created, false);
  }
}

/** A table proxy (SimTable is the host record it stands for). */
export class SimTableProxy extends SimObject<SimTable> {
  readonly rows: SimTableRows;
  readonly columns: SimTableColumns;
  readonly autoFilter: SimAutoFilter;

  constructor(context: SimContext, path: string, resolver: () => SimTable | null, nullable: boolean) {
    super(
      context,
      'Table',
      path,
      resolver,
      {
        name: { get: (t) => t.name, set: (t, v) => renameTable(context.wb, t, v) },
        id: { get: (t) => t.id },
        showHeaders: { get: () => true },
        showTotals: { get: (t) => t.showTotals === true, set: (t, v) => setShowTotals(context.wb, t, v, 'addin') },
      },
      { memo: true, nullable },
    );
    this.rows = new SimTableRows(context, `${path}.rows`, () => this.target());
    this.columns = new SimTableColumns(context, `${path}.columns`, () => this.target());
    this.autoFilter = new SimAutoFilter(context, `${path}.autoFilter`, () => this.target());
  }

  /** Table.sort (ExcelApi 1.2): apply(fields) sorts the body rows; see host-sort.ts for what is refused. */
  get sort(): { apply(fields: SortField[], matchCase?: boolean): void } {
    return {
      apply: (fields, matchCase) =>
        this.invoke('sort.apply', [fields, matchCase ?? false], (t) => sortTable(this.context.wb, t, fields, 'addin')),
    };
  }

  private range(
    name: string,
    rect: (t: SimTable) => { row: number; col: number; rows: number; cols: number },
  ): SimRange {
    return new SimRange(this.context, `${this.path}.${name}()`, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: rect(t) };
    });
  }

  getRange(): SimRange {
    return this.range('getRange', (t) => t.rect);
  }

  getHeaderRowRange(): SimRange {
    return this.range('getHeaderRowRange', headerRect);
  }

  getDataBodyRange(): SimRange {
    return this.range('getDataBodyRange', bodyRect);
  }

  /** Table.resize(range | address): the header stays in its row (see host-resize). */
  resize(newRange: string | SimRange): void {
    const where = typeof newRange === 'string' ? newRange : newRange.path;
    this.invoke('resize', [where], (t) => {
      if (typeof newRange !== 'string') {
        const { sheet, rect } = newRange.target();
        resizeTable(this.context.wb, t, sheet, rect);
        return;
      }
      const parsed = parseAddress(newRange);
      const sheet = parsed.sheet === undefined ? t.sheet : this.context.wb.sheet(parsed.sheet);
      resizeTable(this.context.wb, t, sheet, checkRect(parsed.rect));
    });
  }

  /** Table.getTotalRowRange: fails while the total row is not shown. */
  getTotalRowRange(): SimRange {
    return this.range('getTotalRowRange', (t) => {
      const rect = totalRowRect(t);
      if (rect === null)
        throw new SimError('ItemNotFound', `The requested resource doesn't exist. (total row of '${t.name}')`);
      return rect;
    });
  }
}

export class SimTableRows extends SimObject<SimTable> {
  constructor(context: SimContext, path: string, resolver: () => SimTable) {
    super(context, 'TableRowCollection', path, resolver, { count: { get: (t) => bodyRect(t).rows } });
  }

  /** rows.add(index | null, values): values must be rows x table-width. */
  add(index?: number | null, values?: unknown): void {
    this.invoke('add', [index ?? null, values], (t) => insertTableRows(this.context.wb, t, index, values, 'addin'));
  }

  getItemAt(index: number): SimRange & { delete(): void } {
    const range = new SimRange(this.context, `${this.path}.getItemAt(${index})`, () => {
      const t = this.target();
      if (!Number.isInteger(index) || index < 0 || index >= bodyRect(t).rows)
        throw new SimError('ItemNotFound', `The requested resource doesn't exist. (table row ${index})`);
      return { sheet: t.sheet, rect: { ...bodyRect(t), row: t.rect.row + 1 + index, rows: 1 } };
    });
    const remove = (): void =>
      range.invoke('delete', [], (r) => deleteRange(this.context.wb, r.sheet, r.rect, 'Up', 'addin'));
    return Object.assign(range, { delete: remove });
  }
}

interface ColumnTarget {
  table: SimTable;
  index: number;
}

export class SimTableColumns extends SimObject<SimTable> {
  constructor(context: SimContext, path: string, resolver: () => SimTable) {
    super(context, 'TableColumnCollection', path, resolver, { count: { get: (t) => t.rect.cols } });
  }

  getItemAt(index: number): SimTableColumn {
    return new SimTableColumn(this.context, `${this.path}.getItemAt(${index})`, () => {
      const table = this.target();
      if (!Number.isInteger(index) || index < 0 || index >= table.rect.cols)
        throw new SimError('ItemNotFound', `The requested resource doesn't exist. (table column ${index})`);
      return { table, index };
    });
  }

  getItem(name: string): SimTableColumn {
    return new SimTableColumn(this.context, `${this.path}.getItem(${JSON.stringify(name)})`, () => {
      const table = this.target();
      for (let c = 0; c < table.rect.cols; c++)
        if (String(table.sheet.cell(table.rect.row, table.rect.col + c).v) === name) return { table, index: c };
      throw new SimError('ItemNotFound', `The requested resource doesn't exist. (table column '${name}')`);
    });
  }

  add(index?: number | null, values?: unknown, name?: string): void {
    this.invoke('add', [index ?? null, values ?? null, name ?? null], (t) =>
      addTableColumn(this.context.wb, t, index, values, name),
    );
  }
}

export class SimTableColumn extends SimObject<ColumnTarget> {
  constructor(context: SimContext, path: string, resolver: () => ColumnTarget) {
    super(context, 'TableColumn', path, resolver, {
      index: { get: (t) => t.index },
      name: {
        get: (t) => String(t.table.sheet.cell(t.table.rect.row, t.table.rect.col + t.index).v),
        set: (t, v) =>
          writeValues(
            context.wb,
            t.table.sheet,
            { row: t.table.rect.row, col: t.table.rect.col + t.index, rows: 1, cols: 1 },
            [[v]],
            'addin',
          ),
      },
    });
  }

  private range(name: string, part: 'all' | 'header' | 'body'): SimRange {
    return new SimRange(this.context, `${this.path}.${name}()`, () => {
      const { table, index } = this.target();
      const r = part === 'all' ? table.rect : part === 'header' ? headerRect(table) : bodyRect(table);
      return { sheet: table.sheet, rect: { ...r, col: table.rect.col + index, cols: 1 } };
    });
  }

  getRange(): SimRange {
    return this.range('getRange', 'all');
  }

  getHeaderRowRange(): SimRange {
    return this.range('getHeaderRowRange', 'header');
  }

  getDataBodyRange(): SimRange {
    return this.range('getDataBodyRange', 'body');
  }

  delete(): void {
    this.invoke('delete', [], (t) => deleteTableColumn(this.context.wb, t.table, t.index));
  }

  /** Filtering and sorting are not simulated. */
  get filter(): never {
    throw notSimulated('TableColumn.filter');
  }
}

/** Table.autoFilter: value criteria per column (see host-filters). */
export class SimAutoFilter extends SimObject<SimTable> {
  constructor(context: SimContext, path: string, resolver: () => SimTable) {
    super(context, 'AutoFilter', path, resolver, {
      enabled: { get: () => true },
      isDataFiltered: { get: (t) => isFiltered(t) },
    });
  }

  /** apply(range, columnIndex, criteria): the range is the table's (it is not checked). */
  apply(range: unknown, columnIndex?: number, criteria?: unknown): void {
    this.invoke('apply', [columnIndex ?? null, criteria ?? null], (t) => applyFilter(t, columnIndex, criteria));
    void range;
  }

  clearCriteria(): void {
    this.invoke('clearCriteria', [], (t) => clearFilter(t));
  }
}
