// STORE42: a large compaction snapshot reaches SQLite in pieces (no large bind on the event loop), atomic under kill -9.
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { SNAPSHOT_PIECE_BYTES } from '../../../sync-server/store/sqlite-snapshot';
import { bigSnapshot } from './snapshot-bytes';
import { runUntilKilled } from './kill-child';
import { tempDir, withRawDb } from './store-fixtures';

const CHILD = join(import.meta.dirname, 'snapshot-crash-child.ts');
const { dir, cleanup } = tempDir('sqlite-snapshot-');
afterAll(cleanup);
afterEach(() => vi.restoreAllMocks());

const OLD_PARTS = [...[0, 1, 2, 3, 4].map((i) => new Uint8Array([i, 0, 255]))];

/** The largest Buffer handed to sqlite3 in one call while `fn` runs. */
async function largestBind(fn: () => Promise<void>): Promise<number> {
  let largest = 0;
  const measure = (args: unknown[]) => {
    for (const a of args.flat()) if (Buffer.isBuffer(a)) largest = Math.max(largest, a.length);
  };
  for (const proto of [sqlite3.Statement.prototype, sqlite3.Database.prototype] as const) {
    const run = proto.run as (...a: unknown[]) => unknown;
    vi.spyOn(proto, 'run').mockImplementation(function (this: unknown, ...args: unknown[]) {
      measure(args);
      return run.apply(this, args);
    } as never);
  }
  await fn();
  return largest;
}

/** Runs the child until it prints `until`, then SIGKILLs it; anything on its stderr fails the test. */
async function killAt(file: string, stopAt: string, until: string): Promise<NodeJS.Signals | null> {
  const { signal, stderr } = await runUntilKilled(CHILD, [file, stopAt], (line) => line === until);
  if (stderr !== '') throw new Error(stderr);
  return signal;
}

describe('STORE42 large snapshots in pieces (SQLite)', () => {
  it('STORE42: a compaction binds no value larger than one piece, and the snapshot reads back whole', async () => {
    const store = await openSqliteStore(join(dir, 'bind.sqlite'));
    try {
      const snapshot = bigSnapshot(10 * SNAPSHOT_PIECE_BYTES + 3, 7);
      const largest = await largestBind(() => store.compactRoom('ledger', snapshot, [new Uint8Array([1])]));
      expect(largest).toBeGreaterThan(0);
      expect(largest).toBeLessThanOrEqual(SNAPSHOT_PIECE_BYTES);
      expect(await store.loadRoom('ledger')).toEqual([
        bigSnapshot(10 * SNAPSHOT_PIECE_BYTES + 3, 7),
        new Uint8Array([1]),
      ]);
    } finally {
      await store.close();
    }
  });

  it('STORE42: in a ledger file whose text encoding is UTF-16 a large snapshot is stored byte for byte too', async () => {
    const file = join(dir, 'utf16.sqlite');
    await new Promise<void>((resolve, reject) => {
      const db = new sqlite3.Database(file, (e) => {
        if (e) return reject(e);
        db.exec("PRAGMA encoding = 'UTF-16le'; CREATE TABLE other (x TEXT);", (err) =>
          db.close(() => (err ? reject(err) : resolve())),
        );
      });
    });
    const store = await openSqliteStore(file);
    try {
      await withRawDb(file, async (db) => expect(await db.all('PRAGMA encoding')).toEqual([{ encoding: 'UTF-16le' }]));
      await store.compactRoom('ledger', bigSnapshot(2 * SNAPSHOT_PIECE_BYTES + 3, 9));
      expect(await store.loadRoom('ledger')).toEqual([bigSnapshot(2 * SNAPSHOT_PIECE_BYTES + 3, 9)]);
    } finally {
      await store.close();
    }
  });

  it.each([
    { stopAt: 'piece', when: 'between two pieces' },
    { stopAt: 'commit', when: 'after the pieces are joined, before COMMIT' },
  ])(
    'STORE42, STORE5: a kill -9 $when leaves the old parts, whole, and the next compaction works',
    async ({ stopAt }) => {
      const file = join(dir, `kill-${stopAt}.sqlite`);
      expect(await killAt(file, stopAt, 'stopped')).toBe('SIGKILL');
      const store = await openSqliteStore(file);
      try {
        expect(await store.loadRoom('ledger')).toEqual(OLD_PARTS);
        expect(await store.loadRoom('unit:u1')).toEqual([new Uint8Array([9])]);
        await store.compactRoom('ledger', bigSnapshot(2 * SNAPSHOT_PIECE_BYTES + 1, 8));
        expect(await store.loadRoom('ledger')).toEqual([bigSnapshot(2 * SNAPSHOT_PIECE_BYTES + 1, 8)]);
      } finally {
        await store.close();
      }
      await withRawDb(file, async (db) =>
        expect(await db.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]),
      );
    },
  );

  it('STORE42, STORE1: a kill -9 after the compaction was acknowledged leaves the new snapshot and the later update', async () => {
    const file = join(dir, 'kill-after.sqlite');
    expect(await killAt(file, 'none', 'compacted')).toBe('SIGKILL');
    const store = await openSqliteStore(file);
    try {
      expect(await store.loadRoom('ledger')).toEqual([
        bigSnapshot(4 * SNAPSHOT_PIECE_BYTES + 7, 5),
        new Uint8Array([42]),
      ]);
    } finally {
      await store.close();
    }
  });
});
