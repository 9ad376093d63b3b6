// Before SQLite opens the ledger file: refuse an empty, foreign or corrupt file (STORE7), create a new one atomically, modes 0600 (STORE8).
import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Connection, sqliteCode } from './sqlite-db';
import { migrate } from './sqlite-schema';
import { StoreOpenError } from './store';

/** The 16 bytes every SQLite 3 database file starts with. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** The database and the files SQLite keeps beside it (they hold ledger data too). */
export const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;
/** Owner only: the ledger holds companies' contact data and token hashes. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

const RESTORE = '请从备份恢复该文件（npm run backup 生成的副本）';

/*
 * Integrity at open: the header check below, then SQLite's own checks while the writer switches to WAL and migrate
 * reads the schema, catch a truncated, overwritten or foreign file (SQLITE_CORRUPT / SQLITE_NOTADB → StoreOpenError).
 * `PRAGMA quick_check` is NOT run at open: measured on a 10,000-case ledger (44 MiB, 250,000 audit rows, 2-core VM,
 * SQLite 3.52.0) it took 157–223 ms with the file in the page cache and 864–924 ms from disk, against a 0.5 s
 * cold-start target. Damage deeper in a table shows as SQLITE_CORRUPT when that page is read (loading the rooms at
 * start, which the server reports as a StoreOpenError) or written (the batch fails and the store halts, STORE6);
 * every backup runs quick_check on its copy.
 */

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** fsync of a file or a directory (a directory makes a rename in it durable). */
export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Gives `tmp` the name `path` unless `path` exists by then (it is then checked, never replaced). */
async function linkInto(tmp: string, path: string): Promise<void> {
  try {
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' || (await statOrNull(path)) !== null) return;
    await rename(tmp, path); // a file system without hard links; the DATA_DIR lock keeps other servers out meanwhile
  }
}

/** Creates `path` (mode 0600) without ever leaving a partial file under that name: built aside, then linked in. */
async function createDatabaseFile(path: string): Promise<void> {
  const wal = await statOrNull(`${path}-wal`);
  if (wal !== null && wal.size > 0) {
    throw new StoreOpenError(
      'CORRUPT',
      path,
      `数据库主文件不存在，但旁边还有它的预写日志 ${path}-wal，数据库不完整。${RESTORE}；确认不再需要时，把该日志文件移出数据目录后再启动。`,
    );
  }
  const tmp = join(dirname(path), `.${basename(path)}.${randomUUID()}.new`);
  await (await open(tmp, 'wx', FILE_MODE)).close(); // SQLite gives its journal files the mode of this file
  try {
    const conn = await Connection.open(tmp, false);
    try {
      await migrate(conn);
    } finally {
      await conn.close();
    }
    await fsyncPath(tmp);
    await linkInto(tmp, path);
    await fsyncPath(dirname(path)).catch(() => undefined); // makes the new name durable; not possible on Windows
  } finally {
    await Promise.all(['', ...SQLITE_SIDE_FILES].map((suffix) => rm(tmp + suffix, { force: true })));
  }
}

/**
 * STORE7: refuses what is not a file, or an empty one, from its metadata alone (no descriptor is opened, so this is
 * safe while SQLite connections of this process hold the file: POSIX drops all of a process's locks on a file when
 * any descriptor of it is closed).
 */
export async function checkDatabaseStat(path: string): Promise<void> {
  const st = await stat(path);
  if (!st.isFile())
    throw new StoreOpenError('NOT_SQLITE', path, `它不是普通文件。请确认 DATA_DIR 指向正确的数据目录。`);
  if (st.size === 0) {
    throw new StoreOpenError(
      'EMPTY_FILE',
      path,
      `文件大小为 0 字节（可能被截断，或复制、恢复时出错）。为免在它上面建立一个空台账，服务拒绝打开。${RESTORE}；确认不再需要时，把它移出数据目录后再启动。`,
    );
  }
}

/**
 * STORE7: refuses a file without the SQLite header. It reads through a descriptor of its own, so it runs before this
 * process opens the file with SQLite; the DATA_DIR lock (STORE8) keeps a second store of the ledger out of the process.
 */
async function checkHeader(path: string): Promise<void> {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (!head.equals(SQLITE_HEADER)) {
    throw new StoreOpenError(
      'NOT_SQLITE',
      path,
      `它不是 SQLite 数据库（文件头不符）。请确认 DATA_DIR 指向正确的数据目录，或${RESTORE}。`,
    );
  }
}

/**
 * Prepares `path` for openSqliteStore: creates its directory (0700) and, when missing, the database itself (0600);
 * otherwise checks the existing file (STORE7) and sets it and its -wal/-shm files to 0600 (STORE8). A file this user
 * does not own keeps its mode (chmod is refused): that is reported to `log`, and the start goes on.
 */
export async function prepareDatabaseFile(path: string, log: (message: string, error: unknown) => void): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
  if ((await statOrNull(path)) === null) await createDatabaseFile(path);
  await checkDatabaseStat(path);
  await checkHeader(path);
  for (const file of [path, ...SQLITE_SIDE_FILES.map((s) => path + s)]) {
    await chmod(file, FILE_MODE).catch((e: unknown) => {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPERM') log(`无法把 ${file} 的权限改为 0600（当前用户不是该文件的所有者），请管理员处理`, e);
      else if (code !== 'ENOENT') throw e;
    });
  }
}

/** SQLITE_CORRUPT / SQLITE_NOTADB while opening become a StoreOpenError naming the file; anything else is returned as it is. */
export function openFailure(path: string, e: unknown): unknown {
  const code = sqliteCode(e);
  if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new StoreOpenError(
    'CORRUPT',
    path,
    `数据库文件已损坏（${detail}）。请停止服务，保留该文件以便排查，并${RESTORE}。`,
    e,
  );
}
