// Online backup of a SQLite file (sqlite3's db.backup) through its own connection, written to a temp file then renamed.
import { randomUUID } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type sqlite3 from 'sqlite3';
import { Connection, sqliteCode } from './sqlite-db';
import { FILE_MODE, checkDatabaseStat, fsyncPath } from './sqlite-open';

/** sqlite3 ships db.backup() and the Backup class but not their typings. */
interface Backup {
  step(pages: number, callback: (err: Error | null, completed?: boolean) => void): Backup;
  finish(callback: () => void): Backup;
  readonly completed: boolean;
  readonly failed: boolean;
}
type BackupCapable = sqlite3.Database & { backup(file: string, callback: (err: Error | null) => void): Backup };

const RETRYABLE = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED']);
const MAX_ATTEMPTS = 50;
const RETRY_DELAY_MS = 100;

function startBackup(db: sqlite3.Database, dest: string): Promise<Backup> {
  return new Promise((resolveBackup, reject) => {
    const b: Backup = (db as BackupCapable).backup(dest, (err) => (err ? reject(err) : resolveBackup(b)));
  });
}

/** Copies every page in one step (one read transaction: a consistent snapshot), retrying while the source is busy. */
async function copyAll(b: Backup): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const err = await new Promise<Error | null>((done) => {
      b.step(-1, (e) => done(e ?? null));
    });
    if (err === null && b.completed) return;
    if (err !== null && (!RETRYABLE.has(sqliteCode(err) ?? '') || attempt >= MAX_ATTEMPTS)) throw err;
    if (err === null) throw new Error('备份未完成（SQLite 未报告完成）');
    await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
  }
}

/**
 * The copied header still says WAL; switch the copy to a self-contained rollback-journal file (opens on
 * read-only media and with old tools; openSqliteStore turns WAL back on) and check it before it replaces anything.
 */
async function finishCopy(tmp: string): Promise<void> {
  const copy = await Connection.open(tmp, false);
  try {
    const mode = await copy.get<{ journal_mode: string }>('PRAGMA journal_mode = DELETE');
    if (mode?.journal_mode !== 'delete')
      throw new Error(`备份文件无法切换为 DELETE 日志模式：${String(mode?.journal_mode)}`);
    const check = await copy.all<{ quick_check: string }>('PRAGMA quick_check');
    if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
      throw new Error(`备份文件校验失败：${check.map((c) => c.quick_check).join('；')}`);
    }
  } finally {
    await copy.close();
  }
}

/**
 * Backs up the database `sourceFile` (must exist) to `destFile`. A second connection reads while the
 * server keeps writing (WAL); the copy goes to a temp file (mode 0600, STORE8) beside `destFile`, is synced, then
 * renamed over it, so `destFile` is either the old content or a complete backup. An empty or foreign source is refused
 * (STORE7), so a damaged ledger never replaces a good backup with an empty one. Returns the size in bytes.
 */
export async function backupDatabase(sourceFile: string, destFile: string): Promise<number> {
  const dest = resolve(destFile);
  if (dest === resolve(sourceFile)) throw new Error('备份文件不能与数据库文件相同');
  await checkDatabaseStat(resolve(sourceFile)); // a foreign file fails in SQLite (SQLITE_NOTADB) before anything is renamed
  await mkdir(dirname(dest), { recursive: true });
  const tmp = join(dirname(dest), `.${basename(dest)}.${randomUUID()}.tmp`);
  const source = await Connection.open(sourceFile, false);
  try {
    await (await open(tmp, 'wx', FILE_MODE)).close(); // SQLite writes the copy into this file, keeping its mode
    await chmod(tmp, FILE_MODE);
    await source.run('PRAGMA busy_timeout = 5000');
    const b = await startBackup(source.db, tmp);
    try {
      await copyAll(b);
    } finally {
      await new Promise<void>((done) => {
        b.finish(() => done());
      });
    }
    await finishCopy(tmp);
    await fsyncPath(tmp);
    await rename(tmp, dest);
    await fsyncPath(dirname(dest)).catch(() => undefined); // makes the rename durable; not possible on Windows
    const handle = await open(dest, 'r');
    try {
      return (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  } catch (e) {
    await Promise.all(['', '-journal', '-wal', '-shm'].map((suffix) => rm(tmp + suffix, { force: true })));
    throw e;
  } finally {
    await source.close();
  }
}
