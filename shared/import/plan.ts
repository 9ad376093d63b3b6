// IMP4: what importing the read drafts into a ledger would do: cases to create, rows unchanged or skipped, units to create.
import { missingFollowup } from '../followup-clock';
import type { Calendar } from '../calendar';
import type { CaseData, CaseFields } from '../case';
import { text } from '../case';
import { caseWarning } from '../completion';
import { CLOCK_STATUSES, computeDueAt } from '../deadlines';
import type { FieldId, FieldValue } from '../fields';
import { parseCaseCode } from '../numbering';
import { nameKey } from '../text';
import { parseIsoTime } from '../time';
import { validateFieldValue } from '../validation';
import type { CaseKind } from '../vocabulary';
import { STATUS_LABEL } from '../vocabulary';
import type { CaseDraft, ImportProblem, LedgerColumn } from './types';

export interface PlanInput {
  readonly drafts: readonly CaseDraft[];
  /** Data rows the reader saw (rows with an error have no draft). */
  readonly rows: number;
  /** The reader's problems (errors keep their row out). */
  readonly problems: readonly ImportProblem[];
  readonly columns: readonly LedgerColumn[];
  /** Cases already in the ledger, by 诉求编号. */
  readonly existing: ReadonlyMap<string, CaseData>;
  readonly units: readonly { readonly id: string; readonly name: string }[];
  readonly createUnits: boolean;
  readonly skipInvalid: boolean;
  /** `文件名` — with the row, the case's 导入来源 and the note of its audit entry. */
  readonly source: string;
  readonly now: number;
  readonly calendar: Calendar;
}

export interface PlannedCase {
  readonly row: number;
  readonly code: string;
  readonly year: number;
  readonly number: number;
  /** Every field but 序号 (the ledger numbers it); units by id — `unit:<name>` for one still to be created. */
  readonly fields: CaseFields;
}

export interface ImportPlan {
  readonly cases: readonly PlannedCase[];
  readonly unchanged: number;
  readonly skipped: number;
  readonly unknownUnits: readonly string[];
  readonly toComplete: number;
  readonly problems: readonly ImportProblem[];
  /** Without skipInvalid, any error refuses the whole import: nothing is created. */
  readonly refused: boolean;
}

/** The id a unit name resolves to now, `unit:<name>` when it is to be created, or null when unknown. */
type UnitResolver = (name: string) => string | null;

function resolver(units: PlanInput['units'], createUnits: boolean, unknown: Set<string>): UnitResolver {
  const byKey = new Map(units.map((u) => [nameKey(u.name), u.id]));
  return (name) => {
    const id = byKey.get(nameKey(name));
    if (id !== undefined) return id;
    unknown.add(name);
    return createUnits ? `unit:${name}` : null;
  };
}

/** IMP4: a case under the clock whose 交办日期 and 办理类型 the 台账 gives gets its 办结时限 as 交办 would have set it. */
function dueFields(
  fields: Partial<Record<FieldId, FieldValue>>,
  calendar: Calendar,
): Partial<Record<FieldId, FieldValue>> {
  const assigned = parseIsoTime(typeof fields.assignedAt === 'string' ? fields.assignedAt : '');
  const kind = typeof fields.kind === 'string' ? (fields.kind as CaseKind) : null;
  if (fields.dueAt != null || assigned === null || kind === null || !CLOCK_STATUSES.includes(String(fields.status))) {
    return {};
  }
  const due = computeDueAt(calendar, kind, assigned);
  return { dueAt: due.dueAt, dueNote: due.provisional };
}

function caseFields(d: CaseDraft, lead: string | null, co: string[], input: PlanInput): CaseFields {
  const fields: Partial<Record<FieldId, FieldValue>> = {
    ...d.fields,
    code: d.code,
    status: d.status,
    round: d.round,
    archived: d.status === 'archived' ? '是' : (d.fields.archived ?? '否'),
    leadUnit: lead,
    coUnits: co.length > 0 ? co.join(',') : null,
    extensionGranted: 0,
    supervisionCount: d.fields.supervisionCount ?? 0,
    importedFrom: `${input.source} 第${d.row}行${d.review === null ? '' : '（状态需人工核对）'}`.slice(0, 300),
    importOriginal: d.original,
  };
  Object.assign(fields, dueFields(fields, input.calendar));
  // WF35: a case taken in waiting for a 说明 or its decision starts waiting the day it is imported
  Object.assign(fields, missingFollowup(input.calendar, { id: '', fields }, input.now));
  const c: CaseData = { id: '', fields };
  fields.warning = caseWarning(input.calendar, c, input.now);
  return fields;
}

