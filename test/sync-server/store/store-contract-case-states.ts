// The store contract, part 3 (every Store implementation): the accepted state of each case (STORE32).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoreWrite } from '../../../sync-server/store/store';
import { audit, bytes, dump, user } from './store-fixtures';
import type { OpenStore } from './store-contract-units';

const state = (id: string, fields: Record<string, unknown>): StoreWrite => ({
  kind: 'caseState',
  row: { id, fields } as never,
});

export function caseStatesContract(name: string, open: OpenStore, reopen?: (s: Store) => Promise<Store>): void {
  describe(`Store contract, case states: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('STORE32: case states are stored with their unit, sorted by id; a later state of a case replaces the earlier one', async () => {
      await Promise.all([
        store.appendAll([
          { kind: 'update', room: 'ledger', update: bytes(1) },
          state('c-2', { status: 'registered', seq: 2 }),
          state('c-1', { status: 'registered', seq: 1, archived: false, dueAt: null }),
        ]),
        // the same tick, another unit: its state of c-2 is the later one
        store.appendAll([state('c-2', { status: 'assigned', seq: 2 }), state('c-2', { status: 'handling', seq: 2 })]),
      ]);
      await store.appendAll([state('c-1', { status: 'assigned', seq: 1, archived: false, dueAt: null })]);
      expect(await store.caseStates()).toEqual([
        { id: 'c-1', fields: { status: 'assigned', seq: 1, archived: false, dueAt: null } },
        { id: 'c-2', fields: { status: 'handling', seq: 2 } },
      ]);
      if (reopen !== undefined) {
        await store.close();
        store = await reopen(store);
        expect((await store.caseStates()).map((r) => r.fields.status)).toEqual(['assigned', 'handling']);
      }
    });

    it('STORE32: hostile field names and odd text are kept exactly: __proto__ stays an own field, lone surrogates survive', async () => {
      const fields = JSON.parse(
        '{"__proto__":"原型","toString":"=HYPERLINK(\\"x\\")","summary":"\\ud800孤\\udfff","n":1.5e300}',
      ) as Record<string, unknown>;
      await store.appendAll([state('__proto__', fields)]);
      const [row] = await store.caseStates();
      expect(row?.id).toBe('__proto__');
      expect(Object.getPrototypeOf(row?.fields)).toBe(Object.prototype);
      expect(Object.entries(row?.fields ?? {})).toEqual(Object.entries(fields));
    });

    it('STORE32, STORE5: a state that is not an object of plain values refuses its whole unit when called and changes nothing', async () => {
      const before = await dump(store);
      const bad: Record<string, unknown>[] = [
        { status: { nested: true } },
        { seq: Number.NaN },
        { seq: Number.POSITIVE_INFINITY },
        { list: ['a'] },
        { big: 1n },
      ];
      for (const fields of bad) {
        await expect(
          store.appendAll([{ kind: 'update', room: 'ledger', update: bytes(1) }, state('c-1', fields)]),
        ).rejects.toThrow(/写入单元的第 2 项无效：诉求 c-1 的字段 \w+ 的值无效/);
      }
      await expect(store.appendAll([state('', { seq: 1 })])).rejects.toThrow('诉求编号必须是非空字符串');
      await expect(store.appendAll([state('c-1', [] as never)])).rejects.toThrow('诉求 c-1 的字段必须是对象');
      expect(store.halted).toBeNull();
      expect(await dump(store)).toEqual(before);
    });

    it('STORE32, STORE5: a unit failing inside leaves no case state behind, nor the room update written with it', async () => {
      await store.appendAll([state('c-1', { status: 'registered' })]);
      const before = await dump(store);
      const failed = await Promise.allSettled([
        store.appendAll([
          { kind: 'update', room: 'ledger', update: bytes(2) },
          state('c-1', { status: 'assigned' }),
          { kind: 'audit', rows: [audit('c-1')] },
          { kind: 'user', row: user('bad', 'no-such-unit') },
        ]),
      ]);
      expect(failed[0]?.status).toBe('rejected');
      expect(await dump(store)).toEqual(before);
      expect(await store.caseStates()).toEqual([{ id: 'c-1', fields: { status: 'registered' } }]);
    });
  });
}
