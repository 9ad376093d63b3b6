// Runs the store contract against the SQLite store, plus what only SQLite has: pragmas, schema version, failed batches.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { storeContract } from './store-contract';
import { audit, bytes, tempDir, unit, withRawDb } from './store-fixtures';

const dirs: (() => void)[] = [];
afterAll(() => dirs.forEach((cleanup) => cleanup()));

function freshFile(): string {
  const { dir, cleanup } = tempDir('sqlite-store-');
  dirs.push(cleanup);
  return join(dir, 'data', 'ledger.sqlite');
}

storeContract('sqlite', async () => {
  const path = freshFile();
  const store = await openSqliteStore(path);
  return {
    store,
    commits: () => store.commits,
    reopen: () => openSqliteStore(path),
    file: { path, openStore: (p: string) => openSqliteStore(p) },
  };
});

describe('SQLite store specifics', () => {
  it('creates the directory, uses WAL, records the schema version, and leaves no WAL file after close', async () => {
    const path = freshFile();
    const store = await openSqliteStore(path);
    expect(store.file).toBe(path);
    await store.appendUpdate('ledger', bytes(1));
    await withRawDb(path, async (db) => {
      expect(await db.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await db.all("SELECT value FROM meta WHERE key = 'schema_version'")).toEqual([{ value: '1' }]);
      expect(await db.all("SELECT typeof(data) AS t FROM room_updates")).toEqual([{ t: 'blob' }]);
    });
    await store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a database written by a newer schema version, and a file that is not a database', async () => {
    const path = freshFile();
    await (await openSqliteStore(path)).close();
    await withRawDb(path, (db) => db.run("UPDATE meta SET value = '99' WHERE key = 'schema_version'"));
    await expect(openSqliteStore(path)).rejects.toThrow(/版本 99 高于/);
    const junk = join(path, '..', 'junk.sqlite');
    writeFileSync(junk, 'this is not a database, just some text '.repeat(200));
    await expect(openSqliteStore(junk)).rejects.toThrow(/SQLITE_NOTADB/);
  });

  it('a multi-statement write that fails midway is undone alone (savepoint): compaction and audit stay atomic', async () => {
    const path = freshFile();
    const store = await openSqliteStore(path);
    try {
      await store.appendUpdate('poison', bytes(1));
      await store.appendAudit([audit('C1')]);
      await withRawDb(path, async (db) => {
        await db.run("CREATE TRIGGER poison_snapshot BEFORE INSERT ON room_updates WHEN NEW.room = 'poison' AND NEW.snapshot = 1 BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
        await db.run("CREATE TRIGGER poison_audit BEFORE INSERT ON audit WHEN NEW.note = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
      });
      const results = await Promise.allSettled([
        store.compactRoom('poison', bytes(2)), // DELETE succeeds, INSERT fails: the DELETE must be undone
        store.appendAudit([audit('C2'), audit('C2', { note: 'poison' })]), // first row inserted, second fails
        store.appendUpdate('ledger', bytes(3)),
        store.appendAudit([audit('C3')]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled', 'fulfilled']);
      expect(String((results[0] as PromiseRejectedResult).reason)).toContain('poisoned');
      expect(await store.loadRoom('poison')).toEqual([bytes(1)]);
      expect(await store.roomStats('poison')).toEqual({ updates: 1, bytes: 12 });
      expect((await store.audit({ limit: 10 })).map((a) => [a.id, a.caseId])).toEqual([[1, 'C1'], [2, 'C3']]);
      expect(await store.loadRoom('ledger')).toEqual([bytes(3)]);
    } finally {
      await store.close();
    }
  });

  it('a batch that cannot commit (write lock held elsewhere) rejects all its writes, logs, stores nothing; later writes work', async () => {
    const path = freshFile();
    const logged: string[] = [];
    const store = await openSqliteStore(path, { busyTimeoutMs: 200, log: (m) => logged.push(m) });
    try {
      await store.putUnit(unit('u1'));
      const commits = store.commits;
      await withRawDb(path, async (db) => {
        await db.run('BEGIN IMMEDIATE');
        const results = await Promise.allSettled([store.appendUpdate('ledger', bytes(1)), store.setCounter('c', 1), store.putUnit(unit('u2'))]);
        expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
        expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/SQLITE_BUSY/);
        await db.run('ROLLBACK');
      });
      expect(logged).toEqual([expect.stringContaining('3 个写入被拒绝')]);
      expect(store.commits).toBe(commits);
      expect(await store.loadRoom('ledger')).toEqual([]);
      expect(await store.counters()).toEqual(new Map());
      await store.appendUpdate('ledger', bytes(2));
      expect(await store.loadRoom('ledger')).toEqual([bytes(2)]);
      expect((await store.units()).map((u) => u.id)).toEqual(['u1']);
    } finally {
      await store.close();
    }
  });

  it('flush rejects when a write it waits for failed', async () => {
    const path = freshFile();
    const store = await openSqliteStore(path, { busyTimeoutMs: 50, log: () => undefined });
    try {
      await withRawDb(path, async (db) => {
        await db.run('BEGIN IMMEDIATE');
        const write = store.appendUpdate('ledger', bytes(1));
        await expect(store.flush()).rejects.toThrow('1 个写入未能持久化');
        await expect(write).rejects.toThrow(/SQLITE_BUSY/);
        await db.run('ROLLBACK');
      });
    } finally {
      await store.close();
    }
  });
});
