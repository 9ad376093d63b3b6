// STORE8: one sync server per DATA_DIR — an exclusive OS lock on DATA_DIR/ledger.lock, held for the process lifetime.
import { chmod, mkdir, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Connection, sqliteCode } from './sqlite-db';
import { DIR_MODE, FILE_MODE } from './sqlite-open';

export const LOCK_FILE_NAME = 'ledger.lock';

export interface DataDirLock {
  /** The lock file (DATA_DIR/ledger.lock). */
  readonly file: string;
  /** Gives the directory free for another server. Idempotent. */
  release(): Promise<void>;
}

/** Another process (or another server in this process) holds the data directory. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  readonly code = 'DATA_DIR_LOCKED';

  constructor(
    readonly dir: string,
    cause?: unknown,
  ) {
    super(
      `数据目录 ${dir} 正被另一个同步服务进程使用：每个数据目录只能运行一个同步服务。请先停止另一个进程，再启动本服务。`,
      { cause },
    );
  }
}

/**
 * Creates the empty lock file (0600) unless it exists. Never opens an existing one: POSIX drops every lock a process
 * holds on a file when the process closes any descriptor of that file, so opening and closing ledger.lock here would
 * silently release the lock that another server in this process holds.
 */
async function createIfMissing(file: string): Promise<void> {
  try {
    await (await open(file, 'wx', FILE_MODE)).close();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

/**
 * Takes the lock of `dir` (created 0700 when missing), or throws DataDirLockedError at once.
 *
 * Technique: ledger.lock is an (empty) SQLite file that a dedicated connection holds with `locking_mode = EXCLUSIVE`
 * and an open `BEGIN EXCLUSIVE` — an OS file lock (POSIX fcntl; LockFileEx on Windows) that the kernel drops when the
 * process dies, even by kill -9, so a stale lock never blocks a restart. SQLite refuses it to a second connection in
 * the same process too (it tracks locks per file, not per connection). It is a separate file from ledger.sqlite, so
 * `npm run backup` can still read the ledger from another process. `journal_mode = MEMORY`: no journal file appears.
 */
export async function acquireDataDirLock(dir: string): Promise<DataDirLock> {
  const root = resolve(dir);
  await mkdir(root, { recursive: true, mode: DIR_MODE });
  const file = resolve(root, LOCK_FILE_NAME);
  await createIfMissing(file);
  await chmod(file, FILE_MODE);
  const conn = await Connection.open(file, false);
  try {
    await conn.run('PRAGMA busy_timeout = 0');
    await conn.get('PRAGMA journal_mode = MEMORY');
    await conn.get('PRAGMA locking_mode = EXCLUSIVE');
    await conn.run('BEGIN EXCLUSIVE');
  } catch (e) {
    await conn.close().catch(() => undefined);
    const code = sqliteCode(e);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new DataDirLockedError(root, e);
    throw new Error(
      `无法锁定数据目录 ${root}（锁文件 ${file}：${e instanceof Error ? e.message : String(e)}）。请确认没有同步服务在运行后删除该锁文件，再启动本服务。`,
      { cause: e },
    );
  }
  let released: Promise<void> | null = null;
  return {
    file,
    release: () => {
      released ??= (async () => {
        await conn.run('ROLLBACK').catch(() => undefined);
        await conn.close(); // in exclusive locking mode the OS lock is dropped when the connection closes
      })();
      return released;
    },
  };
}
