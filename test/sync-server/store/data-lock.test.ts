// STORE8: one server per DATA_DIR — the directory lock refuses a second holder (same process or another) and dies with its process.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, acquireDataDirLock } from '../../../sync-server/store/data-lock';
import { tempDir } from './store-fixtures';

const CHILD = join(import.meta.dirname, 'lock-child.ts');
const ROOT = join(import.meta.dirname, '../../..');
const { dir: root, cleanup } = tempDir('data-lock-');
afterAll(cleanup);

/** Starts lock-child.ts on `dir`; resolves with the process and its first line ("locked" or "refused …"). */
function lockChild(
  dir: string,
  hold: boolean,
): Promise<{ child: ChildProcess; line: string; exited: Promise<unknown> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, ...(hold ? ['hold'] : [])], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((done) => child.once('exit', done));
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line !== undefined) resolve({ child, line, exited });
    });
    child.once('exit', (code) => reject(new Error(`lock child exited with ${String(code)} before answering: ${err}`)));
  });
}

const refusal = (dir: string) =>
  `数据目录 ${dir} 正被另一个同步服务进程使用：每个数据目录只能运行一个同步服务。请先停止另一个进程，再启动本服务。`;

describe('STORE8: DATA_DIR lock', () => {
  it('STORE8: a second holder is refused at once with the Chinese message, in this process and from another; release frees it', async () => {
    const dir = join(root, 'a', 'data');
    const lock = await acquireDataDirLock(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(lock.file)).toBe(0o600);
    const again = await acquireDataDirLock(dir).then(
      () => null,
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(DataDirLockedError);
    expect(again).toMatchObject({ code: 'DATA_DIR_LOCKED', dir, message: refusal(dir) });
    const other = await lockChild(dir, false);
    expect(other.line).toBe(`refused DATA_DIR_LOCKED ${refusal(dir)}`);
    await other.exited;

    await lock.release();
    await lock.release(); // idempotent
    const later = await lockChild(dir, false);
    expect(later.line).toBe('locked');
    await later.exited;
    const mine = await acquireDataDirLock(dir);
    await mine.release();
    expect(readdirSync(dir)).toEqual(['ledger.lock']); // no journal file beside it
  });

  it('STORE8: the lock dies with its process: after kill -9 of the holder the directory can be locked again', async () => {
    const dir = join(root, 'b');
    const holder = await lockChild(dir, true);
    expect(holder.line).toBe('locked');
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    holder.child.kill('SIGKILL');
    await holder.exited;
    const lock = await acquireDataDirLock(dir);
    await lock.release();
  });
});

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}
