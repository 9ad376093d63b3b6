// IMP2, IMP3: one data row of a 台账 → a case draft (code, field values, units by name, status) and its problems.
import type { FieldId } from '../fields';
import { fieldDef } from '../fields';
import { nameKey } from '../text';
import { readAnnexCells } from './annex-cells';
import { readCaseCode } from './codes';
import { fieldCellValue, NOT_READ_FIELDS } from './field-cells';
import { cellText, columnLetter } from './header';
import { RowProblems } from './problems';
import { DraftFields, RowCells } from './row-cells';
import { OriginalHeaders, originalLength, originalText } from './rows';
import { inferStatus } from './status';
import type { CaseDraft, Grid, GridCell, HeaderMatch, ImportProblem } from './types';
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

/** IMP2: the most characters (UTF-16 units, as Excel counts) a cell may hold — Excel's own limit for a cell. */
export const CELL_TEXT_MAX = 32_767;

/**
 * IMP2: every cell of the row longer than Excel allows is an error (TOO_LONG) naming its column; such a row is not read
 * further, so no parser ever sees a longer text.
 */
function checkCellLengths(row: readonly GridCell[], header: HeaderMatch, problems: RowProblems): void {
  row.forEach((cell, index) => {
    const length = cellText(cell).length;
    if (length <= CELL_TEXT_MAX) return;
    const column = header.columns.find((c) => c.index === index) ?? { letter: columnLetter(index), header: '' };
    const detail = `单元格有 ${length} 个字符，超过 Excel 单元格的上限 ${CELL_TEXT_MAX} 个字符，本行未导入`;
    problems.error(column, 'TOO_LONG', detail);
  });
}

/** IMP2/IMP4: the row verbatim (导入原文) must fit its field; a longer one is refused before it is built. */
function checkOriginalLength(headers: OriginalHeaders, row: readonly GridCell[], problems: RowProblems): void {
  const max = fieldDef('importOriginal').max ?? Number.POSITIVE_INFINITY;
  const chars = originalLength(headers, row);
  if (chars > max)
    problems.error(null, 'TOO_LONG', `“导入原文”（本行各列连同列名）不能超过 ${max} 字（现 ${chars} 字）`);
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
export function readRow(
  grid: Grid,
  header: HeaderMatch,
  index: number,
  headers: OriginalHeaders = new OriginalHeaders(grid, header),
): RowRead {
  const row = grid[index] ?? [];
  const problems = new RowProblems(index + 1);
  const cells = new RowCells(row, header);
  checkCellLengths(row, header, problems);
  if (!problems.hasError) checkOriginalLength(headers, row, problems);
  if (problems.hasError) {
    const codeCell = cells.text('code');
    const code = codeCell.length > CELL_TEXT_MAX ? null : readCode(cells, problems);
    return { row: index + 1, draft: null, problems: problems.list, code };
  }
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
    original: originalText(headers, row),
  };
  return { row: index + 1, draft, problems: problems.list, code };
}
