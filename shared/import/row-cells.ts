// IMP2: one row's cells by column role, and the field values read from them, each checked by VAL1–VAL5.
import type { FieldId, FieldValue } from '../fields';
import { checkFindingsAndMeasures, validateFieldValue } from '../validation';
import { cellText } from './header';
import type { RowProblems } from './problems';
import type { ColumnRole, GridCell, HeaderMatch, LedgerColumn } from './types';

type AnnexRole = Exclude<ColumnRole, { readonly field: FieldId }>;

/** The cells of one row, looked up by the role of their column. */
export class RowCells {
  constructor(
    readonly row: readonly GridCell[],
    readonly header: HeaderMatch,
  ) {}

  column(role: AnnexRole): LedgerColumn | null {
    return this.header.columns.find((c) => c.role === role) ?? null;
  }

  fieldColumn(id: FieldId): LedgerColumn | null {
    return this.header.columns.find((c) => typeof c.role !== 'string' && c.role.field === id) ?? null;
  }

  cell(column: LedgerColumn | null): GridCell | undefined {
    return column === null ? undefined : this.row[column.index];
  }

  /** The text of the role's cell ('' when the sheet has no such column). */
  text(role: AnnexRole): string {
    return cellText(this.cell(this.column(role)));
  }
}

/** The field values of a draft; a value that breaks VAL1–VAL5 becomes an error naming its column instead. */
export class DraftFields {
  readonly values: Partial<Record<FieldId, FieldValue>> = {};
  constructor(private readonly problems: RowProblems) {}

  /** Sets a field from a raw value; empty values are left out (history need not have every field). */
  set(id: FieldId, raw: FieldValue | undefined, column: LedgerColumn | null): void {
    if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return;
    const r = validateFieldValue(id, raw);
    if (!r.ok) this.problems.error(column, r.error.code, r.error.message);
    else if (r.value !== null) this.values[id] = r.value;
  }

  /** VAL4: 核查情况 and 办理情况 together. */
  checkTogether(column: LedgerColumn | null): void {
    const r = checkFindingsAndMeasures(this.values.findings, this.values.measures);
    if (r !== null) this.problems.error(column, r.code, r.message);
  }
}
