// The store contract, part 4 (every Store implementation): a unit room's snapshot and its mark (STORE35) survive together, and a reopened ledger answers from them (SYNC13).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { markKey } from '../../../sync-server/ledger/room-marks';
import type { Store } from '../../../sync-server/store/store';
import { REGISTRATION, office } from '../ledger/ledger-fixtures';
import type { OpenStore } from './store-contract-units';

let n = 0;
const ledgerOn = (store: Store) =>
  Ledger.open({ store, clock: () => Date.parse('2026-10-09T10:00:00+08:00'), newId: (p) => `${p}-m${++n}` });

/** `restart` closes and reopens a durable store; an in-memory one is handed on as it is (only the ledger restarts). */
export function roomMarksContract(name: string, open: OpenStore, restart: (s: Store) => Promise<Store>): void {
  describe(`Store contract, room marks: ${name}`, () => {
    it('STORE35, SYNC13: a compacted unit room is marked; after a reopen its snapshot and mark are there and it is answered without decoding', async () => {
      let store = await open();
      const first = await ledgerOn(store);
      const unitId = (await first.createUnit('市税务局', null)).id;
      const r = await first.register(office, REGISTRATION);
      if (!r.ok) throw new Error(r.error.message);
      await first.run(office, r.value.id, 'assign', { leadUnit: unitId, kind: 'general' });
      const room = `unit:${unitId}`;
      first.docs.compact(room);
      const state = Y.encodeStateAsUpdate(first.doc(room));
      await first.whenDurable();
      first.close();

      store = await restart(store);
      try {
        expect(await store.loadRoom(room)).toHaveLength(1);
        expect(await store.meta(markKey(room))).toContain('"digest"');
        const again = await ledgerOn(store);
        const served = again.storedState(room);
        expect(served).not.toBeNull();
        expect(again.docs.decoded(room)).toBe(false);
        const a = new Y.Doc();
        Y.applyUpdate(a, served?.update ?? new Uint8Array());
        const b = new Y.Doc();
        Y.applyUpdate(b, state);
        expect(a.getMap('cases').toJSON()).toEqual(b.getMap('cases').toJSON());
        again.close();
      } finally {
        await store.close();
      }
    });
  });
}
