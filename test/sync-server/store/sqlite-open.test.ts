// Opening the SQLite store: refusing empty, foreign and corrupt files (STORE7); creating new ones safely with owner-only modes (STORE8).
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../sync-server/store/sqlite-backup';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { StoreOpenError } from '../../../sync-server/store/store';
import { bytes, tempDir, unit } from './store-fixtures';

const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((cleanup) => cleanup()));

function freshDir(): string {
  const { dir, cleanup } = tempDir('sqlite-open-');
  dirs.push(cleanup);
  return dir;
}

const mode = (path: string): number => statSync(path).mode & 0o777;

/** A closed ledger file with `n` room updates of 1 KiB (several pages), and its bytes. */
async function ledgerFile(n = 200): Promise<{ path: string; content: Buffer }> {
  const path = join(freshDir(), 'data', 'ledger.sqlite');
  const store = await openSqliteStore(path);
  await store.putUnit(unit('u1'));
  await Promise.all(Array.from({ length: n }, (_, i) => store.appendUpdate('ledger', bytes(i, 1024))));
  await store.close();
  return { path, content: readFileSync(path) };
}

/** Expects opening `path` to be refused with `code`, naming the absolute path, and the file bytes to stay as they were. */
async function expectRefused(path: string, code: string, reason: RegExp): Promise<void> {
  const before = existsSync(path) && statSync(path).isFile() ? readFileSync(path) : null;
  const error = await openSqliteStore(relative(process.cwd(), path)).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  expect(error).toMatchObject({ code, file: path });
  expect((error as Error).message.startsWith(`无法打开台账数据库 ${path}：`)).toBe(true);
  expect((error as Error).message).toMatch(reason);
  if (before !== null) expect(readFileSync(path).equals(before)).toBe(true);
  expect(existsSync(`${path}-wal`)).toBe(false);
}

describe('STORE7: the store refuses a database file it cannot trust, and changes nothing', () => {
  it('STORE7: a 0-byte file is refused, naming the file and the way out; no empty ledger is created over it', async () => {
    const path = join(freshDir(), 'ledger.sqlite');
    writeFileSync(path, '');
    await expectRefused(
      path,
      'EMPTY_FILE',
      /文件大小为 0 字节.*服务拒绝打开。请从备份恢复该文件（npm run backup 生成的副本）/,
    );
    expect(statSync(path).size).toBe(0);
  });

  it('STORE7: a file that is not a SQLite database (text, a short file, a directory) is refused', async () => {
    const dir = freshDir();
    const text = join(dir, 'text.sqlite');
    writeFileSync(text, '企业诉求台账 — this is not a database\n'.repeat(300));
    await expectRefused(text, 'NOT_SQLITE', /它不是 SQLite 数据库（文件头不符）。请确认 DATA_DIR 指向正确的数据目录/);
    const short = join(dir, 'short.sqlite');
    writeFileSync(short, 'SQLite f');
    await expectRefused(short, 'NOT_SQLITE', /文件头不符/);
    const folder = join(dir, 'folder.sqlite');
    mkdirSync(folder);
    await expectRefused(folder, 'NOT_SQLITE', /它不是普通文件/);
  });

  it('STORE7: a corrupt database is refused: a damaged first page, a truncated file, zeroed pages', async () => {
    const damaged = await ledgerFile();
    const page1 = Buffer.from(damaged.content);
    for (let i = 100; i < 4096; i++) page1[i] = (i * 37) & 255;
    writeFileSync(damaged.path, page1);
    await expectRefused(
      damaged.path,
      'CORRUPT',
      /数据库文件已损坏（SQLITE_CORRUPT.*请停止服务，保留该文件以便排查，并请从备份恢复/,
    );

    const truncated = await ledgerFile();
    truncateSync(truncated.path, Math.floor(truncated.content.length / 2));
    await expectRefused(truncated.path, 'CORRUPT', /已损坏/);

    const zeroed = await ledgerFile();
    writeFileSync(
      zeroed.path,
      Buffer.concat([zeroed.content.subarray(0, 4096), Buffer.alloc(zeroed.content.length - 4096)]),
    );
    await expectRefused(zeroed.path, 'CORRUPT', /已损坏/);
  });

  it('STORE7: a -wal file whose database is missing is refused (the ledger is incomplete), and no database is created', async () => {
    const path = join(freshDir(), 'ledger.sqlite');
    writeFileSync(`${path}-wal`, Buffer.alloc(4128, 1));
    const error = await openSqliteStore(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'CORRUPT', file: path });
    expect(String(error)).toContain(`数据库主文件不存在，但旁边还有它的预写日志 ${path}-wal`);
    expect(existsSync(path)).toBe(false);
  });

  it('a missing database is created complete and leaves no temporary file; it opens again with its data', async () => {
    const dir = join(freshDir(), 'a', 'b');
    const path = join(dir, 'ledger.sqlite');
    const store = await openSqliteStore(path);
    await store.appendUpdate('ledger', bytes(1));
    await store.close();
    expect(readdirSync(dir)).toEqual(['ledger.sqlite']);
    const again = await openSqliteStore(path);
    expect(await again.loadRoom('ledger')).toEqual([bytes(1)]);
    await again.close();
  });
});

describe('STORE8: owner-only files', () => {
  it('STORE8: a new data directory is 0700; the database and its -wal/-shm files are 0600, also when they were wider', async () => {
    const dir = join(freshDir(), 'data');
    const path = join(dir, 'ledger.sqlite');
    const store = await openSqliteStore(path);
    await store.appendUpdate('ledger', bytes(1));
    expect(mode(dir)).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect([file, mode(file)]).toEqual([file, 0o600]);

    for (const file of [path, `${path}-wal`, `${path}-shm`]) chmodSync(file, 0o644); // as an older version left them
    const second = await openSqliteStore(path);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) expect([file, mode(file)]).toEqual([file, 0o600]);
    await second.close();
    await store.close();
  });

  it('STORE8: a backup file is 0600; STORE7: an empty ledger never replaces a good backup', async () => {
    const { path } = await ledgerFile(20);
    const backup = join(freshDir(), 'backups', 'ledger-1.sqlite');
    await backupDatabase(path, backup);
    expect(mode(backup)).toBe(0o600);
    const good = readFileSync(backup);

    truncateSync(path, 0);
    await expect(backupDatabase(path, backup)).rejects.toMatchObject({ code: 'EMPTY_FILE', file: path });
    expect(readFileSync(backup).equals(good)).toBe(true);
    expect(readdirSync(join(backup, '..'))).toEqual(['ledger-1.sqlite']);
  });
});
