// Data-validation lists and custom-formula conditional formats of the simulator, and how they evaluate (effectiveFill).
import type { Rect } from './address';
import { contains, intersect, parseAddress } from './address';
import { evaluate } from './cf-evaluate';
import type { FormulaNode } from './cf-formula';
import { FormulaError, parseFormula } from './cf-formula';
import type { Scalar } from './coerce';
import { notSimulated, SimError } from './errors';
import { checkAllowed, formatCells } from './host-cells';
import type { ListValidation } from './format';
import { normalizeColor, withFormat } from './format';
import type { ConditionalFormat, SimSheet } from './sheet';
import type { SimWorkbook } from './workbook';

/** Excel's limit on an inline list source ('a,b,c'). */
export const LIST_SOURCE_LIMIT = 255;

let nextRuleId = 1;

/** dataValidation.rule = { list: { inCellDropDown, source } }; other rule kinds are not simulated. */
export function setValidation(wb: SimWorkbook, sheet: SimSheet, rect: Rect, rule: unknown): void {
  checkAllowed(sheet, null, 'DataValidation.rule');
  const keys = rule !== null && typeof rule === 'object' ? Object.keys(rule) : [];
  if (keys.length !== 1 || keys[0] !== 'list')
    throw notSimulated(`data validation rule ${JSON.stringify(rule)} (only { list } is)`);
  const list = (rule as { list: { source?: unknown; inCellDropDown?: unknown } }).list;
  if (typeof list.source !== 'string' || list.source.trim() === '')
    throw new SimError(
      'InvalidArgument',
      'The argument is invalid or missing or has an incorrect format. (list source)',
    );
  if (list.source.startsWith('=')) {
    const ref = parseAddress(list.source.slice(1));
    if (ref.sheet !== undefined && wb.findSheet(ref.sheet) === undefined)
      throw new SimError(
        'InvalidArgument',
        `The argument is invalid or missing or has an incorrect format. (list source ${list.source})`,
      );
  } else if (list.source.length > LIST_SOURCE_LIMIT) {
    throw new SimError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (inline list source of ${list.source.length} characters; the limit is ${LIST_SOURCE_LIMIT})`,
    );
  }
  const validation: ListValidation = { source: list.source, inCellDropDown: list.inCellDropDown !== false };
  formatCells(sheet, rect, (f) => withFormat(f, { validation }));
}

export function clearValidation(sheet: SimSheet, rect: Rect): void {
  checkAllowed(sheet, null, 'DataValidation.clear');
  formatCells(sheet, rect, (f) => (f.validation === null ? null : withFormat(f, { validation: null })));
}

/** The choices of a list rule, reading a range source from its sheet. */
export function listChoices(wb: SimWorkbook, sheet: SimSheet, v: ListValidation): string[] {
  if (!v.source.startsWith('=')) return v.source.split(',').map((s) => s.trim());
  const ref = parseAddress(v.source.slice(1));
  const from = ref.sheet === undefined ? sheet : wb.sheet(ref.sheet);
  const out: string[] = [];
  for (let r = 0; r < ref.rect.rows; r++)
    for (let c = 0; c < ref.rect.cols; c++) out.push(String(from.cell(ref.rect.row + r, ref.rect.col + c).v));
  return out.filter((s) => s !== '');
}

/** What Excel's Stop alert does when a person types a value outside the list. */
export function checkTypedValue(wb: SimWorkbook, sheet: SimSheet, row: number, col: number, value: Scalar): void {
  const v = sheet.cell(row, col).f.validation;
  if (v === null || value === '') return;
  const typed = String(value).toLowerCase();
  if (!listChoices(wb, sheet, v).some((choice) => choice.toLowerCase() === typed)) {
    throw new SimError(
      'InvalidArgument',
      "This value doesn't match the data validation restrictions defined for this cell.",
    );
  }
}

export function addConditionalFormat(sheet: SimSheet, rect: Rect, type: unknown): ConditionalFormat {
  checkAllowed(sheet, null, 'ConditionalFormatCollection.add');
  if (type !== 'Custom') throw notSimulated(`conditional format type ${JSON.stringify(type)} (only 'Custom' is)`);
  const cf: ConditionalFormat = { id: String(nextRuleId++), rect, formula: null, fill: null, font: null };
  sheet.conditionalFormats.unshift(cf);
  return cf;
}

export function setConditionalFormat(
  sheet: SimSheet,
  cf: ConditionalFormat,
  patch: { formula?: unknown; fill?: unknown; font?: unknown },
): void {
  checkAllowed(sheet, null, 'ConditionalFormat');
  if (!sheet.conditionalFormats.includes(cf))
    throw new SimError('ItemNotFound', "The requested resource doesn't exist. (conditional format)");
  if ('formula' in patch) {
    if (typeof patch.formula !== 'string' || !patch.formula.startsWith('='))
      throw new SimError(
        'InvalidArgument',
        `The argument is invalid or missing or has an incorrect format. (formula ${JSON.stringify(patch.formula)})`,
      );
    parseRule(patch.formula);
    cf.formula = patch.formula;
  }
  if ('fill' in patch) cf.fill = normalizeOr(patch.fill);
  if ('font' in patch) cf.font = normalizeOr(patch.font);
}

function normalizeOr(color: unknown): string {
  try {
    return normalizeColor(color);
  } catch {
    throw new SimError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (colour ${JSON.stringify(color)})`,
    );
  }
}

