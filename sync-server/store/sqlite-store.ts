// The SQLite store: one writing connection with group commit (BEGIN IMMEDIATE … COMMIT per tick), one read-only connection.
import { resolve } from 'node:path';
import { GroupCommit } from './group-commit';
import { QueuedWrites } from './queued-writes';
import { runBatch, writeProbe } from './sqlite-batch';
import type { WriteStatements } from './sqlite-write-sql';
import { WRITE_SQL } from './sqlite-write-sql';
import { backupDatabase } from './sqlite-backup';
import type { Prepared } from './sqlite-db';
import { Connection } from './sqlite-db';
import { openFailure, prepareDatabaseFile } from './sqlite-open';
import { createSnapshotPieces } from './sqlite-snapshot';
import type { DbAudit, DbHolidayYear, DbSupervision, DbUnit, DbUser } from './sqlite-rows';
import {
  AUDIT_COLUMNS,
  HOLIDAY_YEAR_COLUMNS,
  SUPERVISION_COLUMNS,
  UNIT_COLUMNS,
  USER_COLUMNS,
  auditRow,
  holidayYearRecord,
  plainBytes,
  supervisionRow,
  unitRow,
  userRow,
} from './sqlite-rows';
import type { Synchronous } from './sqlite-schema';
import { configureReader, configureWriter, migrate } from './sqlite-schema';
import { CASE_STATES_SQL, caseStateRow } from './case-states';
import type {
  AuditQuery,
  AuditRow,
  CaseStateRow,
  HolidayYearRow,
  RoomStats,
  Store,
  SupervisionRow,
  UnitRow,
  UserRow,
} from './store';
import type { WriteOp } from './write-op';
import { checkAuditQuery, holidayYearRow } from './write-op';

export interface SqliteStoreOptions {
  /** FULL (default): every COMMIT is fsynced, surviving power loss. NORMAL: survives a process crash only. */
  synchronous?: Synchronous;
  /** How long a write or read waits for a lock held by another connection (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Where failed batches (and files whose mode cannot be set) are reported (default console.error). */
  log?: (message: string, error: unknown) => void;
  /**
   * Tests only: runs on the writing connection once it is configured, e.g. `PRAGMA max_page_count` to make SQLite
   * fail with a genuine SQLITE_FULL where no small file system can be mounted.
   */
  onWriter?: (writer: Connection) => Promise<void>;
}

export interface SqliteStore extends Store {
  /** Absolute path of the database file. */
  readonly file: string;
  /** Successful COMMITs so far (each one a group-committed batch of writes). */
  readonly commits: number;
}

const CLOSED = '存储已关闭';

const READ_SQL = {
  loadRoom: 'SELECT data FROM room_updates WHERE room = ? ORDER BY id',
  roomStats:
    'SELECT count(*) AS updates, coalesce(sum(length(data)), 0) AS bytes FROM room_updates WHERE room = ? AND snapshot = 0',
  listRooms: 'SELECT DISTINCT room FROM room_updates ORDER BY room',
  counters: 'SELECT name, value FROM counters ORDER BY name',
  units: `SELECT ${UNIT_COLUMNS} FROM units ORDER BY id`,
  users: `SELECT ${USER_COLUMNS} FROM users ORDER BY id`,
  user: `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`,
  audit: `SELECT id, ${AUDIT_COLUMNS} FROM audit WHERE id > ? ORDER BY id LIMIT ?`,
  auditCase: `SELECT id, ${AUDIT_COLUMNS} FROM audit WHERE case_id = ? AND id > ? ORDER BY id LIMIT ?`,
  supervisions: `SELECT ${SUPERVISION_COLUMNS} FROM supervisions ORDER BY issued_at, code`,
  supervisionsCase: `SELECT ${SUPERVISION_COLUMNS} FROM supervisions WHERE case_id = ? ORDER BY issued_at, code`,
  meta: 'SELECT value FROM meta WHERE key = ?',
  holidayYears: `SELECT ${HOLIDAY_YEAR_COLUMNS} FROM holiday_years ORDER BY year`,
  caseStates: CASE_STATES_SQL.read,
} as const;

type Statements<K extends string> = Record<K, Prepared>;

async function prepareAll<K extends string>(conn: Connection, sql: Record<K, string>): Promise<Statements<K>> {
  const out: Partial<Statements<K>> = {};
  for (const key of Object.keys(sql) as K[]) out[key] = await conn.prepare(sql[key]);
  return out as Statements<K>;
}

class SqliteStoreImpl extends QueuedWrites implements SqliteStore {
  protected readonly queue: GroupCommit<WriteOp>;
  private closing: Promise<void> | null = null;

