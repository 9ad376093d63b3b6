// The ledger table's columns: the 12 of 附件4 first, then the other fields; how cells show and read back field values.
import { ANNEX4_HEADERS, annex4Row } from '../../shared/annex4';
import type { CaseData } from '../../shared/case';
import type { FieldDef, FieldId, FieldValue } from '../../shared/fields';
import { FIELDS, FIELD_BY_ID } from '../../shared/fields';
import { formatShanghai, parseIsoTime } from '../../shared/time';
import { CLOCK_STATUSES, CONSULT_DUE_SOON_MS } from '../../shared/deadlines';
import type { Role, Status } from '../../shared/vocabulary';
import { KIND_LABEL, STATUS_LABEL, WARNING_LABEL } from '../../shared/vocabulary';
import type { CellValue, ColumnSpec, HighlightRule, SheetLayout } from '../sheet/port';
import { DATE_FORMAT, readDateCell, serialOfDate } from './excel-date';
import { TIME_FORMAT, serialOfTime, timeOfSerial } from './excel-time';

export const SHEET_NAME = '台账';
export const TABLE_NAME = 'LedgerTable';
export const ID_HEADER = '系统编号';

/** A column shows one field (editable when the rules allow) or a value derived from several (always locked). */
export type Column =
  | { kind: 'field'; field: FieldId; spec: ColumnSpec }
  | { kind: 'annex'; index: number; spec: ColumnSpec }
  | { kind: 'id'; spec: ColumnSpec };

/** 附件4 columns that are exactly one field; the others (4, 6, 7, 8) are derived from several. */
const ANNEX_FIELD: Readonly<Record<number, FieldId>> = {
  0: 'seq',
  1: 'code',
  2: 'company',
  4: 'summary',
  8: 'supervision',
  9: 'discipline',
  10: 'visit',
  11: 'archived',
};
/** Headers that would repeat a 附件4 header (table headers must be unique). */
const SHEET_HEADER: Partial<Record<FieldId, string>> = { measures: '办理措施及结果' };
/** Shown inside the derived 办理单位 column; no column of their own. */
const FOLDED: readonly FieldId[] = ['leadUnit', 'coUnits'];

const LABELS: Partial<Record<FieldId, Record<string, string>>> = {
  status: STATUS_LABEL,
  kind: KIND_LABEL,
  warning: WARNING_LABEL,
};

/**
 * VIEW5: a column's width in Latin character widths (a Chinese character takes two): wide enough for what the column
 * usually holds — 诉求企业 14 汉字, 诉求编号 〔2026〕123号, 主要诉求 25 汉字 a line (wrapped) — and for its header.
 */
function width(def: FieldDef | undefined, header: string): number {
  const forHeader = header.length * 2 + 2;
  return Math.min(60, Math.max(forHeader, def === undefined ? 10 : contentWidth(def)));
}

function contentWidth(def: FieldDef): number {
  const max = def.max ?? 0;
  switch (def.type) {
    case 'date':
      return 16; // 2026年11月28日
    case 'time':
      return 22; // 2026年11月28日 23:59 (20) and a margin, else Excel shows ####
    case 'phone':
      return 16;
    case 'int':
      return 8;
    case 'choice': {
      const labels = LABELS[def.id as FieldId];
      const shown = labels === undefined ? (def.choices ?? []) : Object.values(labels);
      return Math.min(24, Math.max(8, ...shown.map((c) => c.length * 2 + 2)));
    }
    default:
      if (max >= 500) return 50;
      if (max >= 100) return 30;
      if (max > 20) return 12;
      return 16; // 诉求编号 〔2026〕123号
  }
}

function fieldSpec(def: FieldDef, header = def.header): ColumnSpec {
  const labels = LABELS[def.id as FieldId];
  const choices = def.type === 'choice' && labels === undefined ? def.choices : undefined;
  return {
    header,
    width: width(def, header),
    locked: def.owner === 'server',
    // VIEW5: the technical fields (shared/fields.ts `technical`) are kept for the workflow, not for reading
    hidden: def.technical === true,
    format: def.type === 'int' ? 'number' : def.type === 'date' || def.type === 'time' ? 'date' : 'text',
    // BIND40, BIND43: dates and the server's times are real Excel dates
    ...(def.type === 'date' ? { dateFormat: DATE_FORMAT } : def.type === 'time' ? { dateFormat: TIME_FORMAT } : {}),
    ...(choices ? { choices } : {}),
    wrap: (def.max ?? 0) >= 500,
  };
}

function buildColumns(): Column[] {
  const columns: Column[] = [];
  ANNEX4_HEADERS.forEach((header, index) => {
    const field = ANNEX_FIELD[index];
    // Excel table headers must be unique: the second 联系人及联系方式 names its owner
    const shown = index === 6 ? '联系人及联系方式（办理单位）' : header;
    if (field !== undefined)
      columns.push({ kind: 'field', field, spec: fieldSpec(FIELD_BY_ID.get(field) as FieldDef, shown) });
    else
      columns.push({
        kind: 'annex',
        index,
        spec: {
          header: shown,
          width: index === 7 ? 50 : 24,
          locked: true,
          hidden: false,
          format: 'text',
          wrap: index === 7,
        },
      });
  });
  const shown = new Set<string>(Object.values(ANNEX_FIELD));
  for (const def of FIELDS) {
    if (shown.has(def.id) || FOLDED.includes(def.id)) continue;
    columns.push({ kind: 'field', field: def.id, spec: fieldSpec(def, SHEET_HEADER[def.id as FieldId] ?? def.header) });
  }
  columns.push({ kind: 'id', spec: { header: ID_HEADER, width: 10, locked: true, hidden: true, format: 'text' } });
  return columns;
}

