// The storage interface of the sync server (Yjs room updates, audit, users, units, counters) and its row types.
import type { Role } from '../../shared/vocabulary';

export interface UnitRow { id: string; name: string; contact: string | null; createdAt: string }

export interface UserRow {
  id: string;
  name: string;
  role: Role;
  /** Must name a stored unit (putUnit first) or be null. */
  unitId: string | null;
  tokenHash: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface AuditRow {
  id: number;
  at: string;
  actorId: string;
  actorName: string;
  role: string;
  unitId: string | null;
  caseId: string | null;
  command: string;
  field: string | null;
  /** Stored as JSON text: what comes back is JSON.parse(JSON.stringify(value)); `undefined` stays undefined. */
  old: unknown;
  new: unknown;
  accepted: boolean;
  code: string | null;
  note: string | null;
}

export type NewAudit = Omit<AuditRow, 'id'>;

export interface SupervisionRow {
  code: string;
  caseId: string;
  unitId: string;
  issuedAt: string;
  replyDueAt: string;
  note: string;
  repliedAt: string | null;
  reply: string | null;
}

export interface AuditQuery { caseId?: string; afterId?: number; limit: number }

export interface RoomStats { updates: number; bytes: number }

export interface Store {
  // ---- writes: queued, committed together in one SQLite transaction per tick (group commit);
  //      each promise resolves only once its write is durable (COMMIT done). Order is preserved.
  //      A write that fails on its own (e.g. a user whose unit does not exist) rejects alone;
  //      a failed COMMIT rejects every write of that batch. Nothing is dropped silently.
  appendUpdate(room: string, update: Uint8Array): Promise<void>;
  /** Replaces everything stored for `room` up to now with one snapshot (all earlier queued appends for that room included). */
  compactRoom(room: string, snapshot: Uint8Array): Promise<void>;
  /** Appends all rows atomically (all or none). */
  appendAudit(rows: readonly NewAudit[]): Promise<void>;
  /** `value` must be a safe integer. */
  setCounter(name: string, value: number): Promise<void>;
  /** Insert or update. */
  putUnit(u: UnitRow): Promise<void>;
  /** Insert or update (revoke = put with revokedAt). */
  putUser(u: UserRow): Promise<void>;
  /** Insert or update by code. */
  putSupervision(s: SupervisionRow): Promise<void>;
  /** The key `schema_version` is reserved. */
  setMeta(key: string, value: string): Promise<void>;
  /** Resolves when every write queued so far is durable; rejects if one of them failed. */
  flush(): Promise<void>;

  // ---- reads (see committed state; call flush() first if you need your own queued writes)
  /** Snapshot (if any) first, then later updates in order. */
  loadRoom(room: string): Promise<Uint8Array[]>;
  /** Rows/bytes since the last snapshot (to decide compaction). */
  roomStats(room: string): Promise<RoomStats>;
  /** Rooms with stored data, sorted. */
  listRooms(): Promise<string[]>;
  counters(): Promise<Map<string, number>>;
  /** Sorted by id. */
  units(): Promise<UnitRow[]>;
  /** Sorted by id. */
  users(): Promise<UserRow[]>;
  user(id: string): Promise<UserRow | null>;
  /** Ascending id; `afterId` excludes that id; `limit` is a non-negative integer. */
  audit(q: AuditQuery): Promise<AuditRow[]>;
  /** Sorted by issuedAt, then code. */
  supervisions(caseId?: string): Promise<SupervisionRow[]>;
  meta(key: string): Promise<string | null>;
  /** SQLite online backup: a consistent copy while running, written atomically (temp file + rename). */
  backup(file: string): Promise<void>;
  /** Flushes first; later writes reject. Idempotent. */
  close(): Promise<void>;
}

/** The meta key holding the storage schema version (reserved: setMeta refuses it). */
export const SCHEMA_VERSION_KEY = 'schema_version';
