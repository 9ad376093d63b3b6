// The SQLite schema (versioned in meta.schema_version), its migrations, and the connection pragmas.
import type { Connection } from './sqlite-db';
import { SCHEMA_VERSION_KEY, StoreOpenError } from './store';

export const SCHEMA_VERSION = 4;

export type Synchronous = 'FULL' | 'NORMAL';

/**
 * MIGRATIONS[v] takes the schema from version v to v + 1. Tables are STRICT (SQLite ≥ 3.37).
 * Audit is append-only: triggers refuse UPDATE and DELETE. Only users reference units (a login needs its unit);
 * audit and supervisions record what already happened and are never refused for a missing unit.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID;
  CREATE TABLE room_updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    room TEXT NOT NULL CHECK (room <> ''),
    snapshot INTEGER NOT NULL CHECK (snapshot IN (0, 1)),
    data BLOB NOT NULL
  ) STRICT;
  CREATE INDEX room_updates_room ON room_updates (room, id);
  CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT, WITHOUT ROWID;
  CREATE TABLE units (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, contact TEXT, created_at TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('office', 'unit', 'viewer')),
    unit_id TEXT REFERENCES units (id),
    token_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX users_unit ON users (unit_id);
  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id TEXT,
    case_id TEXT,
    command TEXT NOT NULL,
    field TEXT,
    old_json TEXT CHECK (old_json IS NULL OR json_valid(old_json)),
    new_json TEXT CHECK (new_json IS NULL OR json_valid(new_json)),
    accepted INTEGER NOT NULL CHECK (accepted IN (0, 1)),
    code TEXT,
    note TEXT
  ) STRICT;
  CREATE INDEX audit_case ON audit (case_id, id);
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only: UPDATE refused'); END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only: DELETE refused'); END;
  CREATE TABLE supervisions (
    code TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    reply_due_at TEXT NOT NULL,
    note TEXT NOT NULL,
    replied_at TEXT,
    reply TEXT
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX supervisions_case ON supervisions (case_id);
  `,
  // v2: an audit row may stand for `count` aggregated occurrences, the last one at `last_at` (the triggers stay).
  `
  ALTER TABLE audit ADD COLUMN count INTEGER NOT NULL DEFAULT 1 CHECK (count >= 1);
  ALTER TABLE audit ADD COLUMN last_at TEXT;
  `,
  // v3 (STORE20): the holiday notices the office uploads, one row per year (CAL4)
  `
  CREATE TABLE holiday_years (
    year INTEGER PRIMARY KEY,
    days_json TEXT NOT NULL CHECK (json_valid(days_json)),
    uploaded_by TEXT NOT NULL,
    uploaded_by_name TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
  ) STRICT;
  `,
  // v4 (STORE32): the accepted state of each case, written with the room updates that change it
  `
  CREATE TABLE case_states (
    id TEXT PRIMARY KEY CHECK (id <> ''),
    fields_json TEXT NOT NULL CHECK (json_valid(fields_json))
  ) STRICT, WITHOUT ROWID;
  `,
];

/** Pragmas of the writing connection; checks that each one took effect. */
export async function configureWriter(
  conn: Connection,
  synchronous: Synchronous,
  busyTimeoutMs: number,
): Promise<void> {
  await conn.run(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  const mode = await conn.get<{ journal_mode: string }>('PRAGMA journal_mode = WAL');
  if (mode?.journal_mode !== 'wal')
    throw new Error(`无法启用 WAL 日志模式（当前为 ${String(mode?.journal_mode)}）：${conn.file}`);
  await conn.run(`PRAGMA synchronous = ${synchronous}`);
  await conn.run('PRAGMA foreign_keys = ON');
  const sync = await conn.get<{ synchronous: number }>('PRAGMA synchronous');
  const fk = await conn.get<{ foreign_keys: number }>('PRAGMA foreign_keys');
  if (sync?.synchronous !== (synchronous === 'FULL' ? 2 : 1) || fk?.foreign_keys !== 1) {
    throw new Error(
      `SQLite 连接参数未生效（synchronous=${String(sync?.synchronous)}，foreign_keys=${String(fk?.foreign_keys)}）`,
    );
  }
}

/** Pragmas of the reading connection: it may never write. */
export async function configureReader(conn: Connection, busyTimeoutMs: number): Promise<void> {
  await conn.run(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  await conn.run('PRAGMA query_only = ON');
}

/**
 * Creates or upgrades the schema in one transaction (writing nothing when it is current); refuses a database written
 * by a newer version. Returns the version.
 */
export async function migrate(conn: Connection): Promise<number> {
  await conn.run('BEGIN IMMEDIATE');
  try {
    await conn.exec(
      'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT, WITHOUT ROWID',
    );
    const row = await conn.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [SCHEMA_VERSION_KEY]);
    const current = row === undefined ? 0 : Number(row.value);
    if (!Number.isSafeInteger(current) || current < 0) {
      throw new StoreOpenError(
        'CORRUPT',
        conn.file,
        `数据库结构版本无法识别（${String(row?.value)}），文件可能已损坏。请从备份恢复该文件。`,
      );
    }
    if (current > SCHEMA_VERSION) {
      throw new StoreOpenError(
        'NEWER_SCHEMA',
        conn.file,
        `数据库结构版本 ${current} 高于本程序支持的 ${SCHEMA_VERSION}，请升级同步服务后再打开。`,
      );
    }
    for (let v = current; v < SCHEMA_VERSION; v++) await conn.exec(MIGRATIONS[v] ?? '');
    if (current !== SCHEMA_VERSION) {
      await conn.run(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [SCHEMA_VERSION_KEY, String(SCHEMA_VERSION)],
      );
    }
    await conn.run('COMMIT');
    return SCHEMA_VERSION;
  } catch (e) {
    await conn.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
