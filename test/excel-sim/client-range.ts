// Range proxies of the simulator: values, number formats, derived ranges, selection, deletion, merging.
import type { Rect } from './address';
import { checkRect, formatAddress, MAX_COLUMNS, MAX_ROWS } from './address';
import type { Prop, SimContext } from './client-base';
import { SimObject } from './client-base';
import { SimConditionalFormats, SimDataValidation, SimRangeFormat } from './client-format';
import { SimError } from './errors';
import {
  checkAllowed,
  clearRange,
  merge,
  readValues,
  setNumberFormat,
  unmerge,
  valueType,
  writeValues,
} from './host-cells';
import { readFormulas, writeFormulas } from './host-formulas';
import { dateText, isDateFormat } from './number-text';
import { deleteRange } from './host-tables';
import type { SimSheet } from './sheet';
import { select } from './users';

export interface RangeTarget {
  sheet: SimSheet;
  rect: Rect;
}

function hiddenState(t: RangeTarget): boolean | null {
  let hidden = 0;
  const cols = Math.min(t.rect.cols, MAX_COLUMNS);
  for (let c = t.rect.col; c < t.rect.col + cols; c++) if (t.sheet.hiddenColumns.has(c)) hidden++;
  return hidden === 0 ? false : hidden === cols ? true : null;
}

function rangeProps(ctx: SimContext): Record<string, Prop<RangeTarget>> {
  const wb = ctx.wb;
  return {
    address: { get: (t) => formatAddress(t.sheet.name, t.rect) },
    rowIndex: { get: (t) => t.rect.row },
    columnIndex: { get: (t) => t.rect.col },
    rowCount: { get: (t) => t.rect.rows },
    columnCount: { get: (t) => t.rect.cols },
    cellCount: { get: (t) => t.rect.rows * t.rect.cols },
    values: { get: (t) => readValues(t.sheet, t.rect), set: (t, v) => writeValues(wb, t.sheet, t.rect, v, 'addin') },
    formulas: {
      get: (t) => readFormulas(t.sheet, t.rect),
      set: (t, v) => writeFormulas(wb, t.sheet, t.rect, v, 'addin'),
    },
    valueTypes: { get: (t) => readValues(t.sheet, t.rect).map((row) => row.map(valueType)) },
    text: {
      // XSIM50: a number in a date format shows as that date (Range.text is the text as people see it)
      get: (t) =>
        readValues(t.sheet, t.rect).map((row, r) =>
          row.map((v, c) => {
            if (typeof v === 'boolean') return String(v).toUpperCase();
            const format = t.sheet.cell(t.rect.row + r, t.rect.col + c).f.numberFormat;
            return typeof v === 'number' && isDateFormat(format) ? dateText(v, format) : String(v);
          }),
        ),
    },
    numberFormat: {
      get: (t) =>
        Array.from({ length: t.rect.rows }, (_, r) =>
          Array.from({ length: t.rect.cols }, (_, c) => t.sheet.cell(t.rect.row + r, t.rect.col + c).f.numberFormat),
        ),
      set: (t, v) => setNumberFormat(t.sheet, t.rect, v),
    },
    columnHidden: {
      get: hiddenState,
      set: (t, v) => {
        if (typeof v !== 'boolean')
          throw new SimError(
            'InvalidArgument',
            'The argument is invalid or missing or has an incorrect format. (columnHidden)',
          );
        checkAllowed(t.sheet, 'allowFormatColumns', 'Range.columnHidden');
        for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
          if (v) t.sheet.hiddenColumns.add(c);
          else t.sheet.hiddenColumns.delete(c);
        }
      },
    },
    isEntireRow: { get: (t) => t.rect.col === 0 && t.rect.cols === MAX_COLUMNS },
    isEntireColumn: { get: (t) => t.rect.row === 0 && t.rect.rows === MAX_ROWS },
  };
}

export class SimRange extends SimObject<RangeTarget> {
  private formatProxy: SimRangeFormat | undefined;
  private validationProxy: SimDataValidation | undefined;
  private rulesProxy: SimConditionalFormats | undefined;

  /** `nullable` for the *OrNullObject methods: isNullObject is true after the sync when the range does not exist. */
  constructor(context: SimContext, path: string, resolver: () => RangeTarget | null, nullable = false) {
    super(context, 'Range', path, resolver, rangeProps(context), { nullable });
  }

  private derive(name: string, next: (r: Rect) => Rect): SimRange {
    return new SimRange(this.context, `${this.path}.${name}`, () => {
      const t = this.target();
      return { sheet: t.sheet, rect: checkRect(next(t.rect)) };
    });
  }

  getCell(row: number, column: number): SimRange {
    return this.derive(`getCell(${row},${column})`, (r) => ({
      row: r.row + row,
      col: r.col + column,
      rows: 1,
      cols: 1,
    }));
  }

  getRow(row: number): SimRange {
    return this.derive(`getRow(${row})`, (r) => ({ ...r, row: r.row + row, rows: 1 }));
  }

  getColumn(column: number): SimRange {
    return this.derive(`getColumn(${column})`, (r) => ({ ...r, col: r.col + column, cols: 1 }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): SimRange {
    return this.derive(`getResizedRange(${deltaRows},${deltaColumns})`, (r) => ({
      ...r,
      rows: r.rows + deltaRows,
      cols: r.cols + deltaColumns,
    }));
  }

  getAbsoluteResizedRange(rows: number, columns: number): SimRange {
    return this.derive(`getAbsoluteResizedRange(${rows},${columns})`, (r) => ({ ...r, rows, cols: columns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): SimRange {
    return this.derive(`getOffsetRange(${rowOffset},${columnOffset})`, (r) => ({
      ...r,
      row: r.row + rowOffset,
      col: r.col + columnOffset,
    }));
  }

  getEntireRow(): SimRange {
    return this.derive('getEntireRow()', (r) => ({ row: r.row, col: 0, rows: r.rows, cols: MAX_COLUMNS }));
  }

  getEntireColumn(): SimRange {
    return this.derive('getEntireColumn()', (r) => ({ row: 0, col: r.col, rows: MAX_ROWS, cols: r.cols }));
  }

  select(): void {
    this.invoke('select', [], (t) => select(this.context.wb, t.sheet, t.rect));
  }

  delete(shift: unknown): void {
    this.invoke('delete', [shift], (t) => deleteRange(this.context.wb, t.sheet, t.rect, shift, 'addin'));
  }

  clear(applyTo: unknown = 'All'): void {
    this.invoke('clear', [applyTo], (t) => clearRange(this.context.wb, t.sheet, t.rect, String(applyTo), 'addin'));
  }

  merge(across = false): void {
    this.invoke('merge', [across], (t) => merge(this.context.wb, t.sheet, t.rect, across));
  }

  unmerge(): void {
    this.invoke('unmerge', [], (t) => unmerge(t.sheet, t.rect));
  }

  get format(): SimRangeFormat {
    return (this.formatProxy ??= new SimRangeFormat(this.context, `${this.path}.format`, () => this.target()));
  }

  get dataValidation(): SimDataValidation {
    return (this.validationProxy ??= new SimDataValidation(this.context, `${this.path}.dataValidation`, () =>
      this.target(),
    ));
  }

  get conditionalFormats(): SimConditionalFormats {
    return (this.rulesProxy ??= new SimConditionalFormats(this.context, `${this.path}.conditionalFormats`, () =>
      this.target(),
    ));
  }
}
