// Mapping between the store's row types and SQLite rows/parameters (snake_case columns, JSON audit values, 0/1 booleans).
import type { Role } from '../../shared/vocabulary';
import type { Params } from './sqlite-db';
import type { AuditRow, SupervisionRow, UnitRow, UserRow } from './store';
import type { AuditRecord, HolidayYearRecord } from './write-op';
import { auditValue } from './write-op';

export interface DbUnit {
  id: string;
  name: string;
  contact: string | null;
  created_at: string;
}
export interface DbUser {
  id: string;
  name: string;
  role: string;
  unit_id: string | null;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}
export interface DbAudit {
  id: number;
  at: string;
  actor_id: string;
  actor_name: string;
  role: string;
  unit_id: string | null;
  case_id: string | null;
  command: string;
  field: string | null;
  old_json: string | null;
  new_json: string | null;
  accepted: number;
  code: string | null;
  note: string | null;
  count: number;
  last_at: string | null;
}
export interface DbSupervision {
  code: string;
  case_id: string;
  unit_id: string;
  issued_at: string;
  reply_due_at: string;
  note: string;
  replied_at: string | null;
  reply: string | null;
}

export interface DbHolidayYear {
  year: number;
  days_json: string;
  uploaded_by: string;
  uploaded_by_name: string;
  uploaded_at: string;
}

export const HOLIDAY_YEAR_COLUMNS = 'year, days_json, uploaded_by, uploaded_by_name, uploaded_at';
export const UNIT_COLUMNS = 'id, name, contact, created_at';
export const USER_COLUMNS = 'id, name, role, unit_id, token_hash, created_at, revoked_at';
export const AUDIT_COLUMNS =
  'at, actor_id, actor_name, role, unit_id, case_id, command, field, old_json, new_json, accepted, code, note, count, last_at';
/** One audit row's placeholders: `(?, ?, …)`. */
export const AUDIT_TUPLE = `(${AUDIT_COLUMNS.split(',')
  .map(() => '?')
  .join(', ')})`;
export const SUPERVISION_COLUMNS = 'code, case_id, unit_id, issued_at, reply_due_at, note, replied_at, reply';

/** `INSERT … ON CONFLICT DO UPDATE` (never INSERT OR REPLACE: REPLACE deletes the row first, which trips foreign keys). */
export function upsertSql(table: string, columns: string, key: string): string {
  const cols = columns.split(',').map((c) => c.trim());
  const updates = cols
    .filter((c) => c !== key)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');
  return `INSERT INTO ${table} (${columns}) VALUES (${cols.map(() => '?').join(', ')}) ON CONFLICT (${key}) DO UPDATE SET ${updates}`;
}

export const unitParams = (u: UnitRow): Params => [u.id, u.name, u.contact, u.createdAt];
export const userParams = (u: UserRow): Params => [
  u.id,
  u.name,
  u.role,
  u.unitId,
  u.tokenHash,
  u.createdAt,
  u.revokedAt,
];
export const auditParams = (a: AuditRecord): Params => [
  a.at,
  a.actorId,
  a.actorName,
  a.role,
  a.unitId,
  a.caseId,
  a.command,
  a.field,
  a.old,
  a.new,
  a.accepted ? 1 : 0,
  a.code,
  a.note,
  a.count,
  a.lastAt,
];
export const supervisionParams = (s: SupervisionRow): Params => [
  s.code,
  s.caseId,
  s.unitId,
  s.issuedAt,
  s.replyDueAt,
  s.note,
  s.repliedAt,
  s.reply,
];

export const holidayYearParams = (h: HolidayYearRecord): Params => [
  h.year,
  h.daysJson,
  h.uploadedBy,
  h.uploadedByName,
  h.uploadedAt,
];

export function holidayYearRecord(r: DbHolidayYear): HolidayYearRecord {
  return {
    year: r.year,
    daysJson: r.days_json,
    uploadedBy: r.uploaded_by,
    uploadedByName: r.uploaded_by_name,
    uploadedAt: r.uploaded_at,
  };
}

export function unitRow(r: DbUnit): UnitRow {
  return { id: r.id, name: r.name, contact: r.contact, createdAt: r.created_at };
}

export function userRow(r: DbUser): UserRow {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    unitId: r.unit_id,
    tokenHash: r.token_hash,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

export function auditRow(r: DbAudit): AuditRow {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    role: r.role,
    unitId: r.unit_id,
    caseId: r.case_id,
    command: r.command,
    field: r.field,
    old: auditValue(r.old_json),
    new: auditValue(r.new_json),
    accepted: r.accepted === 1,
    code: r.code,
    note: r.note,
    count: r.count,
    lastAt: r.last_at,
  };
}

export function supervisionRow(r: DbSupervision): SupervisionRow {
  return {
    code: r.code,
    caseId: r.case_id,
    unitId: r.unit_id,
    issuedAt: r.issued_at,
    replyDueAt: r.reply_due_at,
    note: r.note,
    repliedAt: r.replied_at,
    reply: r.reply,
  };
}

/** A blob as the bytes the interface promises: a plain Uint8Array owning its whole ArrayBuffer, not a Node Buffer. */
export function plainBytes(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? new Uint8Array(b.buffer) : new Uint8Array(b);
}

/** Bytes as sqlite3 binds a BLOB: a Buffer view (no copy). */
export function blob(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}
