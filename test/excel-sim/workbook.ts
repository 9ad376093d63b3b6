// The simulated workbook: sheets, tables, selection, cell-edit mode, statistics and the simulated people using it.
import type { Rect } from './address';
import { parseAddress } from './address';
import type { Scalar } from './coerce';
import type { SimClock } from './cf-formula';
import { SimError } from './errors';
import { EventHub } from './events';
import type { Format } from './format';
import { withFormat } from './format';
import { PAYLOAD_LIMIT_BYTES } from './payload';
import { SimSheet } from './sheet';
import { UserActor } from './users';

export interface SimTable {
  readonly id: string;
  name: string;
  readonly sheet: SimSheet;
  /** Header row included, and the total row when `showTotals` is on. */
  rect: Rect;
  /** The total row is shown (the last row of `rect`). */
  showTotals?: boolean;
  /** AutoFilter criteria by column index (the values each column shows); none or empty: not filtered. */
  filter?: Map<number, string[]>;
}

export interface SimStats {
  runs: number;
  syncs: number;
  /** Values assignments and table.rows.add calls made through the API. */
  rangeWrites: number;
  /** table.rows.add calls made through the API (co-authoring advice: prefer Range.values). */
  rowsAdded: number;
  /** UTF-8 bytes of each sync's queued operations (the request payload). */
  requestBytes: number[];
  responseBytes: number[];
  largestRequestBytes: number;
  largestResponseBytes: number;
  /**
   * protect() and unprotect() calls applied. Calling an API without undo support clears the user's undo stack
   * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities, "Unsupported APIs"); the
   * simulator assumes (stricter reading) that sheet protection is such an API, so each call counts as one clear.
   */
  protects: number;
  unprotects: number;
}

export interface WorkbookOptions {
  /** Sheets the workbook starts with (default ['Sheet1']). */
  sheets?: string[];
  /** Highest ExcelApi 1.x minor version reported as supported (default 17). */
  apiVersion?: number;
  /** Request/response payload limit in bytes (default 5 MB, as Excel on the web); Infinity for none. */
  payloadLimit?: number;
  /** The workbook's file name (default 'Book1'). */
  name?: string;
  /** The computer's clock for NOW()/TODAY() (default: the real time, in UTC+8 as the offices' computers). */
  clock?: Partial<SimClock>;
}

/** A cell as a file opened in Excel holds it: a value, a value with its number format, or a formula with its result. */
export type OpenedCell = Scalar | { value: Scalar; numberFormat: string } | { formula: string; result: Scalar };

export class SimWorkbook {
  readonly sheets: SimSheet[] = [];
  readonly tables: SimTable[] = [];
  readonly events = new EventHub();
  readonly stats: SimStats = {
    runs: 0,
    syncs: 0,
    rangeWrites: 0,
    rowsAdded: 0,
    requestBytes: [],
    responseBytes: [],
    largestRequestBytes: 0,
    largestResponseBytes: 0,
    protects: 0,
    unprotects: 0,
  };
  /** The person at this computer, and a co-author editing the same file from elsewhere. */
  readonly user: UserActor;
  readonly remote: UserActor;
  readonly apiVersion: number;
  readonly payloadLimit: number;
  readonly name: string;
  activeSheet: SimSheet;
  selection: { sheet: SimSheet; rect: Rect };
  /** Set while the user is editing a cell (Excel.run requests fail or wait, per delayForCellEdit). */
  editing: { sheet: SimSheet; rect: Rect; done: Promise<void>; finish: () => void } | null = null;
  /** What NOW() and TODAY() read; tests move `nowMs` to open the workbook "days later". */
  readonly clock: SimClock;
  private nextId = 1;

  constructor(options: WorkbookOptions = {}) {
    this.clock = { nowMs: null, utcOffsetMinutes: 480, ...options.clock };
    for (const name of options.sheets ?? ['Sheet1']) this.addSheet(name);
    this.activeSheet = this.sheets[0] as SimSheet;
    this.selection = { sheet: this.activeSheet, rect: { row: 0, col: 0, rows: 1, cols: 1 } };
    this.apiVersion = options.apiVersion ?? 17;
    this.payloadLimit = options.payloadLimit ?? PAYLOAD_LIMIT_BYTES;
    this.name = options.name ?? 'Book1';
    this.user = new UserActor(this, false);
    this.remote = new UserActor(this, true);
  }

