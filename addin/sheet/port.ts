// The host-neutral sheet port: the few operations the binding needs; Office.js (or a WPS host) implements it.
import type { GridCell } from '../../shared/import/types';

/** What a cell holds as the binding sees it: text, a number, a boolean, or empty. */
export type CellValue = string | number | boolean | null;

/** A column of the ledger table as the host must lay it out. */
export interface ColumnSpec {
  /** Header text shown in the sheet (Chinese). */
  header: string;
  /** Column width in characters (approximate). */
  width: number;
  /** Locked columns are protected: only the add-in writes them. */
  locked: boolean;
  /** Hidden columns (the case id) keep their data but are not shown. */
  hidden: boolean;
  /**
   * 'text' keeps what is typed as text (phones with leading zeros); 'number' for 序号 and counts; 'date' holds real
   * Excel dates (serials, BIND40) shown in `dateFormat`.
   */
  format: 'text' | 'number' | 'date';
  /** BIND40: the number format of a 'date' column. */
  dateFormat?: string;
  /** Choices for a data-validation list (dropdown), when the field is an enumeration. */
  choices?: readonly string[];
  /** Wrap long text. */
  wrap?: boolean;
}

/**
 * What turns a row's colour on: a column's text (the server's 预警), or a deadline column read against the computer's
 * clock, so rows change colour as time passes with the add-in closed. Deadline cells hold date-time serials (BIND43).
 */
export type HighlightTest =
  | { kind: 'equals'; column: number; text: string }
  | {
      kind: 'deadline';
      /** The 办结时限 column. */
      column: number;
      /** Only rows whose status column shows one of these are under the clock. */
      statusColumn: number;
      statuses: readonly string[];
      /** 'past': the deadline has passed; 'soon': it ends within `hours` (rows whose kindColumn shows one of
       *  hourKinds) or on or before the next working day (Saturday and Sunday skipped, holidays unknown). */
      when: 'past' | 'soon';
      kindColumn: number;
      hourKinds: readonly string[];
      hours: number;
    };

/** Row highlighting that must keep working with the add-in closed (conditional formats). */
export interface HighlightRule {
  test: HighlightTest;
  /** Fill colour, '#RRGGBB'. */
  fill: string;
  /** Font colour, '#RRGGBB'. */
  font: string;
}

export interface SheetLayout {
  sheetName: string;
  tableName: string;
  /** Optional title above the table (row 1), e.g. '企业诉求“直通车”工作台账'. */
  title: string;
  columns: ColumnSpec[];
  /** BIND11: the column holding each row's case id (checked before writes by position). */
  idColumn?: number;
  highlights: HighlightRule[];
}

/**
 * One batch of writes, applied by the host in one host call (one Excel.run). Row indexes are 0-based data rows
 * as they are BEFORE the batch: the host applies `cells` and `rows` first, then appends `append` and deletes `remove`;
 * the table ends with the kept rows in their order followed by the appended ones. After a failed write the
 * caller re-reads the table (parts of the batch may have been applied).
 */
export interface WriteBatch {
  /**
   * Replace values of whole rows (same length as columns) or of single cells. `was` is what the binding last wrote or
   * read there (BIND10): a cell found holding something else just before the write is reported in `replaced`.
   */
  cells: { row: number; column: number; value: CellValue; was?: CellValue }[];
  rows: { row: number; values: CellValue[]; was?: readonly CellValue[] }[];
  /**
   * BIND11: the case id each row touched by `cells`, `rows` or `remove` must hold in the layout's id column. A row
   * holding another id (sorted or moved) is left as it was and reported in `misplaced`.
   */
  ids?: ReadonlyMap<number, string | null>;
  /** BIND12: rows of the kept state to save with the batch (what the binding now believes each case's row shows). */
  state?: StateEntry[];
  /** Rows appended at the end of the table, in order. */
  append: CellValue[][];
  /** Rows to delete (any order; the host deletes from the bottom up). */
  remove: number[];
  /**
   * BIND42: rows (positions AFTER the batch) whose cells of the layout's editable columns are unlocked exactly in
   * `editable` and locked otherwise; applied in the batch's last request, under its one unprotect (BIND32).
   */
  locks?: { row: number; editable: readonly number[] }[];
  /** BIND42: the batch writes cells locked in their row (not by their column): the host unprotects for it. */
  unprotect?: boolean;
}

/**
 * BIND22: thrown by `write` when the batch adds or removes rows while the table is filtered (Excel refuses to insert or
 * delete rows of a filtered table: InsertDeleteConflict, office-js #994). Values of the batch may have been written;
 * writes of values still work, so the caller writes them alone and retries the rows later.
 */
export class StructureDeferredError extends Error {
  constructor() {
    super('the table is filtered: rows cannot be added or removed now');
    this.name = 'StructureDeferredError';
  }
}

/**
 * BIND38: the add-in session that writes this workbook's table. Kept in the workbook, so co-authors see it: one
 * session writes at a time; another person's add-in that finds a fresh claim does not write at all.
 */
export interface SessionClaim {
  /** Random per start of the binding. */
  session: string;
  userId: string;
  /** The user's name, shown to the other person. */
  user: string;
  /** When the claim was written, ISO 8601. */
  at: string;
}

/**
 * BIND38: thrown by `write` when the workbook's claim no longer names this session (another person's add-in took the
 * workbook over): nothing of the batch that adds or removes rows was written.
 */
export class ClaimLostError extends Error {
  constructor(readonly holder: SessionClaim | null) {
    super('another add-in session writes this workbook now');
    this.name = 'ClaimLostError';
  }
}

/** BIND12: one case's row as the binding last wrote or read it; null when the case left the table. */
export interface StateEntry {
  id: string;
  values: CellValue[] | null;
}