const problem = (row: number, column: string | null, code: ImportProblem['code'], message: string): ImportProblem => ({
  row,
  column,
  code,
  message,
  severity: 'error',
});

/** IMP3: a row imported with the status of the rules, listed for a person to check. */
function reviewProblem(d: CaseDraft): ImportProblem {
  const message = `状态需人工核对：${d.review ?? ''}（已按规则导入为“${STATUS_LABEL[d.status]}”）`;
  return { row: d.row, column: null, code: 'INVALID_STATE', message, severity: 'warning' };
}

/**
 * VAL1/VAL6: every value the case would store passes the field's own rules — the cells no column check reads (序号, the
 * row verbatim in 导入原文, the file name in 导入来源) included: no lone surrogate, no control character, no overlong text.
 */
function invalidField(fields: CaseFields): { code: ImportProblem['code']; message: string } | null {
  for (const [id, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    const r = validateFieldValue(id, value);
    if (!r.ok) return r.error;
  }
  return null;
}

/** IMP4: one row — unchanged when the ledger holds the same row already, a conflict when the number is taken. */
function planRow(
  d: CaseDraft,
  input: PlanInput,
  unit: UnitResolver,
  unitColumn: string | null,
): PlannedCase | ImportProblem[] | 'unchanged' {
  const existing = input.existing.get(d.code);
  if (existing !== undefined) {
    if (text(existing, 'importOriginal') === d.original) return 'unchanged';
    return [
      problem(d.row, null, 'CONFLICT', `诉求编号${d.code}已在台账中（内容不同），不会覆盖；请核对后修改编号或删除此行`),
    ];
  }
  const parsed = parseCaseCode(d.code);
  if (parsed === null) return [problem(d.row, null, 'INVALID_INPUT', `诉求编号无法识别：${d.code}`)];
  const names = [...(d.leadUnitName === null ? [] : [d.leadUnitName]), ...d.coUnitNames];
  const ids = names.map((n) => unit(n));
  const missing = names.filter((_, i) => ids[i] === null);
  if (missing.length > 0) {
    return [
      problem(
        d.row,
        unitColumn,
        'UNKNOWN_UNIT',
        `台账中没有这个承办单位：${missing.join('、')}（可选择“创建这些承办单位”）`,
      ),
    ];
  }
  const [lead = null, ...co] = ids as string[];
  const fields = caseFields(d, lead, co, input);
  const bad = invalidField(fields);
  if (bad !== null) return [problem(d.row, null, bad.code, `第${d.row}行：${bad.message}`)];
  return { row: d.row, code: d.code, year: parsed.year, number: parsed.n, fields };
}

/** IMP4: plans the import; pure, so a dry run and the real import decide exactly alike. */
export function planImport(input: PlanInput): ImportPlan {
  const unknown = new Set<string>();
  const unit = resolver(input.units, input.createUnits, unknown);
  const unitColumn = input.columns.find((c) => c.role === 'units')?.letter ?? null;
  const problems: ImportProblem[] = [...input.problems];
  const badRows = new Set(input.problems.filter((p) => p.severity === 'error').map((p) => p.row));
  const cases: PlannedCase[] = [];
  let unchanged = 0;
  for (const d of input.drafts) {
    if (badRows.has(d.row)) continue;
    const r = planRow(d, input, unit, unitColumn);
    if (r === 'unchanged') unchanged++;
    else if (Array.isArray(r)) {
      problems.push(...r);
      badRows.add(d.row);
    } else {
      cases.push(r);
      if (d.review !== null) problems.push(reviewProblem(d));
    }
  }
  const refused = badRows.size > 0 && !input.skipInvalid;
  const toComplete = cases.filter((c) => c.fields.warning === 'incomplete').length;
  problems.sort((a, b) => a.row - b.row);
  return {
    cases: refused ? [] : cases,
    unchanged,
    skipped: refused ? input.rows - unchanged : badRows.size,
    unknownUnits: [...unknown],
    toComplete: refused ? 0 : toComplete,
    problems,
    refused,
  };
}