  newId(prefix: string): string {
    return `{${prefix}-${String(this.nextId++).padStart(8, '0')}}`;
  }

  findSheet(name: string): SimSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheet(name: string): SimSheet {
    const found = this.findSheet(name);
    if (found === undefined)
      throw new SimError('ItemNotFound', `The requested resource doesn't exist. (worksheet '${name}')`);
    return found;
  }

  addSheet(name: string): SimSheet {
    this.checkSheetName(name, null);
    const sheet = new SimSheet(this.newId('sheet'), name);
    sheet.clock = this.clock;
    this.sheets.push(sheet);
    return sheet;
  }

  /**
   * Excel's rules for a sheet name, when a sheet is added or renamed: "Sheet names cannot: Be blank. Contain more than
   * 31 characters. Contain any of the following characters: / \ ? * : [ ] … Begin or end with an apostrophe ('), but
   * they can be used in between text or numbers in a name. Be named "History". This is a reserved word Excel uses
   * internally." (https://support.microsoft.com/en-us/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9)
   * Names are unique without regard to case.
   */
  checkSheetName(name: unknown, self: SimSheet | null): string {
    if (
      typeof name !== 'string' ||
      name.length === 0 ||
      name.length > 31 ||
      /[[\]:*?/\\]/.test(name) ||
      /^'|'$/.test(name) ||
      name.toLowerCase() === 'history'
    ) {
      throw new SimError(
        'InvalidArgument',
        `The argument is invalid or missing or has an incorrect format. (sheet name ${JSON.stringify(name)})`,
      );
    }
    const other = this.findSheet(name);
    if (other !== undefined && other !== self)
      throw new SimError('ItemAlreadyExists', `The resource already exists. (worksheet '${name}')`);
    return name;
  }

  findTable(name: string): SimTable | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  /** Test helper: the stored values of a range ('' for empty), e.g. values('台账', 'A3:C4'). */
  values(sheetName: string, address: string): Scalar[][] {
    const sheet = this.sheet(sheetName);
    const { rect } = parseAddress(address);
    return Array.from({ length: rect.rows }, (_, r) =>
      Array.from({ length: rect.cols }, (_, c) => sheet.cell(rect.row + r, rect.col + c).v),
    );
  }

  /**
   * Test helper: a workbook as it was opened from a file — cells stored verbatim from `address` on (no parsing, no
   * events), formulas with the result the file kept, and merged areas. A missing sheet is added.
   */
  openCells(
    sheetName: string,
    address: string,
    cells: readonly (readonly OpenedCell[])[],
    merges: string[] = [],
  ): void {
    const sheet = this.findSheet(sheetName) ?? this.addSheet(sheetName);
    const { rect } = parseAddress(address);
    cells.forEach((row, r) =>
      row.forEach((cell, c) => {
        const at = sheet.cell(rect.row + r, rect.col + c);
        if (typeof cell !== 'object') sheet.put(rect.row + r, rect.col + c, { v: cell, f: at.f });
        else if ('formula' in cell) sheet.put(rect.row + r, rect.col + c, { v: cell.result, f: at.f, x: cell.formula });
        else
          sheet.put(rect.row + r, rect.col + c, {
            v: cell.value,
            f: withFormat(at.f, { numberFormat: cell.numberFormat }),
          });
      }),
    );
    for (const m of merges) sheet.merges.push(parseAddress(m).rect);
  }

  /** Test helper: value and format of one cell. */
  cell(sheetName: string, address: string): { value: Scalar; format: Format } {
    const { rect } = parseAddress(address);
    const cell = this.sheet(sheetName).cell(rect.row, rect.col);
    return { value: cell.v, format: cell.f };
  }

  /** Waits until every queued event was delivered and every handler finished. */
  settle(): Promise<void> {
    return this.events.settle();
  }

  /** The next `count` onChanged events are lost. */
  dropEvents(count = 1): void {
    this.events.drop(count);
  }

  resetStats(): void {
    Object.assign(this.stats, {
      runs: 0,
      syncs: 0,
      rangeWrites: 0,
      rowsAdded: 0,
      requestBytes: [],
      responseBytes: [],
      largestRequestBytes: 0,
      largestResponseBytes: 0,
      protects: 0,
      unprotects: 0,
    });
  }
}

export function createWorkbook(options?: WorkbookOptions): SimWorkbook {
  return new SimWorkbook(options);
}