  constructor(
    readonly file: string,
    private readonly writer: Connection,
    private readonly w: WriteStatements,
    private readonly reader: Connection,
    private readonly r: Statements<keyof typeof READ_SQL>,
    log: (message: string, error: unknown) => void,
  ) {
    super();
    this.queue = new GroupCommit((ops) => runBatch(this.writer, this.w, ops), log);
  }

  protected probeWrite(at: string): Promise<void> {
    return writeProbe(this.writer, this.w, at);
  }

  private reads(): Statements<keyof typeof READ_SQL> {
    if (this.closing !== null) throw new Error(CLOSED);
    return this.r;
  }

  async loadRoom(room: string): Promise<Uint8Array[]> {
    const rows = await this.reads().loadRoom.all<{ data: Buffer }>([room]);
    return rows.map((row) => plainBytes(row.data));
  }

  async roomStats(room: string): Promise<RoomStats> {
    const row = await this.reads().roomStats.get<RoomStats>([room]);
    return { updates: row?.updates ?? 0, bytes: row?.bytes ?? 0 };
  }

  async listRooms(): Promise<string[]> {
    return (await this.reads().listRooms.all<{ room: string }>([])).map((row) => row.room);
  }

  async counters(): Promise<Map<string, number>> {
    const rows = await this.reads().counters.all<{ name: string; value: number }>([]);
    return new Map(rows.map((row) => [row.name, row.value]));
  }

  async units(): Promise<UnitRow[]> {
    return (await this.reads().units.all<DbUnit>([])).map(unitRow);
  }
  async users(): Promise<UserRow[]> {
    return (await this.reads().users.all<DbUser>([])).map(userRow);
  }

  async user(id: string): Promise<UserRow | null> {
    const row = await this.reads().user.get<DbUser>([id]);
    return row === undefined ? null : userRow(row);
  }

  async audit(q: AuditQuery): Promise<AuditRow[]> {
    checkAuditQuery(q);
    const r = this.reads();
    const after = q.afterId ?? 0;
    const rows =
      q.caseId === undefined
        ? await r.audit.all<DbAudit>([after, q.limit])
        : await r.auditCase.all<DbAudit>([q.caseId, after, q.limit]);
    return rows.map(auditRow);
  }

  async supervisions(caseId?: string): Promise<SupervisionRow[]> {
    const r = this.reads();
    const rows =
      caseId === undefined
        ? await r.supervisions.all<DbSupervision>([])
        : await r.supervisionsCase.all<DbSupervision>([caseId]);
    return rows.map(supervisionRow);
  }

  async meta(key: string): Promise<string | null> {
    return (await this.reads().meta.get<{ value: string }>([key]))?.value ?? null;
  }

  async holidayYears(): Promise<HolidayYearRow[]> {
    const rows = await this.reads().holidayYears.all<DbHolidayYear>([]);
    return rows.map((r) => holidayYearRow(holidayYearRecord(r)));
  }

  async caseStates(): Promise<CaseStateRow[]> {
    const rows = await this.reads().caseStates.all<{ id: string; fields_json: string }>([]);
    return rows.map((r) => caseStateRow(r.id, r.fields_json));
  }

  async backup(file: string): Promise<void> {
    if (this.closing !== null) throw new Error(CLOSED);
    await backupDatabase(this.file, file);
  }

  close(): Promise<void> {
    this.queue.close(CLOSED);
    this.closing ??= (async () => {
      await this.queue.flush().catch(() => undefined); // failed writes were already rejected to their callers
      await this.queue.idle(); // a probe may still be writing
      await this.reader.close(); // the writer closes last: it checkpoints the WAL into the main file
      await this.writer.close();
    })();
    return this.closing;
  }
}

/**
 * Opens the SQLite store at `file`, creating directory (0700), file (0600) and schema when the file is missing.
 * STORE7: an existing file that is empty, not a SQLite database or corrupt is refused with a StoreOpenError and left as
 * it is; a new ledger is never created over a file that exists.
 */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const path = resolve(file);
  const busy = options.busyTimeoutMs ?? 5000;
  const log = options.log ?? ((message: string, error: unknown) => console.error(`[store] ${message}`, error));
  await prepareDatabaseFile(path, log);
  const writer = await Connection.open(path, false).catch((e: unknown) => {
    throw openFailure(path, e);
  });
  let reader: Connection | null = null;
  try {
    await configureWriter(writer, options.synchronous ?? 'FULL', busy);
    await migrate(writer);
    await options.onWriter?.(writer);
    await createSnapshotPieces(writer);
    const w = await prepareAll(writer, WRITE_SQL);
    reader = await Connection.open(path, false);
    await configureReader(reader, busy);
    const r = await prepareAll(reader, READ_SQL);
    return new SqliteStoreImpl(path, writer, w, reader, r, log);
  } catch (e) {
    await reader?.close().catch(() => undefined);
    await writer.close().catch(() => undefined);
    throw openFailure(path, e);
  }
}
