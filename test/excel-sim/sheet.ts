// One worksheet of the simulated workbook: a sparse grid of cells plus column, merge, protection and rule state.
import type { Rect } from './address';
import type { SimClock } from './cf-formula';
import type { Scalar } from './coerce';
import type { Format } from './format';
import { DEFAULT_FORMAT } from './format';

export interface Cell {
  /** The value; for a formula cell its last calculated result (the simulator never calculates). */
  v: Scalar;
  f: Format;
  /** The formula ('=SUM(A1:A3)') of a formula cell. */
  x?: string;
}

export interface ProtectionOptions {
  allowAutoFilter: boolean;
  allowDeleteColumns: boolean;
  allowDeleteRows: boolean;
  allowEditObjects: boolean;
  allowEditScenarios: boolean;
  allowFormatCells: boolean;
  allowFormatColumns: boolean;
  allowFormatRows: boolean;
  allowInsertColumns: boolean;
  allowInsertHyperlinks: boolean;
  allowInsertRows: boolean;
  allowPivotTables: boolean;
  allowSort: boolean;
  selectionMode: 'Normal' | 'Unlocked' | 'None';
}

export const DEFAULT_PROTECTION: ProtectionOptions = {
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowFormatCells: false,
  allowFormatColumns: false,
  allowFormatRows: false,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowInsertRows: false,
  allowPivotTables: false,
  allowSort: false,
  selectionMode: 'Normal',
};

/** A custom-formula conditional format ('=$Y3="超期"' relative to the rect's top-left cell). */
export interface ConditionalFormat {
  readonly id: string;
  rect: Rect;
  formula: string | null;
  fill: string | null;
  font: string | null;
}

export type Handler = (args: never) => unknown;

/** XSIM30: an embedded chart of a sheet (host-charts.ts): its type, the cells it plots, its name and title. */
export interface ChartState {
  readonly id: string;
  name: string;
  type: string;
  seriesBy: 'Auto' | 'Columns' | 'Rows';
  /** The source cells on this sheet; the chart follows their values as they change. */
  source: Rect;
  title: string;
  /** Top-left and bottom-right cells it covers, once placed with setPosition. */
  position: { start: Rect; end: Rect | null } | null;
}

/** Excel's default column width in points (8.43 characters of Calibri 11). */
export const DEFAULT_COLUMN_WIDTH = 48;

export class SimSheet {
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  /** Rows hidden by a table's AutoFilter (0-based sheet rows). */
  readonly filteredRows = new Set<number>();
  merges: Rect[] = [];
  protection: { options: ProtectionOptions; password: string | undefined } | null = null;
  /** XSIM30: embedded charts, in the order they were added. */
  charts: ChartState[] = [];
  /** Highest priority first (Excel adds new rules on top). */
  conditionalFormats: ConditionalFormat[] = [];
  /** The workbook's clock, read by NOW() and TODAY() in conditional formats. */
  clock: SimClock = { nowMs: null, utcOffsetMinutes: 480 };
  readonly handlers = {
    changed: new Set<Handler>(),
    selectionChanged: new Set<Handler>(),
    rowSorted: new Set<Handler>(),
  };
  private grid: (Cell | undefined)[][] = [];

  constructor(
    readonly id: string,
    name: string,
  ) {
    this.name = name;
  }

  /** Number of grid rows that may hold something (an upper bound of the used area). */
  get extent(): number {
    return this.grid.length;
  }

  cell(row: number, col: number): Cell {
    return this.grid[row]?.[col] ?? { v: '', f: DEFAULT_FORMAT };
  }

  /** Stores a cell; its formula is kept only when `cell` carries one (writing a value replaces a formula). */
  put(row: number, col: number, cell: Cell): void {
    const empty = cell.v === '' && cell.f === DEFAULT_FORMAT && cell.x === undefined;
    let line = this.grid[row];
    if (line === undefined) {
      if (empty) return;
      line = this.grid[row] = [];
    }
    line[col] = empty
      ? undefined
      : cell.x === undefined
        ? { v: cell.v, f: cell.f }
        : { v: cell.v, f: cell.f, x: cell.x };
  }

  /** Moves the cells of columns col..col+cols-1 at rows >= at down by count; new cells copy the format of the row above. */
  shiftDown(at: number, count: number, col: number, cols: number): void {
    for (let r = this.grid.length - 1; r >= at; r--) {
      for (let c = col; c < col + cols; c++) this.put(r + count, c, this.cell(r, c));
    }
    for (let r = at; r < at + count; r++) {
      for (let c = col; c < col + cols; c++)
        this.put(r, c, { v: '', f: at > 0 ? this.cell(at - 1, c).f : DEFAULT_FORMAT });
    }
  }

  /** Removes rows at..at+count-1 of columns col..col+cols-1, moving the cells below up. */
  shiftUp(at: number, count: number, col: number, cols: number): void {
    const end = this.grid.length;
    for (let r = at; r < end; r++) {
      for (let c = col; c < col + cols; c++) this.put(r, c, this.cell(r + count, c));
    }
  }

  /** Moves the cells of rows row..row+rows-1 at columns >= at right (count > 0) or left (count < 0). */
  shiftColumns(at: number, count: number, row: number, rows: number): void {
    for (let r = row; r < row + rows; r++) {
      const line = this.grid[r];
      if (line === undefined) continue;
      if (count > 0) line.splice(at, 0, ...new Array<undefined>(count));
      else line.splice(at, -count);
    }
  }

  /**
   * The smallest rectangle holding every value or formula (and, unless valuesOnly, every non-default format); null when
   * empty. "The used range is the smallest range that encompasses any cells that have a value or formatting assigned to
   * them" (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrange-member(1)).
   */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    this.grid.forEach((line, r) =>
      line?.forEach((cell, c) => {
        if (cell === undefined || (valuesOnly && cell.v === '' && cell.x === undefined)) return;
        r0 = Math.min(r0, r);
        c0 = Math.min(c0, c);
        r1 = Math.max(r1, r);
        c1 = Math.max(c1, c);
      }),
    );
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}
