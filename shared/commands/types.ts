// What commands take and give (context, audit entry, applied changes) and the small helpers they share.
import type { Calendar } from '../calendar';
import type { Actor, CaseData } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import type { FieldId, FieldValue } from '../fields';
import { fieldDef } from '../fields';
import { formatShanghai, shanghaiDate } from '../time';
import { charCount } from '../validation';
import type { Role } from '../vocabulary';

/** What the caller (the server) supplies: the time, the working-day calendar, unit names, the next 督办单 number. */
export interface CommandContext {
  now: number;
  calendar: Calendar;
  /** The unit's name, or null when no such unit exists. */
  unitName(id: string): string | null;
  /** Number of the next 督办单 of the year of `now` (supervise only). */
  nextSupervisionNumber?: number;
}

/** One line of the append-only audit log. */
export interface AuditEntry {
  /** ISO 8601, '+08:00'. */
  at: string;
  actorId: string;
  actorName: string;
  role: Role;
  unitId: string | null;
  caseId: string;
  command: string;
  /** null for the entry of the command itself (old/new = status before/after). */
  field: string | null;
  old: FieldValue;
  new: FieldValue;
  note: string | null;
}

export interface SupervisionIssued {
  /** 〔2026〕督3号 */
  code: string;
  issuedAt: string;
  replyDueAt: string;
  note: string;
}

/** The outcome of a successful command: only the fields that changed, and their audit entries. */
export interface Applied {
  changes: Partial<Record<FieldId, FieldValue>>;
  audit: AuditEntry[];
  supervision?: SupervisionIssued;
}

export type FieldChanges = Partial<Record<FieldId, FieldValue>>;

/** What one command handler decides: the fields to set (status included), a note for the audit, a 督办单. */
export interface Outcome {
  set: FieldChanges;
  note: string | null;
  supervision?: SupervisionIssued;
}

export type Handler = (actor: Actor, c: CaseData, input: unknown, ctx: CommandContext) => Result<Outcome>;

/** 'YYYY-MM-DD' in Shanghai of `now`, used to date the lines of the text fields. */
export function today(ctx: CommandContext): string {
  return shanghaiDate(ctx.now);
}

export function nowIso(ctx: CommandContext): string {
  return formatShanghai(ctx.now);
}

/** Appends a line to a text field, refusing TOO_LONG when the field's maximum would be exceeded. */
export function appendLine(c: CaseData, id: FieldId, line: string): Result<string> {
  const old = c.fields[id];
  const next = typeof old === 'string' && old !== '' ? `${old}\n${line}` : line;
  const def = fieldDef(id);
  if (def.max !== undefined && charCount(next) > def.max) {
    return fail('TOO_LONG', `“${def.header}”累计内容将超过 ${def.max} 字上限，不能再追加，请精简后再试`, id);
  }
  return ok(next);
}

/** An audit entry by `actor` on case `caseId` at `ctx.now`. */
export function auditEntry(
  actor: Actor,
  caseId: string,
  command: string,
  ctx: CommandContext,
  field: string | null,
  old: FieldValue,
  value: FieldValue,
  note: string | null,
): AuditEntry {
  return {
    at: nowIso(ctx),
    actorId: actor.userId,
    actorName: actor.name,
    role: actor.role,
    unitId: actor.unitId,
    caseId,
    command,
    field,
    old,
    new: value,
    note,
  };
}
