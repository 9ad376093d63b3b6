// Registration (登记): the office creates a case from the registration fields; the only way a case is born.
import type { Actor, CaseFields } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import type { FieldId, FieldValue } from '../fields';
import { formatCaseCode } from '../numbering';
import { shanghaiYear } from '../time';
import { checkDateInContext } from '../validation';
import { readInput } from '../contract/read-input';
import { mayRegister } from '../workflow';
import type { AuditEntry, CommandContext } from './types';
import { auditEntry, today } from './types';

export interface RegisterContext extends CommandContext {
  /** Id of the new case. */
  caseId: string;
  /** 序号 in the ledger. */
  seq: number;
  /** The n-th case of the year of `now` (诉求编号). */
  yearNumber: number;
}

/**
 * WF3: office only (viewer READ_ONLY, unit FORBIDDEN_ROLE). Input keys are exactly the registration fields, checked with
 * the field rules; receivedAt may not be after today (Shanghai). The case starts registered, round 1, not archived.
 */
export function registerCase(
  actor: Actor,
  input: unknown,
  ctx: RegisterContext,
): Result<{ fields: CaseFields; audit: AuditEntry[] }> {
  const allowed = mayRegister(actor);
  if (!allowed.ok) return allowed;
  const r = readInput('register', input);
  if (!r.ok) return r;
  const values = r.value;
  const badDate = checkDateInContext({ id: ctx.caseId, fields: {} }, 'receivedAt', values.receivedAt, today(ctx));
  if (badDate !== null) return { ok: false, error: badDate };
  let code: string;
  try {
    code = formatCaseCode(shanghaiYear(ctx.now), ctx.yearNumber);
  } catch {
    return fail('INTERNAL', `诉求编号不正确：第 ${String(ctx.yearNumber)} 号`);
  }
  const fields: Partial<Record<FieldId, FieldValue>> = {
    seq: ctx.seq,
    code,
    ...values,
    status: 'registered',
    round: 1,
    archived: '否',
    warning: 'normal',
    extensionGranted: 0,
    supervisionCount: 0,
  };
  const audit: AuditEntry[] = [auditEntry(actor, ctx.caseId, 'register', ctx, null, null, 'registered', null)];
  for (const [id, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined)
      audit.push(auditEntry(actor, ctx.caseId, 'register', ctx, id, null, value, null));
  }
  return ok({ fields, audit });
}
