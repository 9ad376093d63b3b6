// A promise wrapper around one sqlite3 connection: open, run/get/all/exec, prepared statements, close.
import sqlite3 from 'sqlite3';

export type Params = readonly unknown[];
export interface RunInfo {
  lastID: number;
  changes: number;
}

/** The primary SQLite result code of an error from sqlite3 ('SQLITE_CONSTRAINT', …), or null. */
export function sqliteCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

/**
 * A prepared statement. sqlite3 runs the calls of one Statement in order, but calls on different
 * statements (or on the Database) may interleave: callers await each call before issuing the next.
 *
 * sqlite3 resets a statement only when it is next used. A `get` stops at its first row, so the
 * statement stays active and its read transaction stays open: that connection then sees a frozen
 * snapshot, and the WAL cannot be checkpointed past it. So reads here always reset afterwards.
 */
export class Prepared {
  constructor(private readonly stmt: sqlite3.Statement) {}

  run(params: Params): Promise<RunInfo> {
    return new Promise((resolve, reject) => {
      this.stmt.run([...params], function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ lastID: this.lastID, changes: this.changes });
      });
    });
  }

  async get<T>(params: Params): Promise<T | undefined> {
    return (await this.all<T>(params))[0];
  }

  async all<T>(params: Params): Promise<T[]> {
    try {
      return await new Promise<T[]>((resolve, reject) => {
        this.stmt.all<T>([...params], (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
      });
    } finally {
      await this.reset();
    }
  }

  /** Ends the statement's read transaction (sqlite3_reset). */
  reset(): Promise<void> {
    return new Promise((resolve) => {
      this.stmt.reset(() => resolve());
    });
  }

  finalize(): Promise<void> {
    return new Promise((resolve) => {
      this.stmt.finalize(() => resolve());
    });
  }
}

export class Connection {
  private readonly statements: Prepared[] = [];
  private closed = false;

  private constructor(
    readonly db: sqlite3.Database,
    readonly file: string,
  ) {}

  /** Opens `file`; with create=false a missing database is an error (SQLITE_CANTOPEN) instead of a new empty file. */
  static open(file: string, create = true): Promise<Connection> {
    const mode = sqlite3.OPEN_READWRITE | sqlite3.OPEN_FULLMUTEX | (create ? sqlite3.OPEN_CREATE : 0);
    return new Promise((resolve, reject) => {
      const db: sqlite3.Database = new sqlite3.Database(file, mode, (err: Error | null) => {
        if (err) reject(err);
        else resolve(new Connection(db, file));
      });
    });
  }

  run(sql: string, params: Params = []): Promise<RunInfo> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, [...params], function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ lastID: this.lastID, changes: this.changes });
      });
    });
  }

  get<T>(sql: string, params: Params = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get<T>(sql, [...params], (err: Error | null, row: T | undefined) => (err ? reject(err) : resolve(row)));
    });
  }

  all<T>(sql: string, params: Params = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.db.all<T>(sql, [...params], (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows)));
    });
  }

  /** Runs several statements without parameters (schema scripts). */
  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.exec(sql, (err: Error | null) => (err ? reject(err) : resolve()));
    });
  }

  /** A prepared statement, finalized by close(). */
  prepare(sql: string): Promise<Prepared> {
    return new Promise((resolve, reject) => {
      const stmt: sqlite3.Statement = this.db.prepare(sql, (err: Error | null) => {
        if (err) return reject(err);
        const p = new Prepared(stmt);
        this.statements.push(p);
        resolve(p);
      });
    });
  }

  /** Finalizes the prepared statements, then closes (sqlite3_close refuses while statements are live). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.statements.splice(0).map((s) => s.finalize()));
    await new Promise<void>((resolve, reject) => {
      this.db.close((err: Error | null) => (err ? reject(err) : resolve()));
    });
  }
}
