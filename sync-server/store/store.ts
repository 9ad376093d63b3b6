// The storage interface of the sync server (Yjs room updates, audit, users, units, counters) and its row types.
import type { HolidayFile } from '../../shared/holiday-file';
import type { Role } from '../../shared/vocabulary';

export interface UnitRow {
  id: string;
  name: string;
  contact: string | null;
  createdAt: string;
}

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
  /** How many occurrences this row stands for (≥ 1; 1 for an ordinary row, more for an aggregated one). */
  count: number;
  /** Time of the last of the `count` aggregated occurrences (`at` is the first); null for an ordinary row. */
  lastAt: string | null;
}

/** An audit row to append: `count` defaults to 1 and `lastAt` to null. */
export type NewAudit = Omit<AuditRow, 'id' | 'count' | 'lastAt'> & { count?: number; lastAt?: string | null };

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

/** STORE20: one year's holiday notice uploaded by the office (CAL4); one row per year, replaced by a later upload. */
export interface HolidayYearRow {
  year: number;
  days: HolidayFile['days'];
  /** The office user who uploaded it: id and name at the time. */
  uploadedBy: string;
  uploadedByName: string;
  /** ISO 8601, '+08:00'. */
  uploadedAt: string;
}

export interface AuditQuery {
  caseId?: string;
  afterId?: number;
  limit: number;
}

export interface RoomStats {
  updates: number;
  bytes: number;
}

/** A case field's value as case_states holds it (STORE32). */
export type CaseStateValue = string | number | boolean | null;

/** STORE32: the accepted state of one case (its fields), stored with the unit of work that changed it. */
export interface CaseStateRow {
  id: string;
  /** An undefined value is not stored (as JSON drops it). */
  fields: { readonly [field: string]: CaseStateValue | undefined };
}

/** One write of a unit (appendAll): the same rows as the single-write methods. */
export type StoreWrite =
  | { kind: 'update'; room: string; update: Uint8Array }
  | { kind: 'audit'; rows: readonly NewAudit[] }
  | { kind: 'counter'; name: string; value: number }
  | { kind: 'unit'; row: UnitRow }
  | { kind: 'user'; row: UserRow }
  | { kind: 'supervision'; row: SupervisionRow }
  | { kind: 'holidayYear'; row: HolidayYearRow }
  | { kind: 'meta'; key: string; value: string }
  /** STORE32: only inside a unit, with the room updates that change the case. */
  | { kind: 'caseState'; row: CaseStateRow };

/** STORE6: what every write rejects with while the store is halted; `cause` is the failure that halted it. */
export class StoreHaltedError extends Error {
  override readonly name = 'StoreHaltedError';
  readonly code = 'STORE_HALTED';

  constructor(cause: Error) {
    super(
      `存储已暂停写入：此前一批写入未能保存（${cause.message}）。在存储恢复（probe 成功）之前，所有写入都会被拒绝，以免后来的数据依赖已丢失的写入。请检查磁盘空间和数据文件。`,
      { cause },
    );
  }
}

/** Why a database file was refused at open (stable, for programs). */
export type StoreOpenFailure = 'EMPTY_FILE' | 'NOT_SQLITE' | 'CORRUPT' | 'NEWER_SCHEMA';

/** STORE7: the database file exists but cannot be used as it is; the message names the file, the reason and what to do. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';

  constructor(
    readonly code: StoreOpenFailure,
    readonly file: string,
    reason: string,
    cause?: unknown,
  ) {
    super(`无法打开台账数据库 ${file}：${reason}`, { cause });
  }
}

export interface Store {
  // ---- writes: queued, committed together in one SQLite transaction per tick (group commit);
  //      each promise resolves only once its write is durable (COMMIT done). Order is preserved.
  //      A write that fails on its own (e.g. a user whose unit does not exist) rejects alone;
  //      a failed batch rejects every write of that batch and halts the store (STORE6). Nothing is dropped silently.
  appendUpdate(room: string, update: Uint8Array): Promise<void>;
  /**
   * Replaces everything stored for `room` up to now with one snapshot (all earlier queued appends for that room
   * included), followed by `later`: updates accepted after the snapshot was taken, stored again after it (STORE30).
   * The snapshot is taken over, not copied: the caller must not change it afterwards.
   */
  compactRoom(room: string, snapshot: Uint8Array, later?: readonly Uint8Array[]): Promise<void>;
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
  /** STORE20: insert or replace the year's uploaded notice. */
  putHolidayYear(h: HolidayYearRow): Promise<void>;
  /** The key `schema_version` is reserved. */
  setMeta(key: string, value: string): Promise<void>;
  /**
   * STORE5: queues the writes as one unit: all take effect in one transaction or none does, in order with every other
   * queued write. A failure inside a unit fails its whole batch and halts the store.
   */
  appendAll(writes: readonly StoreWrite[]): Promise<void>;
  /** Resolves when every write queued so far is durable; rejects if one of them failed. */
  flush(): Promise<void>;
  /**
   * STORE6: the error that halted the store, or null. After a failed batch (failed COMMIT, a non-statement error such
   * as SQLITE_FULL/SQLITE_IOERR, or any failure inside an appendAll unit) every write still queued and every new one
   * rejects with StoreHaltedError until probe() succeeds — so nothing written later can depend on what was lost.
   */
  readonly halted: Error | null;
  /**
   * Tries one small durable write outside the queue (meta key 'probe' = an ISO time). On success the store resumes
   * (halted = null) and resolves true; resolves false while it still fails. Never rejects. Works when not halted too
   * (a health check).
   */
  probe(): Promise<boolean>;

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
  /** STORE20: the uploaded holiday years, ascending by year. */
  holidayYears(): Promise<HolidayYearRow[]>;
  /** STORE32: every stored case state, ascending by id. */
  caseStates(): Promise<CaseStateRow[]>;
  /** SQLite online backup: a consistent copy while running, written atomically (temp file + rename). */
  backup(file: string): Promise<void>;
  /** Flushes first; later writes reject. Idempotent. */
  close(): Promise<void>;
}

/** The meta key holding the storage schema version (reserved: setMeta refuses it). */
export const SCHEMA_VERSION_KEY = 'schema_version';
/** The meta key probe() writes (the time of the last successful probe). */
export const PROBE_KEY = 'probe';
