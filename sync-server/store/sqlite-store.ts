// The SQLite store: one writing connection with group commit (BEGIN IMMEDIATE … COMMIT per tick), one read-only connection.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { GroupCommit } from './group-commit';
import { QueuedWrites } from './queued-writes';
import { backupDatabase } from './sqlite-backup';
import type { Params, Prepared } from './sqlite-db';
import { Connection, sqliteCode } from './sqlite-db';
import type { DbAudit, DbSupervision, DbUnit, DbUser } from './sqlite-rows';
import {
  AUDIT_COLUMNS, SUPERVISION_COLUMNS, UNIT_COLUMNS, USER_COLUMNS, auditParams, auditRow, blob, plainBytes, supervisionParams, supervisionRow, unitParams, unitRow, upsertSql, userParams, userRow
} from './sqlite-rows';
import type { Synchronous } from './sqlite-schema';
import { configureReader, configureWriter, migrate } from './sqlite-schema';
import type { AuditQuery, AuditRow, RoomStats, Store, SupervisionRow, UnitRow, UserRow } from './store';
import type { WriteOp } from './write-op';
import {
  checkAuditQuery, opRefused
} from './write-op';

export interface SqliteStoreOptions {
  /** FULL (default): every COMMIT is fsynced, surviving power loss. NORMAL: survives a process crash only. */
  synchronous?: Synchronous;
  /** How long a write or read waits for a lock held by another connection (default 5000 ms). */
  busyTimeoutMs?: number;
  /** Where failed batches are reported (default console.error). */
  log?: (message: string, error: unknown) => void;
}

export interface SqliteStore extends Store {
  /** Absolute path of the database file. */
  readonly file: string;
  /** Successful COMMITs so far (each one a group-committed batch of writes). */
  readonly commits: number;
}

/** Errors after which SQLite has undone just the failing statement and the transaction goes on. */
const STATEMENT_ERRORS = new Set(['SQLITE_CONSTRAINT', 'SQLITE_MISMATCH', 'SQLITE_TOOBIG', 'SQLITE_RANGE']);
/** Parameters per multi-row INSERT, well under SQLite's limit of 32,766. */
const MAX_SQL_PARAMS = 8_000;
const CLOSED = '存储已关闭';

const WRITE_SQL = {
  insertUpdate: 'INSERT INTO room_updates (room, snapshot, data) VALUES (?, 0, ?)',
  deleteRoom: 'DELETE FROM room_updates WHERE room = ?',
  insertSnapshot: 'INSERT INTO room_updates (room, snapshot, data) VALUES (?, 1, ?)',
  insertAudit: `INSERT INTO audit (${AUDIT_COLUMNS}) VALUES (${AUDIT_COLUMNS.split(',').map(() => '?').join(', ')})`,
  counter: upsertSql('counters', 'name, value', 'name'),
  unit: upsertSql('units', UNIT_COLUMNS, 'id'),
  user: upsertSql('users', USER_COLUMNS, 'id'),
  supervision: upsertSql('supervisions', SUPERVISION_COLUMNS, 'code'),
  meta: upsertSql('meta', 'key, value', 'key'),
} as const;

const READ_SQL = {
  loadRoom: 'SELECT data FROM room_updates WHERE room = ? ORDER BY id',
  roomStats: 'SELECT count(*) AS updates, coalesce(sum(length(data)), 0) AS bytes FROM room_updates WHERE room = ? AND snapshot = 0',
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
} as const;

type Statements<K extends string> = Record<K, Prepared>;

