// The store contract, part 2 (every Store implementation): atomic units (appendAll), halt and probe, aggregated audit rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoreWrite } from '../../../sync-server/store/store';
import { StoreHaltedError } from '../../../sync-server/store/store';
import { audit, bytes, dump, supervision, unit, user } from './store-fixtures';

/** Opens a fresh, empty store. */
export type OpenStore = () => Promise<Store>;

/** Every kind of write a unit may hold, for case `caseId` (the unit u1 must exist for the user). */
function fullUnit(caseId: string, tag: number): StoreWrite[] {
  return [
    { kind: 'update', room: 'ledger', update: bytes(tag) },
    { kind: 'audit', rows: [audit(caseId, { note: `单元${tag}-1` }), audit(caseId, { note: `单元${tag}-2` })] },
    { kind: 'counter', name: 'case:2026', value: tag },
    { kind: 'unit', row: unit('u2') },
    { kind: 'user', row: user(`a${tag}`, 'u1') },
    { kind: 'supervision', row: supervision(`〔2026〕督${tag}号`, caseId) },
    { kind: 'meta', key: 'title', value: `台账${tag}` },
  ];
}

/** A unit that fails inside (the user's unit does not exist), after writes that would succeed alone. */
const failingUnit = (caseId: string): StoreWrite[] => [
  { kind: 'update', room: 'ledger', update: bytes(90) },
  { kind: 'audit', rows: [audit(caseId)] },
  { kind: 'user', row: user('bad', 'nope') },
];

const reasonOf = (r: PromiseSettledResult<void>): string => String((r as PromiseRejectedResult).reason);

