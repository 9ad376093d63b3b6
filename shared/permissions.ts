// Who may change which field by editing a cell (PERM1–PERM8): one function, used by server and add-in.
import type { Actor, CaseData } from './case';
import { relationOf, statusOf } from './case';
import type { ErrorCode, Refusal, Result } from './errors';
import { fail, ok } from './errors';
import type { FieldValue } from './fields';
import { FIELD_BY_ID } from './fields';
import { checkDateInContext, checkFindingsAndMeasures, validateFieldValue } from './validation';
import type { Status } from './vocabulary';

/**
 * PERM6: the status in which the lead unit fills in its handling fields (after 签收, until 反馈). Once the company has
 * judged the 承办单 it is on record: an unsatisfied case is answered by 作出说明 (WF22), not by rewriting the 承办单.
 */
export const LEAD_EDIT_STATUSES: readonly Status[] = ['handling'];

/**
 * PERM1–PERM7: may `actor` change `fieldId` of case `c` by editing a cell?
 * Cases are never created or deleted by a cell edit (PERM8), see CASE_SET_REFUSALS.
 */
/** PERM1: a viewer changes nothing (the wire refuses a viewer's update whole before looking at its fields). */
export function mayChangeAnything(actor: Actor): Result<true> {
  return actor.role === 'viewer' ? fail('READ_ONLY') : ok(true);
}

export function mayEdit(actor: Actor, c: CaseData, fieldId: string): Result<true> {
  const def = FIELD_BY_ID.get(fieldId);
  const any = mayChangeAnything(actor); // PERM1
  if (!any.ok) return any;
  if (def === undefined) return fail('UNKNOWN_FIELD', `未知字段：${fieldId.slice(0, 40)}`, fieldId); // PERM2
  const relation = relationOf(actor, c);
  if (actor.role === 'unit' && relation === 'other') return fail('CASE_NOT_FOUND'); // PERM3
  if (def.owner === 'server')
    return fail('FIELD_SERVER_OWNED', `“${def.header}”由系统根据办理流程填写，不能直接修改`, fieldId); // PERM4
  const status = statusOf(c);
  if (status === 'archived') return fail('FIELD_LOCKED_IN_STATUS', '诉求已归档，不能再修改', fieldId); // PERM5
  if (def.owner === 'office') {
    // PERM6a: registration data belongs to the office
    return actor.role === 'office'
      ? ok(true)
      : fail('FIELD_OWNED_BY_OFFICE', `“${def.header}”由市营商办登记填写，承办单位不能修改`, fieldId);
  }
  // PERM6b: handling fields belong to the lead unit, while it is handling the case
  if (actor.role !== 'unit' || relation !== 'lead') {
    return fail('FIELD_OWNED_BY_LEAD', `“${def.header}”由牵头办理单位填写`, fieldId);
  }
  if (!LEAD_EDIT_STATUSES.includes(status)) {
    const when = status === 'assigned' ? '请先签收后再填写' : '当前办理状态下不能修改';
    return fail('FIELD_LOCKED_IN_STATUS', `“${def.header}”${when}`, fieldId);
  }
  return ok(true);
}

/**
 * PERM7: a permitted edit must also carry a valid value (type, choices, length, phone, date, and the dates that
 * depend on the case and on `today`, VAL7), and 核查情况 + 办理情况 stay within 2000 characters together. The value
 * returned is the normalised one (VAL6): it is what must be stored, exactly as a command would store it.
 */
export function checkCellEdit(
  actor: Actor,
  c: CaseData,
  fieldId: string,
  value: unknown,
  today: string,
): Result<FieldValue> {
  const allowed = mayEdit(actor, c, fieldId);
  if (!allowed.ok) return allowed;
  const valid = validateFieldValue(fieldId, value);
  if (!valid.ok) return valid;
  const badDate = checkDateInContext(c, fieldId, valid.value, today);
  if (badDate !== null) return { ok: false, error: badDate };
  // WF26: a company that asked for a written reply gets one; the cell cannot undo what the 承办单 command checked
  if (fieldId === 'feedbackMethod' && c.fields.writtenReply === '是' && valid.value !== '书面')
    return fail('INVALID_CHOICE', '企业要求书面答复，“反馈方式”只能为“书面”', fieldId);
  if (fieldId === 'findings' || fieldId === 'measures') {
    const findings = fieldId === 'findings' ? valid.value : c.fields.findings;
    const measures = fieldId === 'measures' ? valid.value : c.fields.measures;
    const tooLong: Refusal | null = checkFindingsAndMeasures(findings, measures);
    if (tooLong !== null) return { ok: false, error: { ...tooLong, field: fieldId } };
  }
  return ok(valid.value);
}

/** PERM8: a case is born by the register command, never by editing the sheet or the Y.Doc, and never deleted. */
export const CASE_SET_REFUSALS = {
  create: 'CASE_CREATE_FORBIDDEN',
  delete: 'CASE_DELETE_FORBIDDEN',
} as const satisfies Record<string, ErrorCode>;

/** CAL4: only the office loads a year's holiday notice; a viewer READ_ONLY, a unit FORBIDDEN_ROLE. */
export function mayLoadHolidays(actor: Actor): Result<true> {
  if (actor.role === 'viewer') return fail('READ_ONLY');
  if (actor.role !== 'office') return fail('FORBIDDEN_ROLE', '仅市营商办可以导入节假日安排');
  return ok(true);
}
