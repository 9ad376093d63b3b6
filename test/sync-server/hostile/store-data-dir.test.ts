// STORE8 with real servers: one server per DATA_DIR (a second refuses, the first goes on), kill -9 frees the directory, 0600/0700 files.
import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../../sync-server/server';
import { DataDirLockedError } from '../../../sync-server/store/data-lock';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import type { ChildServer } from '../integration/child-server';
import { startChildServer } from '../integration/child-server';
import { ADMIN_TOKEN, REGISTRATION, tempDir, testConfig } from '../integration/harness';

const ROOT = join(import.meta.dirname, '../../..');
const running: ChildServer[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of running.splice(0))
    if (s.process.exitCode === null && s.process.signalCode === null) await s.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = join(tempDir(), 'data');
  dirs.push(join(dir, '..'));
  return dir;
}

async function start(dir: string): Promise<ChildServer> {
  const s = await startChildServer({ DATA_DIR: dir, LEDGER_ADMIN_TOKEN: ADMIN_TOKEN });
  running.push(s);
  return s;
}

async function api<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const register = (url: string, company: string) =>
  api<{ id: string }>(url, 'POST', '/api/cases', { ...REGISTRATION, company });
const companyOf = async (url: string, id: string) =>
  (await api<{ fields: { company: string } }>(url, 'GET', `/api/cases/${id}`)).fields.company;
const refusal = (dir: string) =>
  `数据目录 ${dir} 正被另一个同步服务进程使用：每个数据目录只能运行一个同步服务。请先停止另一个进程，再启动本服务。`;
const mode = (path: string) => statSync(path).mode & 0o777;

describe('STORE8: one sync server per DATA_DIR', () => {
  it('STORE8: a second server on the same DATA_DIR refuses to start with the Chinese message; the first keeps working and its case survives a restart', async () => {
    const dir = dataDir();
    const first = await start(dir);
    const before = await register(first.url, '第一台服务登记的企业');

    const inProcess = await startServer(testConfig(dir)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(inProcess).toBeInstanceOf(DataDirLockedError);
    expect((inProcess as Error).message).toBe(refusal(dir));
    const second = await start(dir).then(
      () => null,
      (e: unknown) => String(e),
    );
    expect(second).toMatch(/server exited with 1:/);
    expect(second).toContain(`启动失败：${refusal(dir)}`);

    const after = await register(first.url, '拒绝第二台之后登记的企业');
    expect(await first.kill('SIGTERM')).toBe(0);
    const restarted = await start(dir);
    expect(await companyOf(restarted.url, before.id)).toBe('第一台服务登记的企业');
    expect(await companyOf(restarted.url, after.id)).toBe('拒绝第二台之后登记的企业');
  });

  it('STORE8: kill -9 releases the directory: a restarted server starts and has every acknowledged case', async () => {
    const dir = dataDir();
    const first = await start(dir);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await register(first.url, `企业${i}`)).id);
    expect(await first.kill('SIGKILL')).toBeNull();
    const restarted = await start(dir);
    for (let i = 0; i < 3; i++) expect(await companyOf(restarted.url, ids[i] as string)).toBe(`企业${i}`);
  });

  it('STORE8: the data directory is 0700 and ledger.sqlite, its -wal/-shm and ledger.lock are 0600; npm run backup still works and writes 0600', async () => {
    const dir = dataDir();
    const server = await start(dir);
    const { id } = await register(server.url, '权限检查企业');
    expect(mode(dir)).toBe(0o700);
    for (const name of ['ledger.sqlite', 'ledger.sqlite-wal', 'ledger.sqlite-shm', 'ledger.lock']) {
      expect([name, mode(join(dir, name))]).toEqual([name, 0o600]);
    }

    const target = join(dir, '..', 'backups', 'ledger-copy.sqlite');
    const backup = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/backup.ts'), target], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (c: string) => {
        out += c;
      });
      child.stderr.setEncoding('utf8').on('data', (c: string) => {
        out += c;
      });
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(backup.out).toMatch(/^备份完成：/);
    expect(backup.code).toBe(0);
    expect(mode(target)).toBe(0o600);
    expect(await companyOf(server.url, id)).toBe('权限检查企业'); // the server is unaffected
    const copy = await openSqliteStore(target);
    try {
      expect((await copy.listRooms()).length).toBeGreaterThan(0);
    } finally {
      await copy.close();
    }
  });
});