export const COLUMNS: readonly Column[] = buildColumns();
export const ID_COLUMN = COLUMNS.length - 1;
export const WARNING_COLUMN = COLUMNS.findIndex((c) => c.kind === 'field' && c.field === 'warning');

/** Column index of each field that has a column of its own. */
export const COLUMN_OF: ReadonlyMap<FieldId, number> = new Map(
  COLUMNS.flatMap((c, i) => (c.kind === 'field' ? [[c.field, i] as [FieldId, number]] : [])),
);

/** VIEW1: how a field value shows in its cell: labels for codes, Shanghai times, text otherwise. */
export function displayValue(field: FieldId, value: FieldValue | undefined): CellValue {
  if (value === undefined || value === null || value === '') return null;
  const labels = LABELS[field];
  if (labels !== undefined && typeof value === 'string') return labels[value] ?? value;
  const def = FIELD_BY_ID.get(field);
  if (def?.type === 'time' && typeof value === 'string') {
    const ms = parseIsoTime(value);
    return ms === null ? value : formatShanghai(ms).slice(0, 16).replace('T', ' ');
  }
  return value;
}

/**
 * BIND40, BIND43: what a field's cell holds: a date as its Excel serial (a real date), a time as the serial of its
 * Shanghai minute (a real date-time), anything else as the pane shows it.
 */
export function sheetValue(field: FieldId, value: FieldValue | undefined): CellValue {
  const type = FIELD_BY_ID.get(field)?.type;
  if (type === 'date' && typeof value === 'string') return serialOfDate(value) ?? value;
  if (type === 'time' && typeof value === 'string') return serialOfTime(value) ?? displayValue(field, value);
  return displayValue(field, value);
}

/**
 * VIEW2: what a typed cell means for an editable field (text as typed; numbers typed into text columns become text).
 * BIND41: a date cell's serial or spelled date is read as 'YYYY-MM-DD'. BIND43: a time cell's serial is read as the
 * minute it shows ('YYYY-MM-DD HH:mm'; server-owned, so only ever compared or refused, never sent).
 */
export function readCell(field: FieldId, cell: CellValue): FieldValue {
  if (cell === null || cell === '') return null;
  const def = FIELD_BY_ID.get(field);
  if (def?.type === 'date') return readDateCell(cell);
  if (def?.type === 'time' && typeof cell === 'number') return timeOfSerial(cell) ?? String(cell);
  if (def?.type === 'int')
    return typeof cell === 'number' ? cell : Number.isFinite(Number(cell)) ? Number(cell) : String(cell);
  return typeof cell === 'string' ? cell : String(cell);
}

/** The whole row of a case, as the sheet shows it. */
export function rowOf(c: CaseData, unitName: (id: string) => string | null): CellValue[] {
  const annex = annex4Row(c, unitName);
  return COLUMNS.map((col) => {
    if (col.kind === 'id') return c.id;
    if (col.kind === 'annex') return annex[col.index] === '' ? null : (annex[col.index] as CellValue);
    return sheetValue(col.field, c.fields[col.field]);
  });
}

const DUE_COLUMN = COLUMNS.findIndex((c) => c.kind === 'field' && c.field === 'dueAt');
const STATUS_COLUMN = COLUMNS.findIndex((c) => c.kind === 'field' && c.field === 'status');
const KIND_COLUMN = COLUMNS.findIndex((c) => c.kind === 'field' && c.field === 'kind');
const RED = { fill: '#FFC7CE', font: '#9C0006' };
const AMBER = { fill: '#FFEB9C', font: '#9C5700' };
/** The deadline rules read 办结时限 and the status the way warningFor does (TIME4), from the cells alone. */
const DEADLINE = {
  kind: 'deadline',
  column: DUE_COLUMN,
  statusColumn: STATUS_COLUMN,
  statuses: CLOCK_STATUSES.map((s) => STATUS_LABEL[s as Status]),
  kindColumn: KIND_COLUMN,
  hourKinds: [KIND_LABEL.consult],
  hours: CONSULT_DUE_SOON_MS / 3_600_000,
} as const;

/**
 * VIEW4, BIND30: overdue rows red, due-soon rows amber, by conditional formats that hold with the add-in closed. The
 * server's 预警 decides first; the deadline rules, read against the computer's clock, take over when 预警 is stale
 * (a workbook opened days later). Red before amber: a stale 临期 whose deadline has passed shows red.
 */
export const HIGHLIGHTS: readonly HighlightRule[] = [
  { test: { kind: 'equals', column: WARNING_COLUMN, text: WARNING_LABEL.overdue }, ...RED },
  { test: { ...DEADLINE, when: 'past' }, ...RED },
  { test: { kind: 'equals', column: WARNING_COLUMN, text: WARNING_LABEL.dueSoon }, ...AMBER },
  { test: { ...DEADLINE, when: 'soon' }, ...AMBER },
];

/** VIEW3: the layout for a role: besides server-owned columns, lock what the role can never edit by typing. */
export function layoutFor(role: Role): SheetLayout {
  const editable = (c: Column): boolean => {
    if (c.kind !== 'field' || c.spec.locked) return false;
    const owner = FIELD_BY_ID.get(c.field)?.owner;
    return (role === 'office' && owner === 'office') || (role === 'unit' && owner === 'lead');
  };
  return { ...LAYOUT, columns: COLUMNS.map((c) => ({ ...c.spec, locked: !editable(c) })) };
}

export const LAYOUT: SheetLayout = {
  sheetName: SHEET_NAME,
  tableName: TABLE_NAME,
  title: '企业诉求“直通车”工作台账',
  columns: COLUMNS.map((c) => c.spec),
  idColumn: ID_COLUMN,
  highlights: [...HIGHLIGHTS],
};
