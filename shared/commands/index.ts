// The workflow commands (WF1–WF20): applyCommand checks, runs one command and returns only the changed fields + audit.
import type { Actor, CaseData } from '../case';
import { statusOf } from '../case';
import type { Result } from '../errors';
import { LedgerError, fail, ok } from '../errors';
import type { FieldId, FieldValue } from '../fields';
import { caseWarning } from '../completion';
import { followupChange } from '../followup-clock';
import type { CommandName } from '../workflow';
import { mayRun, toStates } from '../workflow';
import { extensionDecision, extensionRequest } from './extension';
import { archive, explain, visit } from './followup';
import { explanationDecision } from './decision';
import { spotCheck } from './spot-check';
import { accept, coOpinion, feedback, returnCase } from './handling';
import { answer, assign, reject } from './intake';
import { supervise, superviseReply } from './supervision';
import { complete } from './complete';
import type { Applied, AuditEntry, CommandContext, FieldChanges, Handler, Outcome } from './types';
import { auditEntry } from './types';

export type { Applied, AuditEntry, CommandContext, SupervisionIssued } from './types';
export type { RegisterContext } from './register';
export { registerCase } from './register';
export { extensionAmountLabel } from './extension';
export { MAX_CO_UNITS } from './intake';

const HANDLERS: { readonly [C in CommandName]: Handler } = {
  reject,
  answer,
  assign,
  accept,
  return: returnCase,
  'co-opinion': coOpinion,
  'extension-request': extensionRequest,
  'extension-decision': extensionDecision,
  feedback,
  visit,
  explain,
  'explanation-decision': explanationDecision,
  'spot-check': spotCheck,
  supervise,
  'supervise-reply': superviseReply,
  archive,
  complete,
};

function valueOf(c: CaseData, id: FieldId): FieldValue {
  return c.fields[id] ?? null;
}

/** WF19: the changed fields only (warning recomputed for the new state), one audit entry for the command + one per field. */
function finish(
  actor: Actor,
  c: CaseData,
  command: CommandName,
  outcome: Outcome,
  ctx: CommandContext,
): Result<Applied> {
  const before = statusOf(c);
  const after = statusOf({ id: c.id, fields: { ...c.fields, ...outcome.set } });
  if (!toStates(command, before).includes(after)) return fail('INTERNAL', '办理状态变更与流程规则不符');
  const next: CaseData = { id: c.id, fields: { ...c.fields, ...outcome.set } };
  const set: FieldChanges = {
    ...outcome.set,
    ...followupChange(ctx.calendar, c, after, ctx.now),
    warning: caseWarning(ctx.calendar, next, ctx.now),
  };
  const changes: FieldChanges = {};
  const audit: AuditEntry[] = [auditEntry(actor, c.id, command, ctx, null, before, after, outcome.note)];
  for (const [key, value] of Object.entries(set) as [FieldId, FieldValue | undefined][]) {
    const v = value ?? null;
    const old = valueOf(c, key);
    if (old === v) continue;
    changes[key] = v;
    audit.push(auditEntry(actor, c.id, command, ctx, key, old, v, null));
  }
  const applied: Applied = { changes, audit };
  if (outcome.supervision !== undefined) applied.supervision = outcome.supervision;
  return ok(applied);
}

/**
 * WF1–WF20: runs `command` by `actor` on case `c`. Order of checks: mayRun (role, relation, state), the input
 * (unknown keys refused), then the command's own conditions. A refusal changes nothing (WF20).
 */
export function applyCommand(
  actor: Actor,
  c: CaseData,
  command: CommandName,
  input: unknown,
  ctx: CommandContext,
): Result<Applied> {
  const allowed = mayRun(actor, c, command);
  if (!allowed.ok) return allowed;
  try {
    const outcome = HANDLERS[command](actor, c, input === undefined ? {} : input, ctx);
    return outcome.ok ? finish(actor, c, command, outcome.value, ctx) : outcome;
  } catch (e) {
    if (e instanceof LedgerError) return { ok: false, error: e.toRefusal() };
    throw e;
  }
}

/** The case with applied changes merged in (what the server writes; handy for tests and previews). */
export function withChanges(c: CaseData, changes: Partial<Record<FieldId, FieldValue>>): CaseData {
  return { id: c.id, fields: { ...c.fields, ...changes } };
}
