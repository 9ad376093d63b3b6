// Workbook proxies of the simulator: the workbook (name, selection) and its worksheet collection with loadable items.
import type { SimContext } from './client-base';
import { parseLoad, SimObject } from './client-base';
import { SimRange } from './client-range';
import { SimWorksheet } from './client-sheet';
import { SimTables } from './client-table';
import { propertyNotLoaded, SimError } from './errors';
import type { SimSheet } from './sheet';
import type { SimWorkbook } from './workbook';

export class SimWorksheets extends SimObject<SimWorkbook> {
  #items: SimWorksheet[] | undefined;

  constructor(context: SimContext, path: string) {
    super(context, 'WorksheetCollection', path, () => context.wb, { count: { get: (wb) => wb.sheets.length } });
  }

  private byKey(key: string): SimSheet | null {
    const wb = this.context.wb;
    return wb.findSheet(key) ?? wb.sheets.find((s) => s.id === key) ?? null;
  }

  /**
   * The worksheets as last loaded, in workbook order. A collection's items are read only after `load` and `sync`, as
   * in Microsoft's example `sheets.load("items/name"); await context.sync(); sheets.items.forEach(…)`
   * (https://learn.microsoft.com/en-us/office/dev/add-ins/excel/excel-add-ins-worksheets#get-worksheets).
   */
  get items(): SimWorksheet[] {
    if (this.#items === undefined) throw propertyNotLoaded('items', this.typeName);
    return this.#items;
  }

  /** 'count', 'items', 'items/name' or item properties ('name, visibility') as Office.js takes them on a collection. */
  override load(spec?: unknown): this {
    const names = parseLoad(spec);
    if (names !== null && names.every((n) => n === 'count')) return super.load(names);
    const props = (names ?? ['items'])
      .filter((n) => n !== 'count' && n !== 'items')
      .map((n) => n.replace(/^items\//, ''));
    if (names?.includes('count')) super.load('count');
    this.context.enqueue({ o: 'load', p: this.path, s: names ?? ['items'] }, () => {
      const items = this.context.wb.sheets.map(
        (s) => new SimWorksheet(this.context, `worksheets.getItem(${JSON.stringify(s.id)})`, () => s),
      );
      const values = items.map((ws) => ws.snapshot(props.length === 0 ? null : props));
      this.context.respond(values, () => {
        items.forEach((ws, i) => ws.prime(values[i] ?? {}));
        this.#items = items;
      });
    });
    return this;
  }

  getItem(key: string): SimWorksheet {
    return new SimWorksheet(this.context, `worksheets.getItem(${JSON.stringify(key)})`, () => {
      const s = this.byKey(key);
      if (s === null) throw new SimError('ItemNotFound', `The requested resource doesn't exist. (worksheet '${key}')`);
      return s;
    });
  }

  getItemOrNullObject(key: string): SimWorksheet {
    return new SimWorksheet(
      this.context,
      `worksheets.getItemOrNullObject(${JSON.stringify(key)})`,
      () => this.byKey(key),
      true,
    );
  }

  /** Adds a sheet at the end (not activated, as in Excel). */
  add(name?: string): SimWorksheet {
    let created: SimSheet | null = null;
    this.invoke('add', [name ?? null], (wb) => {
      let auto = wb.sheets.length + 1;
      while (name === undefined && wb.findSheet(`Sheet${auto}`)) auto++;
      created = wb.addSheet(name ?? `Sheet${auto}`);
    });
    return new SimWorksheet(this.context, `worksheets.add(${JSON.stringify(name ?? '')})`, () => created);
  }

  getActiveWorksheet(): SimWorksheet {
    return new SimWorksheet(this.context, 'worksheets.getActiveWorksheet()', () => this.context.wb.activeSheet);
  }
}

/** The workbook: its name ("Gets the workbook name.", ExcelApi 1.7,
 * https://learn.microsoft.com/en-us/javascript/api/excel/excel.workbook#excel-excel-workbook-name-member), worksheets,
 * tables and the selection. */
export class SimWorkbookProxy extends SimObject<SimWorkbook> {
  readonly worksheets: SimWorksheets;
  readonly tables: SimTables;

  constructor(context: SimContext) {
    super(context, 'Workbook', 'workbook', () => context.wb, { name: { get: (wb) => wb.name } }, { memo: true });
    this.worksheets = new SimWorksheets(context, 'worksheets');
    this.tables = new SimTables(context, 'tables', () => null);
  }

  getSelectedRange(): SimRange {
    return new SimRange(this.context, 'getSelectedRange()', () => ({ ...this.context.wb.selection }));
  }

  getActiveCell(): SimRange {
    return new SimRange(this.context, 'getActiveCell()', () => {
      const { sheet, rect } = this.context.wb.selection;
      return { sheet, rect: { row: rect.row, col: rect.col, rows: 1, cols: 1 } };
    });
  }
}
