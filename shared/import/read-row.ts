// IMP2, IMP3: one data row of a 台账 → a case draft (code, field values, units by name, status) and its problems.
import type { FieldId } from '../fields';
import { nameKey } from '../text';
import { readAnnexCells } from './annex-cells';
import { readCaseCode } from './codes';
import { fieldCellValue, NOT_READ_FIELDS } from './field-cells';
import { cellText } from './header';
import { RowProblems } from './problems';
import { DraftFields, RowCells } from './row-cells';
import { originalText } from './rows';
import { inferStatus } from './status';
import type { CaseDraft, Grid, HeaderMatch, ImportProblem } from './types';
import type { Units } from './units';
import { splitUnits, UNIT_NAME_MAX } from './units';

export interface RowRead {
  /** Excel row number. */
  readonly row: number;
  /** Null when the row has an error (it is not imported). */
  readonly draft: CaseDraft | null;
  readonly problems: readonly ImportProblem[];
  /** The normalised 诉求编号, when it could be read (also for a row with other errors). */
  readonly code: string | null;
}

/** IMP2: the 诉求编号 of the row; a missing or unreadable one is an error. */
function readCode(cells: RowCells, problems: RowProblems): string | null {
  const column = cells.column('code');
  const raw = cells.text('code').trim();
  if (raw === '') {
    problems.error(column, 'REQUIRED', '缺少诉求编号');
    return null;
  }
  const code = readCaseCode(raw);
  if (code === null)
    problems.error(column, 'INVALID_INPUT', `诉求编号“${raw.slice(0, 30)}”无法识别（应如 〔2025〕24号）`);
  return code;
}

/** IMP2: the columns found by a field's own header, except those IMP3 infers or the ledger assigns. */
function readFieldColumns(cells: RowCells, fields: DraftFields): void {
  for (const column of cells.header.columns) {
    if (typeof column.role === 'string') continue;
    const id: FieldId = column.role.field;
    if (NOT_READ_FIELDS.has(id)) continue;
    const cell = cells.cell(column);
    if (cellIsEmpty(cell)) continue;
    fields.set(id, fieldCellValue(id, cell), column);
  }
}

function cellIsEmpty(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** IMP2: 办理单位 (and a 配合单位 column, if the sheet has one) → the lead unit and the cooperating units by name. */
function readUnits(cells: RowCells, problems: RowProblems): Units {
  const main = splitUnits(cells.text('units'));
  const coColumn = cells.fieldColumn('coUnits');
  const extra = coColumn === null ? { lead: null, co: [] } : splitUnits(cellText(cells.cell(coColumn)));
  const seen = new Set(main.lead === null ? [] : [nameKey(main.lead)]);
  const co: string[] = [];
  for (const name of [...main.co, extra.lead, ...extra.co]) {
    if (name === null || seen.has(nameKey(name))) continue;
    seen.add(nameKey(name));
    co.push(name);
  }
  for (const name of [main.lead, ...co]) {
    if (name !== null && [...name].length > UNIT_NAME_MAX)
      problems.error(
        cells.column('units'),
        'TOO_LONG',
        `办理单位名称不能超过 ${UNIT_NAME_MAX} 字：${name.slice(0, 20)}…`,
      );
  }
  return { lead: main.lead, co };
}

/** IMP2, IMP3: reads the row at `index` (0-based) of the grid below `header`. */
export function readRow(grid: Grid, header: HeaderMatch, index: number): RowRead {
  const row = grid[index] ?? [];
  const problems = new RowProblems(index + 1);
  const cells = new RowCells(row, header);
  const code = readCode(cells, problems);
  const fields = new DraftFields(problems);
  readFieldColumns(cells, fields);
  const facts = readAnnexCells(cells, fields, problems);
  const units = readUnits(cells, problems);
  const { status, round, review } = inferStatus({ ...facts, hasUnits: units.lead !== null });
  fields.set('archived', status === 'archived' ? '是' : '否', cells.column('archived'));
  if (code === null || problems.hasError) return { row: index + 1, draft: null, problems: problems.list, code };
  const draft: CaseDraft = {
    row: index + 1,
    code,
    fields: fields.values,
    leadUnitName: units.lead,
    coUnitNames: units.co,
    status,
    round,
    review,
    original: originalText(grid, header, row),
  };
  return { row: index + 1, draft, problems: problems.list, code };
}