/** What a write found: user edits it replaced (BIND10) and rows it refused to write because they moved (BIND11). */
export interface WriteResult {
  replaced: { row: number; column: number; value: CellValue }[];
  misplaced: number[];
  /**
   * BIND21: rows typed into the table's empty row just before the first case was written there (the typing is
   * replaced: new rows are not accepted from the sheet, BIND6, but the user is told, as BIND6 tells them).
   */
  typedOver?: number;
}

/** A change the user made in the table (never one made by this add-in or by a co-author's remote edit). */
export interface UserEdit {
  /** First data row (0-based) and number of rows touched. */
  row: number;
  rowCount: number;
  /** First column and number of columns touched. */
  column: number;
  columnCount: number;
  /** The new value when the host knows it for a single cell; absent for pastes and multi-cell edits. */
  value?: CellValue;
  /** BIND11: the rows were sorted (positions changed): compare the table by case id. */
  sorted?: boolean;
}

export type Unsubscribe = () => void;

/** IMP6: an office's own 台账 in the workbook — a visible sheet without the live table whose first 30 rows hold its header. */
export interface ExistingLedger {
  /** The sheet's name as it is now (setup may have renamed it 台账（导入前）). */
  sheet: string;
  /** Excel row (1-based) of the header row. */
  headerRow: number;
  /** Rows below the header down to the last row holding a value (blank and note rows included). */
  rows: number;
  /** The workbook's file name, for the audit entries of an import. */
  workbook: string;
}

/** ADDIN31: one table of a report sheet: a heading row, a header row, its rows; `percentColumns` show 0.0%. */
export interface ReportBlock {
  heading: string;
  headers: string[];
  rows: CellValue[][];
  percentColumns: number[];
}

/**
 * ADDIN31: a sheet the add-in owns and rewrites whole (the 统计 sheet): a title in A1, tables one under another, and one
 * native column chart over the first `chart.columns` columns of the first table (its header row names the series).
 */
export interface ReportSheet {
  sheetName: string;
  title: string;
  /** A1 of a sheet written by the add-in starts with this; another sheet of the same name is never overwritten. */
  mark: string;
  blocks: ReportBlock[];
  /** Null: no chart (nothing to plot); an old one is still removed. */
  chart: { name: string; title: string; columns: number } | null;
}

/** ADDIN31: the workbook has a sheet of that name the add-in did not write: it is left as it is. */
export class ReportSheetTakenError extends Error {
  constructor(readonly sheetName: string) {
    super(`工作簿中已有名为“${sheetName}”的工作表，且不是本加载项生成的；请将其改名后重试`);
    this.name = 'ReportSheetTakenError';
  }
}

export interface SheetPort {
  /** Creates or repairs the worksheet and table: title, headers, formats, validation lists, highlighting, protection. */
  setup(layout: SheetLayout): Promise<void>;
  /** BIND38: the session claim kept in the workbook, or null (none, or unreadable). Optional. */
  readClaim?(): Promise<SessionClaim | null>;
  /**
   * BIND38: writes this session's claim; from then on every write checks it still holds (before the write when the
   * batch adds or removes rows) and throws ClaimLostError when another session's claim replaced it.
   */
  writeClaim?(claim: SessionClaim): Promise<void>;
  /** BIND12: the state kept in the workbook by earlier writes (case id → row); call after setup, before writing. */
  readState(): Promise<Map<string, CellValue[]>>;
  /** All data rows of the table, top to bottom. */
  readRows(): Promise<CellValue[][]>;
  /**
   * BIND36: all data rows with only `columns` read (null elsewhere), and whether the sheet is protected. Optional: a
   * port without it is re-checked with readRows.
   */
  readColumns?(columns: readonly number[]): Promise<{ protected: boolean; rows: CellValue[][] }>;
  /** Data rows `row` .. `row + count - 1`. */
  readRange(row: number, count: number): Promise<CellValue[][]>;
  /** Applies one batch; the host unprotects the sheet only for the duration of its own writes. */
  write(batch: WriteBatch): Promise<WriteResult>;
  onUserEdit(listener: (edits: UserEdit[]) => void): Unsubscribe;
  /** BIND37: another person changed this workbook (a change event with source Remote). Optional. */
  onCoAuthor?(listener: () => void): Unsubscribe;
  /** The data row of the active cell, or null outside the table. */
  onSelectionChange(listener: (row: number | null) => void): Unsubscribe;
  selectRow(row: number): Promise<void>;
  /** BIND11: sorts the table's rows by one column (the host unprotects around it); rows keep their case ids. */
  sortRows(column: number, ascending: boolean): Promise<void>;
  /** IMP6: the first sheet holding an office's own 台账 (never the live table's sheet), or null. Call after setup. */
  findExistingLedger(): Promise<ExistingLedger | null>;
  /**
   * IMP6: every cell of a sheet from A1 to its last value, row-major: dates as `{date}`, formulas as `{formula, cached}`
   * (never evaluated), empty cells null. Large sheets are read in pieces; `onProgress` hears rows read of all rows.
   */
  readSheet(sheet: string, onProgress?: (done: number, total: number) => void): Promise<GridCell[][]>;
  /** Activates a sheet and selects one cell of it ('F7'): the pane's jump to a problem of an import. */
  selectCell(sheet: string, address: string): Promise<void>;
  /** ADDIN31: writes the report sheet (adds it or rewrites it whole), replacing its chart; optional for other hosts. */
  writeReport?(report: ReportSheet): Promise<void>;
  /**
   * ADDIN53: opens an .xlsx (base64) as a new workbook (Excel.createWorkbook, ExcelApi 1.8); false when the host cannot,
   * so the caller downloads it instead. Optional for other hosts.
   */
  openWorkbook?(base64: string): Promise<boolean>;
}
