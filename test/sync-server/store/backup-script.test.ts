// scripts/backup.ts: Chinese usage/missing/empty-database errors with exit code 1; a live backup (0600) that opens as a store.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { bytes, tempDir } from './store-fixtures';

const ROOT = join(import.meta.dirname, '../../..');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function backupScript(args: string[], dataDir: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/backup.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (c: string) => {
      out.stdout += c;
    });
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      out.stderr += c;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ...out }));
  });
}

describe('scripts/backup.ts', () => {
  const { dir, cleanup } = tempDir('backup-script-');
  afterAll(cleanup);

  it('STORE3: without a file argument: usage in Chinese, exit code 1', async () => {
    const r = await backupScript([], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('用法：npm run backup -- <备份文件路径>');
  });

  it('STORE3: without a database: a clear Chinese error, exit code 1, nothing created', async () => {
    const r = await backupScript([join(dir, 'out.sqlite')], join(dir, 'empty'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('数据库不存在');
    expect(existsSync(join(dir, 'empty', 'ledger.sqlite'))).toBe(false);
    expect(existsSync(join(dir, 'out.sqlite'))).toBe(false);
  });

  it('STORE7: an empty (0-byte) ledger is refused with exit code 1, and the previous backup stays as it was', async () => {
    const dataDir = join(dir, 'truncated');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'ledger.sqlite'), '');
    const previous = join(dir, 'previous.sqlite');
    writeFileSync(previous, 'the previous backup');
    const r = await backupScript([previous], dataDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`备份失败：无法打开台账数据库 ${join(dataDir, 'ledger.sqlite')}：文件大小为 0 字节`);
    expect(readFileSync(previous, 'utf8')).toBe('the previous backup');
  });

  it('STORE3/STORE8: backs up the database while the store is open and writing; the copy (0600) opens with the same content', async () => {
    const dataDir = join(dir, 'data');
    const store = await openSqliteStore(join(dataDir, 'ledger.sqlite'));
    try {
      await Promise.all(Array.from({ length: 100 }, (_, i) => store.appendUpdate('ledger', bytes(i))));
      await store.setMeta('title', '台账');
      const writing = Array.from({ length: 200 }, (_, i) => store.appendUpdate('ledger', bytes(100 + i)));
      const target = join(dir, 'backups', 'ledger-1.sqlite');
      const r = await backupScript([target], dataDir);
      await Promise.all(writing);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toMatch(/^备份完成：.*ledger\.sqlite → .*ledger-1\.sqlite（\d+(\.\d)? (KB|MB|字节)）$/);
      expect(statSync(target).mode & 0o777).toBe(0o600);
      const copy = await openSqliteStore(target);
      try {
        const copied = await copy.loadRoom('ledger');
        expect(copied.length).toBeGreaterThanOrEqual(100);
        expect(copied).toEqual((await store.loadRoom('ledger')).slice(0, copied.length));
        expect(await copy.meta('title')).toBe('台账');
      } finally {
        await copy.close();
      }
    } finally {
      await store.close();
    }
  });
});