async function prepareAll<K extends string>(conn: Connection, sql: Record<K, string>): Promise<Statements<K>> {
  const out: Partial<Statements<K>> = {};
  for (const key of Object.keys(sql) as K[]) out[key] = await conn.prepare(sql[key]);
  return out as Statements<K>;
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

class SqliteStoreImpl extends QueuedWrites implements SqliteStore {
  protected readonly queue: GroupCommit<WriteOp>;
  private closing: Promise<void> | null = null;

  constructor(
    readonly file: string,
    private readonly writer: Connection,
    private readonly w: Statements<keyof typeof WRITE_SQL>,
    private readonly reader: Connection,
    private readonly r: Statements<keyof typeof READ_SQL>,
    log: (message: string, error: unknown) => void,
  ) {
    super();
    this.queue = new GroupCommit((ops) => this.runBatch(ops), log);
  }

  /** One transaction for the whole batch; an op that fails alone is undone alone (statement or savepoint). */
  private async runBatch(ops: readonly WriteOp[]): Promise<(Error | null)[]> {
    await this.writer.run('BEGIN IMMEDIATE');
    try {
      const results: (Error | null)[] = new Array<Error | null>(ops.length).fill(null);
      // Within one transaction only a compaction is order-sensitive (it replaces its room's earlier rows), so the
      // batch runs in segments between compactions: other writes in order, then room updates and single audit
      // rows as multi-row INSERTs (one round trip to sqlite3's thread instead of one per row).
      let start = 0;
      while (start < ops.length) {
        let end = start;
        while (end < ops.length && ops[end]?.kind !== 'compact') end++;
        await this.runSegment(ops, start, end, results);
        if (end < ops.length) results[end] = await this.applyIsolated(ops[end] as WriteOp);
        start = end + 1;
      }
      await this.writer.run('COMMIT');
      return results;
    } catch (e) {
      await this.writer.run('ROLLBACK').catch(() => undefined); // SQLite may already have rolled back
      throw e;
    }
  }

  private async runSegment(ops: readonly WriteOp[], start: number, end: number, results: (Error | null)[]): Promise<void> {
    const updates: number[] = [];
    const audits: number[] = [];
    for (let i = start; i < end; i++) {
      const op = ops[i] as WriteOp;
      if (op.kind === 'update') updates.push(i);
      else if (op.kind === 'audit' && op.rows.length === 1) audits.push(i);
      else results[i] = await this.applyIsolated(op);
    }
    await this.insertMany(ops, updates, results, 'INSERT INTO room_updates (room, snapshot, data) VALUES ', '(?, 0, ?)',
      (op) => (op.kind === 'update' ? [op.room, blob(op.data)] : []));
    await this.insertMany(ops, audits, results, `INSERT INTO audit (${AUDIT_COLUMNS}) VALUES `, `(${AUDIT_COLUMNS.split(',').map(() => '?').join(', ')})`,
      (op) => (op.kind === 'audit' && op.rows[0] !== undefined ? auditParams(op.rows[0]) : []));
  }

  /** Inserts the rows of `indexes` in chunks of one statement each; a chunk that fails is retried row by row. */
  private async insertMany(
    ops: readonly WriteOp[], indexes: readonly number[], results: (Error | null)[],
    head: string, tuple: string, params: (op: WriteOp) => Params,
  ): Promise<void> {
    const perStatement = Math.max(1, Math.floor(MAX_SQL_PARAMS / (tuple.split('?').length - 1)));
    for (let k = 0; k < indexes.length; k += perStatement) {
      const chunk = indexes.slice(k, k + perStatement);
      if (chunk.length > 1) {
        try {
          await this.writer.run(head + chunk.map(() => tuple).join(', '), chunk.flatMap((i) => [...params(ops[i] as WriteOp)]));
          continue;
        } catch (e) {
          if (!STATEMENT_ERRORS.has(sqliteCode(e) ?? '')) throw e;
          // a statement error undoes only that statement: find the row at fault one by one
        }
      }
      for (const i of chunk) results[i] = await this.applyIsolated(ops[i] as WriteOp);
    }
  }

  private async applyIsolated(op: WriteOp): Promise<Error | null> {
    const multi = op.kind === 'compact' || (op.kind === 'audit' && op.rows.length > 1);
    if (multi) await this.writer.run('SAVEPOINT op');
    try {
      await this.apply(op);
      if (multi) await this.writer.run('RELEASE op');
      return null;
    } catch (e) {
      if (multi) {
        await this.writer.run('ROLLBACK TO op'); // throws (failing the batch) if the transaction itself is gone
        await this.writer.run('RELEASE op');
      } else if (!STATEMENT_ERRORS.has(sqliteCode(e) ?? '')) {
        throw e;
      }
      return opRefused(op, asError(e).message, e);
    }
  }

  private async apply(op: WriteOp): Promise<void> {
    const w = this.w;
    switch (op.kind) {
      case 'update': await w.insertUpdate.run([op.room, blob(op.data)]); return;
      case 'compact':
        await w.deleteRoom.run([op.room]);
        await w.insertSnapshot.run([op.room, blob(op.data)]);
        return;
      case 'audit': for (const row of op.rows) await w.insertAudit.run(auditParams(row)); return;
      case 'counter': await w.counter.run([op.name, op.value]); return;
      case 'unit': await w.unit.run(unitParams(op.row)); return;
      case 'user': await w.user.run(userParams(op.row)); return;
      case 'supervision': await w.supervision.run(supervisionParams(op.row)); return;
      case 'meta': await w.meta.run([op.key, op.value]); return;
    }
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

  async units(): Promise<UnitRow[]> { return (await this.reads().units.all<DbUnit>([])).map(unitRow); }
  async users(): Promise<UserRow[]> { return (await this.reads().users.all<DbUser>([])).map(userRow); }

  async user(id: string): Promise<UserRow | null> {
    const row = await this.reads().user.get<DbUser>([id]);
    return row === undefined ? null : userRow(row);
  }

  async audit(q: AuditQuery): Promise<AuditRow[]> {
    checkAuditQuery(q);
    const r = this.reads();
    const after = q.afterId ?? 0;
    const rows = q.caseId === undefined
      ? await r.audit.all<DbAudit>([after, q.limit])
      : await r.auditCase.all<DbAudit>([q.caseId, after, q.limit]);
    return rows.map(auditRow);
  }

  async supervisions(caseId?: string): Promise<SupervisionRow[]> {
    const r = this.reads();
    const rows = caseId === undefined
      ? await r.supervisions.all<DbSupervision>([])
      : await r.supervisionsCase.all<DbSupervision>([caseId]);
    return rows.map(supervisionRow);
  }

  async meta(key: string): Promise<string | null> {
    return (await this.reads().meta.get<{ value: string }>([key]))?.value ?? null;
  }

  async backup(file: string): Promise<void> {
    if (this.closing !== null) throw new Error(CLOSED);
    await backupDatabase(this.file, file);
  }

  close(): Promise<void> {
    this.queue.close(CLOSED);
    this.closing ??= (async () => {
      await this.queue.flush().catch(() => undefined); // failed writes were already rejected to their callers
      await this.reader.close(); // the writer closes last: it checkpoints the WAL into the main file
      await this.writer.close();
    })();
    return this.closing;
  }
}

/** Opens (creating directory, file and schema when missing) the SQLite store at `file`. */
export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  const path = resolve(file);
  const busy = options.busyTimeoutMs ?? 5000;
  await mkdir(dirname(path), { recursive: true });
  const writer = await Connection.open(path);
  let reader: Connection | null = null;
  try {
    await configureWriter(writer, options.synchronous ?? 'FULL', busy);
    await migrate(writer);
    const w = await prepareAll(writer, WRITE_SQL);
    reader = await Connection.open(path, false);
    await configureReader(reader, busy);
    const r = await prepareAll(reader, READ_SQL);
    const log = options.log ?? ((message: string, error: unknown) => console.error(`[store] ${message}`, error));
    return new SqliteStoreImpl(path, writer, w, reader, r, log);
  } catch (e) {
    await reader?.close().catch(() => undefined);
    await writer.close().catch(() => undefined);
    throw e;
  }
}
