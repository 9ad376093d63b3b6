// IMP2: a column found by a case field's own header (受理日期, 问题来源, 交办日期, 办理类型 …) → the raw field value.
import type { FieldId } from '../fields';
import { fieldDef } from '../fields';
import { KINDS, KIND_LABEL } from '../vocabulary';
import { readDateCell, readTimeCell } from './dates';
import { cellText } from './header';
import { squeezed } from './plain';
import type { GridCell } from './types';

/** Fields the reader never takes from a column: the ledger numbers and computes them, or IMP3 infers them. */
export const NOT_READ_FIELDS: ReadonlySet<FieldId> = new Set<FieldId>([
  'seq',
  'code',
  'status',
  'round',
  'warning',
  'leadUnit',
  'coUnits',
]);

/** A choice as offices write it: exact, without its number ("行政许可…" for "1.行政许可…"), or a label (咨询类). */
function choiceOf(id: FieldId, text: string): string {
  const t = squeezed(text);
  if (id === 'kind') return KINDS.find((k) => KIND_LABEL[k] === t || k === t) ?? text;
  const choices = fieldDef(id).choices ?? [];
  const bare = (s: string): string => squeezed(s).replace(/^\d{1,2}[.、)]/, '');
  return choices.find((c) => c === t) ?? choices.find((c) => bare(c) === bare(t)) ?? text;
}

function intOf(cell: GridCell | undefined): number | string {
  if (typeof cell === 'number') return cell;
  const t = squeezed(cellText(cell));
  return /^\d{1,15}$/.test(t) ? Number(t) : t;
}

/**
 * IMP2: the value of a field column, before validation: dates and times read from any form (a cell that holds no
 * date stays text, so the check names it), choices matched loosely, integers from text, the rest as the cell's text
 * (a formula by its cached value, else its text — never evaluated).
 */
export function fieldCellValue(id: FieldId, cell: GridCell | undefined): string | number {
  const def = fieldDef(id);
  switch (def.type) {
    case 'date':
      return readDateCell(cell) ?? cellText(cell);
    case 'time':
      return readTimeCell(cell) ?? cellText(cell);
    case 'int':
      return intOf(cell);
    case 'choice':
      return choiceOf(id, cellText(cell));
    default:
      return cellText(cell);
  }
}
