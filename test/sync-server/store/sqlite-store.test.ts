// Runs the store contract against the SQLite store, plus what only SQLite has: pragmas, schema versions, failed batches.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../sync-server/store/sqlite-schema';
import type { SqliteStore } from '../../../sync-server/store/sqlite-store';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { StoreHaltedError, StoreOpenError } from '../../../sync-server/store/store';
import { storeContract } from './store-contract';
import { unitsContract } from './store-contract-units';
import { caseStatesContract } from './store-contract-case-states';
import { roomMarksContract } from './store-contract-marks';
import { snapshotsContract } from './store-contract-snapshots';
import { audit, bytes, nextTurn, tempDir, unit, withRawDb } from './store-fixtures';

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

unitsContract('sqlite', () => openSqliteStore(freshFile(), { log: () => undefined }));
caseStatesContract(
  'sqlite',
  () => openSqliteStore(freshFile(), { log: () => undefined }),
  (s) => openSqliteStore((s as SqliteStore).file, { log: () => undefined }),
);
roomMarksContract(
  'sqlite',
  () => openSqliteStore(freshFile(), { log: () => undefined }),
  async (s) => {
    await s.close();
    return openSqliteStore((s as SqliteStore).file, { log: () => undefined });
  },
);

snapshotsContract(
  'sqlite',
  () => openSqliteStore(freshFile(), { log: () => undefined }),
  (s) => openSqliteStore((s as SqliteStore).file, { log: () => undefined }),
);