export function unitsContract(name: string, open: OpenStore): void {
  describe(`Store contract, units and halting: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
      await store.putUnit(unit('u1'));
    });
    afterEach(async () => {
      await store.close();
    });

    it('STORE5: appendAll stores every kind of row as one unit, in order with the writes queued around it', async () => {
      await Promise.all([
        store.appendUpdate('ledger', bytes(1)),
        store.appendAudit([audit('C0')]),
        store.appendAll(fullUnit('C1', 2)),
        store.appendUpdate('ledger', bytes(3)),
        store.appendAudit([audit('C2'), audit('C2')]),
        store.appendAudit([audit('C3')]),
        store.setMeta('title', '最后写入'),
      ]);
      expect(await store.loadRoom('ledger')).toEqual([bytes(1), bytes(2), bytes(3)]);
      const rows = await store.audit({ limit: 10 });
      expect(rows.map((a) => [a.id, a.caseId, a.note])).toEqual([
        [1, 'C0', null],
        [2, 'C1', '单元2-1'],
        [3, 'C1', '单元2-2'],
        [4, 'C2', null],
        [5, 'C2', null],
        [6, 'C3', null],
      ]);
      expect(await store.counters()).toEqual(new Map([['case:2026', 2]]));
      expect((await store.units()).map((u) => u.id)).toEqual(['u1', 'u2']);
      expect(await store.user('a2')).toEqual(user('a2', 'u1'));
      expect(await store.supervisions('C1')).toEqual([supervision('〔2026〕督2号', 'C1')]);
      expect(await store.meta('title')).toBe('最后写入'); // the later setMeta wins over the unit's
      await expect(store.appendAll([])).resolves.toBeUndefined();
      expect(store.halted).toBeNull();
    });

    it('STORE5: a write failing inside a unit fails its whole batch: nothing of the batch is stored, every write rejects', async () => {
      const before = await dump(store);
      const results = await Promise.allSettled([
        store.appendUpdate('ledger', bytes(1)),
        store.setCounter('case:2026', 7),
        store.appendAll(failingUnit('C1')),
        store.appendAudit([audit('C2')]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      expect(reasonOf(results[2] as PromiseSettledResult<void>)).toMatch(
        /写入单元中的一项（用户 bad）失败.*FOREIGN KEY.*整批写入已撤销/,
      );
      expect(await dump(store)).toEqual(before);
    });

    it('STORE5: an invalid write refuses the whole unit when called: nothing is queued, the store does not halt', async () => {
      const before = await dump(store);
      const update = bytes(1);
      await expect(
        store.appendAll([
          { kind: 'update', room: 'ledger', update },
          { kind: 'counter', name: 'n', value: 1.5 },
        ]),
      ).rejects.toThrow(/写入单元的第 2 项无效：计数器 n 的值必须是安全整数/);
      await expect(store.appendAll([{ kind: 'compact', room: 'ledger' } as never])).rejects.toThrow(
        '未知的写入类型：compact',
      );
      await expect(store.appendAll([{ kind: 'meta', key: 'schema_version', value: '9' }])).rejects.toThrow(
        'schema_version',
      );
      await expect(store.appendAll([{ kind: 'audit', rows: [{ ...audit('C1'), count: 0 }] }])).rejects.toThrow(
        RangeError,
      );
      await expect(store.appendAll('ledger' as never)).rejects.toThrow('写入单元必须是数组');
      expect(store.halted).toBeNull();
      expect(await dump(store)).toEqual(before);

      const p = store.appendAll([{ kind: 'update', room: 'ledger', update }]);
      update.fill(0); // copied when called, like appendUpdate
      await p;
      expect(await store.loadRoom('ledger')).toEqual([bytes(1)]);
    });

    it('STORE6: after a failed batch the store halts: every new write rejects with StoreHaltedError until probe() succeeds', async () => {
      await store.appendUpdate('ledger', bytes(1));
      const failed = await Promise.allSettled([store.appendAll(failingUnit('C1'))]);
      const cause = store.halted;
      expect(cause?.message).toMatch(/用户 bad/);
      expect(reasonOf(failed[0] as PromiseSettledResult<void>)).toBe(String(cause));

      const refused = await Promise.allSettled([
        store.appendUpdate('ledger', bytes(2)),
        store.appendAll([{ kind: 'counter', name: 'c', value: 1 }]),
        store.putUnit(unit('u9')),
      ]);
      for (const r of refused) {
        expect(r.status).toBe('rejected');
        const e = (r as PromiseRejectedResult).reason as StoreHaltedError;
        expect(e).toBeInstanceOf(StoreHaltedError);
        expect(e.code).toBe('STORE_HALTED');
        expect(e.cause).toBe(cause);
        expect(e.message).toMatch(/^存储已暂停写入：此前一批写入未能保存（写入单元中的一项（用户 bad）失败/);
      }
      expect(await store.loadRoom('ledger')).toEqual([bytes(1)]); // reads go on
      expect((await store.units()).map((u) => u.id)).toEqual(['u1']);

      expect(await store.probe()).toBe(true);
      expect(store.halted).toBeNull();
      await store.appendAll([
        { kind: 'update', room: 'ledger', update: bytes(3) },
        { kind: 'counter', name: 'c', value: 1 },
      ]);
      expect(await store.loadRoom('ledger')).toEqual([bytes(1), bytes(3)]);
      expect(await store.counters()).toEqual(new Map([['c', 1]]));
    });

    it('STORE6: probe() on a working store is a health check: it records the time and changes nothing else', async () => {
      const before = await dump(store);
      expect(await Promise.all([store.probe(), store.probe()])).toEqual([true, true]);
      expect(await dump(store)).toEqual(before);
      expect(await store.meta('probe')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      await Promise.all([
        store.appendUpdate('ledger', bytes(1)),
        store.probe(),
        store.appendUpdate('ledger', bytes(2)),
      ]);
      expect(await store.loadRoom('ledger')).toEqual([bytes(1), bytes(2)]);
      await store.close();
      expect(await store.probe()).toBe(false); // closed: false, never a rejection
    });

    it('SYNC11: audit rows carry count and lastAt: 1 and null by default, aggregated rows round-trip, a bad count is refused', async () => {
      await store.appendAudit([
        audit('C1'),
        audit('C1', { accepted: false, code: 'READ_ONLY', count: 37, lastAt: '2026-03-02T10:45:00+08:00' }),
      ]);
      await store.appendAll([
        { kind: 'audit', rows: [audit('C2', { count: 2, lastAt: '2026-03-02T11:00:00+08:00' })] },
      ]);
      const rows = await store.audit({ limit: 10 });
      expect(rows.map((a) => [a.caseId, a.count, a.lastAt])).toEqual([
        ['C1', 1, null],
        ['C1', 37, '2026-03-02T10:45:00+08:00'],
        ['C2', 2, '2026-03-02T11:00:00+08:00'],
      ]);
      for (const count of [0, -1, 1.5, Number.NaN, '3' as never]) {
        await expect(store.appendAudit([audit('C9', { count })])).rejects.toThrow('count 必须是不小于 1 的整数');
      }
      await expect(store.appendAudit([audit('C9', { lastAt: 5 as never })])).rejects.toThrow('审计最后时间');
      expect(await store.audit({ caseId: 'C9', limit: 10 })).toEqual([]);
      expect(store.halted).toBeNull();
    });
  });
}
