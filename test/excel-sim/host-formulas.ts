// Formulas in the simulated host: read back as Excel gives them, never calculated; constants written like values.
import type { Rect } from './address';
import { notSimulated } from './errors';
import type { Actor } from './host-cells';
import { checkSize, shapeOf, writeValues } from './host-cells';
import type { SimSheet } from './sheet';
import type { SimWorkbook } from './workbook';

/**
 * Range.formulas: "Represents the formula in A1-style notation. If a cell has no formula, its value is returned
 * instead." (https://learn.microsoft.com/en-us/javascript/api/excel/excel.range#excel-excel-range-formulas-member).
 * Empty cells give ''; a formula cell's `values` hold its last result (readValues), its `formulas` the formula text.
 */
export function readFormulas(sheet: SimSheet, rect: Rect): (string | number | boolean)[][] {
  checkSize(rect);
  return Array.from({ length: rect.rows }, (_, r) =>
    Array.from({ length: rect.cols }, (_, c) => {
      const cell = sheet.cell(rect.row + r, rect.col + c);
      return cell.x ?? cell.v;
    }),
  );
}

/**
 * Setting Range.formulas with constants stores them as typed values; a formula would have to be calculated, which the
 * simulator refuses loudly instead of guessing a result.
 */
export function writeFormulas(wb: SimWorkbook, sheet: SimSheet, rect: Rect, input: unknown, actor: Actor): void {
  checkSize(rect);
  const at = shapeOf(input, rect, 'formulas');
  for (let r = 0; r < rect.rows; r++)
    for (let c = 0; c < rect.cols; c++) {
      const v = at(r, c);
      if (typeof v === 'string' && v.startsWith('='))
        throw notSimulated(`writing the formula '${v}' (the simulator does not calculate)`);
    }
  writeValues(wb, sheet, rect, input, actor);
}