describe('SQLite store specifics', () => {
  it('STORE10: creates the directory, uses WAL, records the schema version, and leaves no WAL file after close', async () => {
    const path = freshFile();
    const store = await openSqliteStore(path);
    expect(store.file).toBe(path);
    await store.appendUpdate('ledger', bytes(1));
    await withRawDb(path, async (db) => {
      expect(await db.all('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await db.all("SELECT value FROM meta WHERE key = 'schema_version'")).toEqual([{ value: '4' }]);
      expect(await db.all('SELECT typeof(data) AS t FROM room_updates')).toEqual([{ t: 'blob' }]);
    });
    await store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('STORE10: refuses a database written by a newer schema version, naming the file, and leaves it as it is', async () => {
    const path = freshFile();
    await (await openSqliteStore(path)).close();
    await withRawDb(path, (db) => db.run("UPDATE meta SET value = '99' WHERE key = 'schema_version'"));
    const refused = openSqliteStore(path);
    await expect(refused).rejects.toBeInstanceOf(StoreOpenError);
    await expect(refused).rejects.toMatchObject({ code: 'NEWER_SCHEMA', file: path });
    await expect(refused).rejects.toThrow(
      `无法打开台账数据库 ${path}：数据库结构版本 99 高于本程序支持的 4，请升级同步服务后再打开。`,
    );
    await withRawDb(path, async (db) =>
      expect(await db.all("SELECT value FROM meta WHERE key = 'schema_version'")).toEqual([{ value: '99' }]),
    );
  });

  it('STORE10, STORE2: a version 1 database upgrades in place: audit rows get count 1 and lastAt null, and stay append-only', async () => {
    const path = freshFile();
    const v1 = await openSqliteStore(path); // creates the directory; the file is then rebuilt as version 1 below
    await v1.close();
    rmSync(path);
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(path, (err) => {
        if (err) return reject(err);
        db.exec(
          `${MIGRATIONS[0]}; INSERT INTO meta VALUES ('schema_version', '1');
          INSERT INTO audit (at, actor_id, actor_name, role, command, accepted) VALUES ('2026-03-02T10:00:00+08:00', 'o1', '张三', 'office', 'register', 1);`,
          (e) => db.close(() => (e ? reject(e) : resolve())),
        );
      });
    });
    const store = await openSqliteStore(path);
    try {
      expect(await store.meta('schema_version')).toBe('4');
      expect(await store.holidayYears()).toEqual([]); // STORE20: v3 adds the table of uploaded holiday years
      expect(await store.caseStates()).toEqual([]); // STORE32: v4 adds the table of case states
      await store.appendAudit([audit('C2', { count: 3, lastAt: '2026-03-02T11:00:00+08:00' })]);
      expect((await store.audit({ limit: 10 })).map((a) => [a.id, a.command, a.count, a.lastAt])).toEqual([
        [1, 'register', 1, null],
        [2, 'assign', 3, '2026-03-02T11:00:00+08:00'],
      ]);
      await withRawDb(path, async (db) => {
        await expect(db.run('UPDATE audit SET count = 2')).rejects.toThrow('append-only');
        await expect(db.run('DELETE FROM audit')).rejects.toThrow('append-only');
        await expect(
          db.run(
            "INSERT INTO audit (at, actor_id, actor_name, role, command, accepted, count) VALUES ('t', 'o', 'n', 'office', 'x', 1, 0)",
          ),
        ).rejects.toThrow('CHECK constraint failed');
      });
    } finally {
      await store.close();
    }
  });

  it('STORE4, STORE6: a multi-statement write that fails midway is undone alone (savepoint): compaction and audit stay atomic', async () => {
    const path = freshFile();
    const store = await openSqliteStore(path);
    try {
      await store.appendUpdate('poison', bytes(1));
      await store.appendAudit([audit('C1')]);
      await withRawDb(path, async (db) => {
        await db.run(
          "CREATE TRIGGER poison_snapshot BEFORE INSERT ON room_updates WHEN NEW.room = 'poison' AND NEW.snapshot = 1 BEGIN SELECT RAISE(ABORT, 'poisoned'); END",
        );
        await db.run(
          "CREATE TRIGGER poison_audit BEFORE INSERT ON audit WHEN NEW.note = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END",
        );
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
      expect((await store.audit({ limit: 10 })).map((a) => [a.id, a.caseId])).toEqual([
        [1, 'C1'],
        [2, 'C3'],
      ]);
      expect(await store.loadRoom('ledger')).toEqual([bytes(3)]);
    } finally {
      await store.close();
    }
  });

  it('STORE6: a batch that cannot commit (write lock held elsewhere) rejects all its writes and halts the store; probe resumes it', async () => {
    const path = freshFile();
    const logged: string[] = [];
    const store = await openSqliteStore(path, { busyTimeoutMs: 300, log: (m) => logged.push(m) });
    try {
      await store.putUnit(unit('u1'));
      const commits = store.commits;
      await withRawDb(path, async (db) => {
        await db.run('BEGIN IMMEDIATE');
        const batch = [store.appendUpdate('ledger', bytes(1)), store.setCounter('c', 1), store.putUnit(unit('u2'))];
        await nextTurn(); // the batch has left the queue and waits for the lock; these queue behind it
        const queued = [
          store.appendUpdate('ledger', bytes(2)),
          store.appendAll([{ kind: 'counter', name: 'c', value: 2 }]),
        ];
        const results = await Promise.allSettled([...batch, ...queued]);
        expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
        expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/SQLITE_BUSY/);
        for (const r of results.slice(3)) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(StoreHaltedError);
        expect(String(store.halted)).toMatch(/SQLITE_BUSY/);
        expect(await store.probe()).toBe(false); // the lock is still held: the probe cannot write either
        await db.run('ROLLBACK');
      });
      expect(logged).toEqual([expect.stringMatching(/3 个写入被拒绝.*存储暂停写入，另有 2 个排队写入被拒绝/)]);
      expect(store.commits).toBe(commits);
      expect(await store.loadRoom('ledger')).toEqual([]);
      expect(await store.counters()).toEqual(new Map());
      await expect(store.appendUpdate('ledger', bytes(3))).rejects.toBeInstanceOf(StoreHaltedError);
      expect(await store.probe()).toBe(true);
      expect(store.halted).toBeNull();
      await store.appendUpdate('ledger', bytes(4));
      expect(await store.loadRoom('ledger')).toEqual([bytes(4)]);
      expect((await store.units()).map((u) => u.id)).toEqual(['u1']);
    } finally {
      await store.close();
    }
  });

  it('STORE6: flush rejects when a write it waits for failed', async () => {
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
