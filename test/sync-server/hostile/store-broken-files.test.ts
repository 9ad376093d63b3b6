// STORE7 with the real server: a 0-byte, foreign or corrupt ledger.sqlite stops the start naming the file; restoring the backup recovers.
import { copyFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../sync-server/server';
import { acquireDataDirLock } from '../../../sync-server/store/data-lock';
import { backupDatabase } from '../../../sync-server/store/sqlite-backup';
import { StoreOpenError } from '../../../sync-server/store/store';
import { startChildServer } from '../integration/child-server';
import { ADMIN_TOKEN, Harness, REGISTRATION, tempDir, testConfig } from '../integration/harness';
import { withRawDb } from '../store/store-fixtures';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Ledger {
  dataDir: string;
  file: string;
  backup: string;
  caseId: string;
}

/** A data directory whose ledger holds one registered case, the server stopped, and a backup of it beside. */
async function ledgerWithBackup(): Promise<Ledger> {
  const root = tempDir();
  dirs.push(root);
  const dataDir = join(root, 'data');
  const h = await Harness.start(dataDir);
  const { id } = await h.ok<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/cases', {
    ...REGISTRATION,
    company: '备份里的企业',
  });
  await h.stop(false);
  const file = join(dataDir, 'ledger.sqlite');
  const backup = join(root, 'backups', 'ledger-good.sqlite');
  await backupDatabase(file, backup);
  return { dataDir, file, backup, caseId: id };
}

/** Starts in this process and as `npm start` would; both must refuse with `reason`, and the file must stay as it was. */
async function expectStartRefused(l: Ledger, code: string, reason: string): Promise<void> {
  const before = readFileSync(l.file);
  const error = await startServer(testConfig(l.dataDir)).then(
    async (s) => {
      await s.close();
      return null;
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  expect(error).toMatchObject({ code, file: l.file });
  expect((error as Error).message).toContain(`无法打开台账数据库 ${l.file}：${reason}`);
  await (await acquireDataDirLock(l.dataDir)).release(); // the failed start gave the directory back

  const child = await startChildServer({ DATA_DIR: l.dataDir, LEDGER_ADMIN_TOKEN: ADMIN_TOKEN }).then(
    async (s) => {
      await s.kill('SIGKILL');
      return 'started';
    },
    (e: unknown) => String(e),
  );
  expect(child).toMatch(/server exited with 1:/);
  expect(child).toContain(`启动失败：无法打开台账数据库 ${l.file}：${reason}`);
  expect(readFileSync(l.file).equals(before)).toBe(true);
}

/** Restores the backup over the broken file (as the message says) and checks the server starts with the case. */
async function restoreAndStart(l: Ledger): Promise<void> {
  for (const side of ['-wal', '-shm']) rmSync(l.file + side, { force: true });
  copyFileSync(l.backup, l.file);
  const h = await Harness.start(l.dataDir);
  try {
    const got = await h.ok<{ fields: { company: string } }>(ADMIN_TOKEN, 'GET', `/api/cases/${l.caseId}`);
    expect(got.fields.company).toBe('备份里的企业');
  } finally {
    await h.stop(false);
  }
}

describe('STORE7: a broken ledger file stops the server', () => {
  it('STORE7: a 0-byte ledger.sqlite: the start refuses naming the file, nothing is created over it; the backup restores it', async () => {
    const l = await ledgerWithBackup();
    truncateSync(l.file, 0);
    await expectStartRefused(l, 'EMPTY_FILE', '文件大小为 0 字节');
    await restoreAndStart(l);
  });

  it('STORE7: a ledger.sqlite that is not a database (overwritten with text): the start refuses naming the file', async () => {
    const l = await ledgerWithBackup();
    writeFileSync(l.file, '企业,联系人,电话\n汉光机械,刘经理,13812345678\n'.repeat(100));
    await expectStartRefused(l, 'NOT_SQLITE', '它不是 SQLite 数据库（文件头不符）');
    await restoreAndStart(l);
  });

  it('STORE7: a corrupt ledger.sqlite (damaged first page): the start refuses naming the file', async () => {
    const l = await ledgerWithBackup();
    const bytes = readFileSync(l.file);
    for (let i = 100; i < 4096; i++) bytes[i] = (i * 37) & 255;
    writeFileSync(l.file, bytes);
    await expectStartRefused(l, 'CORRUPT', '数据库文件已损坏');
    await restoreAndStart(l);
  });

  it('STORE7: damage inside the room data, found while the server loads its rooms, refuses the start like a corrupt file', async () => {
    const l = await ledgerWithBackup();
    const [table] = await withRawDb(l.file, (db) =>
      db.all<{ rootpage: number }>("SELECT rootpage FROM sqlite_schema WHERE name = 'room_updates'"),
    );
    const pageSize = 4096;
    const bytes = readFileSync(l.file);
    const at = ((table?.rootpage ?? 0) - 1) * pageSize;
    expect(at).toBeGreaterThan(0);
    for (let i = at; i < at + pageSize; i++) bytes[i] = (i * 53) & 255;
    writeFileSync(l.file, bytes);
    await expectStartRefused(l, 'CORRUPT', '数据库文件已损坏');
    await restoreAndStart(l);
  });
});