/** Removes the rules on a range: rules inside it go; rules it cuts at the top or bottom shrink; other overlaps are not simulated. */
export function clearConditionalFormats(sheet: SimSheet, rect: Rect): void {
  checkAllowed(sheet, null, 'ConditionalFormatCollection.clearAll');
  sheet.conditionalFormats = sheet.conditionalFormats.flatMap((cf) => {
    const cut = intersect(cf.rect, rect);
    if (cut === null) return [cf];
    if (contains(rect, cf.rect)) return [];
    if (cut.col === cf.rect.col && cut.cols === cf.rect.cols) {
      if (cut.row === cf.rect.row)
        return [Object.assign(cf, { rect: { ...cf.rect, row: cut.row + cut.rows, rows: cf.rect.rows - cut.rows } })];
      if (cut.row + cut.rows === cf.rect.row + cf.rect.rows)
        return [Object.assign(cf, { rect: { ...cf.rect, rows: cf.rect.rows - cut.rows } })];
    }
    throw notSimulated('clearing part of a conditional format from its middle or sides');
  });
}

/**
 * Excel keeps a conditional format's formula to 255 characters (assumed from the formula limits of the file format;
 * the simulator refuses longer ones) and the simulator evaluates only the functions of cf-formula.ts.
 */
export const RULE_FORMULA_LIMIT = 255;

export function parseRule(formula: string): FormulaNode {
  if (formula.length > RULE_FORMULA_LIMIT)
    throw new SimError(
      'InvalidArgument',
      `The argument is invalid or missing or has an incorrect format. (formula of ${formula.length} characters)`,
    );
  return parseFormula(formula);
}

/**
 * Excel applies a custom rule's format where its formula is TRUE, the formula written for the range's first cell and
 * its relative references moving with each cell
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-conditional-formatting, "Custom conditional
 * format"). A rule whose formula gives an error value formats nothing (assumed).
 */
export function ruleHolds(sheet: SimSheet, cf: ConditionalFormat, row: number, col: number): boolean {
  if (cf.formula === null || !contains(cf.rect, { row, col, rows: 1, cols: 1 })) return false;
  const tree = parseRule(cf.formula);
  try {
    const result = evaluate(tree, {
      read: (r, c) => sheet.cell(r, c).v,
      dRow: row - cf.rect.row,
      dCol: col - cf.rect.col,
      clock: sheet.clock,
    });
    return result === true || (typeof result === 'number' && result !== 0);
  } catch (e) {
    if (e instanceof FormulaError) return false;
    throw e;
  }
}

/** The fill a cell shows (0-based row and column): the highest-priority matching rule's fill, else the cell's own. */
export function effectiveFill(sheet: SimSheet, row: number, col: number): string | null {
  const cf = sheet.conditionalFormats.find((f) => f.fill !== null && ruleHolds(sheet, f, row, col));
  return cf?.fill ?? sheet.cell(row, col).f.fill;
}

/** The font colour a cell shows, like effectiveFill. */
export function effectiveFont(sheet: SimSheet, row: number, col: number): string | null {
  const cf = sheet.conditionalFormats.find((f) => f.font !== null && ruleHolds(sheet, f, row, col));
  return cf?.font ?? sheet.cell(row, col).f.font;
}
