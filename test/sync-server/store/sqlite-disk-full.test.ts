// STORE5/STORE6 on a real full disk: a small tmpfs filled to the last byte (or, where mounting is not permitted, a page cap).
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../sync-server/store/sqlite-db';
import { sqliteCode } from '../../../sync-server/store/sqlite-db';
import type { SqliteStore } from '../../../sync-server/store/sqlite-store';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { StoreHaltedError } from '../../../sync-server/store/store';
import type { StoreWrite } from '../../../sync-server/store/store';
import type { DiskPath } from '../disk';
import { fillDisk, mountSmallDisk, unmount } from '../disk';
import { audit, bytes, dump, nextTurn, tempDir, unit } from './store-fixtures';

const { dir: root, cleanup } = tempDir('store-disk-full-');
const mountPoint = join(root, 'small-disk');
let path: DiskPath = 'max_page_count';

beforeAll(() => {
  mkdirSync(mountPoint);
  path = mountSmallDisk(mountPoint, '2m');
  console.info(
    `[STORE6 disk-full test] path: ${path === 'tmpfs' ? 'tmpfs of 2 MiB filled by a filler file' : 'PRAGMA max_page_count on the writer (mounting not permitted)'}`,
  );
});
afterAll(() => {
  if (path === 'tmpfs') unmount(mountPoint);
  cleanup();
});

/** A command's writes as one unit: the room update, its audit rows, the counter (64 KiB: more than any free space). */
const commandUnit = (tag: number): StoreWrite[] => [
  { kind: 'update', room: 'ledger', update: bytes(tag, 64 * 1024) },
  { kind: 'audit', rows: [audit(`C${tag}`), audit(`C${tag}`, { field: 'status' })] },
  { kind: 'counter', name: 'case:2026', value: tag },
];

describe('STORE6: a real full disk', () => {
  it('STORE5/STORE6: the failing batch leaves nothing, the store halts, queued and new writes reject; freeing space and probe() resume it', async () => {
    const file = join(mountPoint, 'data', 'ledger.sqlite');
    let writer: Connection | null = null;
    const logged: string[] = [];
    const store: SqliteStore = await openSqliteStore(file, {
      log: (m) => logged.push(m),
      onWriter: async (c) => {
        writer = c;
      },
    });
    const filler = join(mountPoint, 'filler');
    const fill = async () => {
      if (path === 'tmpfs') fillDisk(filler);
      else await writer?.get('PRAGMA max_page_count = 1'); // SQLite keeps at least the current size: no new page
    };
    const free = async () => {
      if (path === 'tmpfs') rmSync(filler);
      else await writer?.get('PRAGMA max_page_count = 1073741823');
    };
    try {
      await store.putUnit(unit('u1'));
      await store.appendAll(commandUnit(1).map((w) => (w.kind === 'update' ? { ...w, update: bytes(1) } : w)));
      const baseline = await dump(store);

      await fill();
      const failing = [store.appendAll(commandUnit(2)), store.appendUpdate('unit:u1', bytes(3))];
      await nextTurn(); // that batch is running now; this write waits behind it
      const queued = store.setCounter('case:2026', 3);
      const results = await Promise.allSettled([...failing, queued]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(sqliteCode(store.halted)).toBe('SQLITE_FULL');
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(StoreHaltedError);
      await expect(store.appendAll(commandUnit(4))).rejects.toThrow(
        /^存储已暂停写入：此前一批写入未能保存（SQLITE_FULL/,
      );
      expect(logged).toEqual([expect.stringMatching(/2 个写入被拒绝.*存储暂停写入/)]);
      // Under a page cap a one-row write into a page that exists still fits; on a full file system the WAL cannot grow.
      if (path === 'tmpfs') expect(await store.probe()).toBe(false);
      expect(await dump(store)).toEqual(baseline);

      await free();
      expect(await store.probe()).toBe(true);
      expect(store.halted).toBeNull();
      await store.appendAll(commandUnit(2)); // the caller sends its unit again
      await store.close();

      const reopened = await openSqliteStore(file);
      try {
        const blobs = await reopened.loadRoom('ledger');
        expect(blobs).toEqual([bytes(1), bytes(2, 64 * 1024)]);
        expect(await reopened.loadRoom('unit:u1')).toEqual([]);
        expect((await reopened.audit({ limit: 10 })).map((a) => [a.id, a.caseId])).toEqual([
          [1, 'C1'],
          [2, 'C1'],
          [3, 'C2'],
          [4, 'C2'],
        ]);
        expect(await reopened.counters()).toEqual(new Map([['case:2026', 2]]));
      } finally {
        await reopened.close();
      }
    } finally {
      await store.close();
      rmSync(filler, { force: true });
    }
  });
});
