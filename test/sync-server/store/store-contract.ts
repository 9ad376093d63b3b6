// The one contract every Store implementation passes (SQLite file and in-memory); SQLite-only checks branch on `file`.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Store } from '../../../sync-server/store/store';
import {
  audit,
  bytes,
  dump,
  holidayYear,
  nextTurn,
  supervision,
  tempDir,
  unit,
  user,
  withRawDb,
} from './store-fixtures';

export interface StoreUnderTest {
  store: Store;
  /** Opens the same storage again after `store.close()` (durable stores only). */
  reopen?: () => Promise<Store>;
  /** Batches committed so far by `store` (SQLite: successful COMMITs). */
  commits: () => number;
  /** Present when `store` is backed by a SQLite file: enables second-connection checks and backup. */
  file?: { path: string; openStore: (path: string) => Promise<Store> };
}

export function storeContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let t: StoreUnderTest;
    let store: Store;
    const extra: Store[] = [];

    beforeEach(async () => {
      t = await open();
      store = t.store;
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await store.close();
    });

    it('SYNC6: returns appended updates per room, in order', async () => {
      await Promise.all([1, 2, 3].map((i) => store.appendUpdate('ledger', bytes(i))));
      await store.appendUpdate('unit:u1', bytes(9, 40));
      await store.appendUpdate('ledger', bytes(4));
      expect(await store.loadRoom('ledger')).toEqual([1, 2, 3, 4].map((i) => bytes(i)));
      expect(await store.loadRoom('unit:u1')).toEqual([bytes(9, 40)]);
      expect(await store.loadRoom('unit:none')).toEqual([]);
      expect(await store.listRooms()).toEqual(['ledger', 'unit:u1']);
      expect(await store.roomStats('ledger')).toEqual({ updates: 4, bytes: 48 });
      expect(await store.roomStats('unit:none')).toEqual({ updates: 0, bytes: 0 });
    });

    it('STORE1: copies update bytes when called: later mutation by the caller does not leak in', async () => {
      const u = bytes(1);
      const p = store.appendUpdate('ledger', u);
      u.fill(0);
      await p;
      expect(await store.loadRoom('ledger')).toEqual([bytes(1)]);
    });

    it('STORE4: compaction keeps the Y.Doc: queued appends before it are covered, appends after it are kept', async () => {
      const doc = new Y.Doc();
      const pending: Promise<void>[] = [];
      doc.on('update', (u: Uint8Array) => pending.push(store.appendUpdate('ledger', u)));
      const cases = doc.getMap<Y.Map<unknown>>('cases');
      const edit = (i: number): void =>
        doc.transact(() => {
          const c = cases.get(`c${i % 7}`) ?? new Y.Map<unknown>();
          if (!cases.has(`c${i % 7}`)) cases.set(`c${i % 7}`, c);
          c.set('status', i % 2 === 0 ? 'assigned' : 'handling');
          c.set(`note${i}`, `第${i}次修改`);
          doc.getText('log').insert(0, `${i};`);
        });
      for (let i = 0; i < 10; i++) edit(i);
      await Promise.all(pending); // committed before the compaction
      for (let i = 10; i < 25; i++) edit(i); // queued in the same tick as the compaction: covered by the snapshot
      pending.push(store.compactRoom('ledger', Y.encodeStateAsUpdate(doc)));
      for (let i = 25; i < 30; i++) edit(i); // queued after: kept
      await Promise.all(pending);
      await store.appendUpdate('unit:u1', bytes(5));

      const blobs = await store.loadRoom('ledger');
      expect(blobs).toHaveLength(1 + 5);
      const stats = await store.roomStats('ledger');
      expect(stats.updates).toBe(5);
      expect(stats.bytes).toBe(blobs.slice(1).reduce((n, b) => n + b.byteLength, 0));
      const copy = new Y.Doc();
      for (const b of blobs) Y.applyUpdate(copy, b);
      expect(copy.getMap('cases').toJSON()).toEqual(doc.getMap('cases').toJSON());
      expect(copy.getText('log').toString()).toBe(doc.getText('log').toString());
      expect(await store.loadRoom('unit:u1')).toEqual([bytes(5)]);
    });

    it('STORE30: a compaction stores the updates accepted after its snapshot again, after it, in order', async () => {
      await store.appendUpdate('ledger', bytes(1));
      await store.compactRoom('ledger', bytes(2, 40), [bytes(3), bytes(4, 20)]);
      await store.appendUpdate('ledger', bytes(5));
      expect(await store.loadRoom('ledger')).toEqual([bytes(2, 40), bytes(3), bytes(4, 20), bytes(5)]);
      expect((await store.roomStats('ledger')).updates).toBe(3);
    });

    it('STORE5, STORE10: round-trips counters and meta; refuses bad counters and the reserved schema_version key', async () => {
      await Promise.all([
        store.setCounter('case:2026', 14),
        store.setCounter('supervision:2026', 2),
        store.setMeta('title', '台账'),
      ]);
      await store.setCounter('case:2026', 15);
      expect(await store.counters()).toEqual(
        new Map([
          ['case:2026', 15],
          ['supervision:2026', 2],
        ]),
      );
      expect(await store.meta('title')).toBe('台账');
      expect(await store.meta('missing')).toBeNull();
      expect(await store.meta('schema_version')).toBe('4');
      await expect(store.setCounter('x', 1.5)).rejects.toThrow(RangeError);
      await expect(store.setMeta('schema_version', '9')).rejects.toThrow('schema_version');
      expect(await store.meta('schema_version')).toBe('4');
    });

    it('STORE5: round-trips units and users; put updates in place; revoke is a put with revokedAt', async () => {
      await store.putUnit(unit('u2'));
      await Promise.all([store.putUnit(unit('u1')), store.putUser(user('a1', 'u1')), store.putUser(user('o1', null))]);
      await store.putUnit({ ...unit('u1'), name: '市市场监管局', contact: null });
      await store.putUser({ ...user('a1', 'u1'), revokedAt: '2026-04-01T08:00:00+08:00' });
      expect(await store.units()).toEqual([{ ...unit('u1'), name: '市市场监管局', contact: null }, unit('u2')]);
      expect(await store.users()).toEqual([
        { ...user('a1', 'u1'), revokedAt: '2026-04-01T08:00:00+08:00' },
        user('o1', null),
      ]);
      expect(await store.user('o1')).toEqual(user('o1', null));
      expect(await store.user('nobody')).toBeNull();
      await expect(store.putUser({ ...user('x', null), role: 'admin' as never })).rejects.toThrow('角色');
    });

    it('STORE6: refuses a user whose unit does not exist, alone: the rest of its batch commits', async () => {
      const results = await Promise.allSettled([
        store.appendUpdate('ledger', bytes(1)),
        store.putUser(user('bad', 'nope')),
        store.putUnit(unit('u1')),
        store.putUser(user('good', 'u1')),
        store.appendUpdate('ledger', bytes(2)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/用户 bad.*FOREIGN KEY/);
      expect((await store.users()).map((u) => u.id)).toEqual(['good']);
      expect(await store.loadRoom('ledger')).toEqual([bytes(1), bytes(2)]);
      await expect(store.flush()).resolves.toBeUndefined();
    });

    it('STORE5: round-trips supervisions, filtered by case, updated by code', async () => {
      await store.putUnit(unit('u1'));
      await Promise.all([
        store.putSupervision(supervision('〔2026〕督2号', 'C2', { issuedAt: '2026-03-06T09:00:00+08:00' })),
        store.putSupervision(supervision('〔2026〕督1号', 'C1')),
      ]);
      const replied = supervision('〔2026〕督1号', 'C1', { repliedAt: '2026-03-07T09:00:00+08:00', reply: '已整改' });
      await store.putSupervision(replied);
      expect(await store.supervisions()).toEqual([
        replied,
        supervision('〔2026〕督2号', 'C2', { issuedAt: '2026-03-06T09:00:00+08:00' }),
      ]);
      expect(await store.supervisions('C1')).toEqual([replied]);
      expect(await store.supervisions('none')).toEqual([]);
    });

    it('WF19, STORE5: audit: ascending ids, JSON values, query by caseId/afterId/limit; rows are copied when appended', async () => {
      const changing = { list: ['a'] };
      const first = [
        audit('C1', { field: 'status', old: null, new: { list: ['x', 1, true] } }),
        audit('C2', { old: changing, new: 3.5 }),
      ];
      const p = store.appendAudit(first);
      changing.list.push('mutated');
      await p;
      await store.appendAudit([
        audit('C1', { accepted: false, code: 'FORBIDDEN', note: '无权限', old: undefined, new: '中文' }),
      ]);
      await store.appendAudit([]);
      const all = await store.audit({ limit: 100 });
      expect(all.map((a) => a.id)).toEqual([1, 2, 3]);
      expect(all[0]).toEqual({ id: 1, ...first[0], count: 1, lastAt: null });
      expect(all[1]?.old).toEqual({ list: ['a'] });
      expect(all[2]).toMatchObject({ accepted: false, code: 'FORBIDDEN', note: '无权限', new: '中文' });
      expect(all[2]?.old).toBeUndefined();
      expect((await store.audit({ caseId: 'C1', limit: 100 })).map((a) => a.id)).toEqual([1, 3]);
      expect((await store.audit({ afterId: 1, limit: 100 })).map((a) => a.id)).toEqual([2, 3]);
      expect((await store.audit({ caseId: 'C1', afterId: 1, limit: 100 })).map((a) => a.id)).toEqual([3]);
      expect((await store.audit({ limit: 2 })).map((a) => a.id)).toEqual([1, 2]);
      expect(await store.audit({ limit: 0 })).toEqual([]);
      await expect(store.audit({ limit: -1 })).rejects.toThrow(RangeError);
      await expect(store.appendAudit([audit('C9'), { ...audit('C9'), old: 10n }])).rejects.toThrow('JSON');
      expect(await store.audit({ caseId: 'C9', limit: 10 })).toEqual([]); // all or nothing
    });

    it('STORE2: audit is append-only: no method changes it, and (SQLite) the schema refuses UPDATE and DELETE', async () => {
      const methods: string[] = [];
      for (let proto = Object.getPrototypeOf(store); proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
        methods.push(...Object.getOwnPropertyNames(proto).filter((m) => /audit/i.test(m)));
      }
      expect(methods.sort()).toEqual(['appendAudit', 'audit']);
      await store.appendAudit([audit('C1')]);
      if (t.file) {
        await withRawDb(t.file.path, async (db) => {
          await expect(db.run("UPDATE audit SET note = 'x'")).rejects.toThrow('append-only');
          await expect(db.run('DELETE FROM audit')).rejects.toThrow('append-only');
        });
      }
      expect(await store.audit({ limit: 10 })).toEqual([{ id: 1, ...audit('C1'), count: 1, lastAt: null }]);
    });

    it('SYNC5: reads always see the latest commits: no read pins an old snapshot (SQLite: the WAL can be checkpointed)', async () => {
      await store.putUnit(unit('u1'));
      await Promise.all([
        store.putUser(user('a1', 'u1')),
        store.setMeta('title', 'A'),
        store.appendUpdate('ledger', bytes(1)),
      ]);
      const readAll = () =>
        Promise.all([
          store.loadRoom('ledger'),
          store.roomStats('ledger'),
          store.user('a1'),
          store.meta('title'),
          store.listRooms(),
          store.counters(),
          store.units(),
          store.users(),
          store.audit({ limit: 10 }),
          store.supervisions(),
        ]);
      await readAll();
      await Promise.all([
        store.appendUpdate('ledger', bytes(2)),
        store.setMeta('title', 'B'),
        store.putUser({ ...user('a1', 'u1'), name: '新名' }),
      ]);
      const [room, stats, a1, title] = await readAll();
      expect([room.length, stats.updates, a1?.name, title]).toEqual([2, 2, '新名', 'B']);
      if (t.file) {
        const [cp] = await withRawDb(t.file.path, (db) =>
          db.all<{ busy: number; log: number; checkpointed: number }>('PRAGMA wal_checkpoint(TRUNCATE)'),
        );
        expect(cp?.busy).toBe(0);
      }
    });

    it('STORE1, SYNC5: a write resolves only after its commit (SQLite: a second connection already sees it)', async () => {
      let done = false;
      const p = store.appendUpdate('ledger', bytes(0)).then(() => {
        done = true;
      });
      await Promise.resolve();
      await Promise.resolve();
      expect(done).toBe(false); // never synchronously, never within the calling microtask chain
      await p;
      for (let i = 1; i <= 20; i++) {
        await store.appendUpdate('ledger', bytes(i));
        await store.setCounter('seq', i);
        if (t.file) {
          const [rows, counters] = await withRawDb(t.file.path, (db) =>
            Promise.all([
              db.all<{ data: Buffer }>("SELECT data FROM room_updates WHERE room = 'ledger' ORDER BY id"),
              db.all<{ value: number }>("SELECT value FROM counters WHERE name = 'seq'"),
            ]),
          );
          expect(rows).toHaveLength(i + 1);
          expect(new Uint8Array(rows[i]?.data ?? [])).toEqual(bytes(i));
          expect(counters).toEqual([{ value: i }]);
        }
      }
      expect(await store.loadRoom('ledger')).toHaveLength(21);
    });

    it('SYNC5, STORE5: group commit: 1,000 writes in one tick are one batch; writes during a commit form the next batch, in order', async () => {
      const before = t.commits();
      await Promise.all(Array.from({ length: 1000 }, (_, i) => store.appendUpdate('ledger', bytes(i))));
      expect(t.commits() - before).toBe(1);

      const mid = t.commits();
      const first = Array.from({ length: 100 }, (_, i) => store.appendUpdate('unit:u1', bytes(i)));
      await nextTurn(); // the batch of `first` is now running (or done)
      const second = Array.from({ length: 100 }, (_, i) => store.appendUpdate('unit:u1', bytes(100 + i)));
      await Promise.all([...first, ...second]);
      expect(t.commits() - mid).toBe(2);
      expect(await store.loadRoom('unit:u1')).toEqual(Array.from({ length: 200 }, (_, i) => bytes(i)));
    });

    it('STORE1: flush resolves once every queued write is durable; reads then see them', async () => {
      void store.appendUpdate('ledger', bytes(1));
      void store.putUnit(unit('u1'));
      void store.appendAudit([audit('C1')]);
      await store.flush();
      expect(await store.loadRoom('ledger')).toEqual([bytes(1)]);
      expect(await store.units()).toEqual([unit('u1')]);
      expect(await store.audit({ limit: 5 })).toHaveLength(1);
      await expect(store.flush()).resolves.toBeUndefined(); // nothing queued
    });

    it('STORE20: holiday years round-trip ascending, a later upload of a year replaces it, and they join a unit', async () => {
      expect(await store.holidayYears()).toEqual([]);
      await store.putHolidayYear(holidayYear(2028));
      const days = [{ name: '元旦', date: '2027-01-01', isOffDay: true }];
      const row = holidayYear(2027, { days });
      const pending = store.putHolidayYear(row);
      days[0] = { name: '改过', date: '2027-01-02', isOffDay: false }; // the caller's later change does not leak in
      await pending;
      expect(await store.holidayYears()).toEqual([
        holidayYear(2027, { days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }] }),
        holidayYear(2028),
      ]);
      const replaced = holidayYear(2027, {
        uploadedBy: 'o2',
        uploadedByName: '营商办李四',
        uploadedAt: '2026-12-02T09:00:00+08:00',
      });
      await store.appendAll([
        { kind: 'holidayYear', row: replaced },
        { kind: 'audit', rows: [audit('C1')] },
      ]);
      expect((await store.holidayYears()).map((h) => [h.year, h.uploadedByName])).toEqual([
        [2027, '营商办李四'],
        [2028, '营商办张三'],
      ]);
      await expect(store.putHolidayYear(holidayYear(2027.5))).rejects.toThrow('节假日年份');
      await expect(store.putHolidayYear(holidayYear(2029, { uploadedBy: '' }))).rejects.toThrow('上传人');
      expect(await store.holidayYears()).toHaveLength(2);
    });

    it('STORE1: close flushes queued writes, then refuses writes and reads; reopen (durable stores) sees everything', async () => {
      await store.putUnit(unit('u1'));
      const queued = [
        store.appendUpdate('ledger', bytes(1)),
        store.compactRoom('unit:u1', bytes(2, 50)),
        store.appendUpdate('unit:u1', bytes(3)),
        store.appendAudit([audit('C1')]),
        store.setCounter('case:2026', 3),
        store.putUser(user('a1', 'u1')),
        store.putSupervision(supervision('〔2026〕督1号', 'C1')),
        store.setMeta('title', '台账'),
        store.putHolidayYear(holidayYear(2027)),
      ];
      const before = await (async () => {
        await store.flush();
        return dump(store);
      })();
      await store.close();
      await expect(Promise.all(queued)).resolves.toBeDefined();
      await store.close(); // idempotent
      await expect(store.appendUpdate('ledger', bytes(4))).rejects.toThrow('已关闭');
      await expect(store.loadRoom('ledger')).rejects.toThrow('已关闭');
      if (t.reopen) {
        store = await t.reopen();
        expect(await dump(store)).toEqual(before);
        expect((await store.roomStats('unit:u1')).updates).toBe(1);
      }
    });

    it('STORE3: backup (SQLite) is a consistent copy taken while writes continue, that opens as a store', async () => {
      if (!t.file) {
        await expect(store.backup('/tmp/never-written.sqlite')).rejects.toThrow('内存存储不支持备份');
        return;
      }
      const { dir, cleanup } = tempDir('store-backup-');
      try {
        await store.putUnit(unit('u1'));
        await Promise.all([
          store.putUser(user('a1', 'u1')),
          store.appendAudit([audit('C1')]),
          store.setCounter('c', 7),
          store.setMeta('title', 'T'),
        ]);
        await Promise.all(Array.from({ length: 50 }, (_, i) => store.appendUpdate('ledger', bytes(i))));
        const quiet = join(dir, 'nested', 'quiet.sqlite');
        await store.backup(quiet);
        const copy = await t.file.openStore(quiet);
        extra.push(copy);
        expect(await dump(copy)).toEqual(await dump(store));

        const writers = Array.from({ length: 8 }, async (_, w) => {
          for (let i = 0; i < 40; i++) await store.appendUpdate('ledger', bytes(100 + w * 40 + i));
        });
        await new Promise((r) => setTimeout(r, 5));
        const live = join(dir, 'live.sqlite');
        await store.backup(live); // while those writers keep committing batches
        await Promise.all(writers);
        const liveCopy = await t.file.openStore(live);
        extra.push(liveCopy);
        const copied = await liveCopy.loadRoom('ledger');
        expect(copied.length).toBeGreaterThanOrEqual(50);
        expect(copied).toEqual((await store.loadRoom('ledger')).slice(0, copied.length)); // a prefix: committed batches only
      } finally {
        cleanup();
      }
    });
  });
}
