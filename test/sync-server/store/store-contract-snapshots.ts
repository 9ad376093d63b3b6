// The store contract, part 4 (every Store implementation): large compaction snapshots are stored whole (STORE42).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../sync-server/store/store';
import { SNAPSHOT_PIECE_BYTES } from '../../../sync-server/store/sqlite-snapshot';
import { bigSnapshot } from './snapshot-bytes';
import { bytes } from './store-fixtures';
import type { OpenStore } from './store-contract-units';

/** Three pieces and a part of a fourth. */
const BIG = 3 * SNAPSHOT_PIECE_BYTES + 12_345;

export function snapshotsContract(name: string, open: OpenStore, reopen?: (s: Store) => Promise<Store>): void {
  describe(`Store contract, large snapshots: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('STORE42: a snapshot of several pieces is stored whole, byte for byte, before the updates accepted after it', async () => {
      await store.appendUpdate('ledger', bytes(1));
      const snapshot = bigSnapshot(BIG, 1);
      await store.compactRoom('ledger', snapshot, [bytes(2), bytes(3)]);
      await store.appendUpdate('ledger', bytes(4));
      const expected = [bigSnapshot(BIG, 1), bytes(2), bytes(3), bytes(4)];
      expect(await store.loadRoom('ledger')).toEqual(expected);
      if (reopen !== undefined) {
        await store.close();
        store = await reopen(store);
        expect(await store.loadRoom('ledger')).toEqual(expected);
      }
    });

    it('STORE42: large compactions of two rooms and twice of one room in one batch: each room keeps its last', async () => {
      await Promise.all([
        store.compactRoom('__proto__', bigSnapshot(BIG, 2)),
        store.compactRoom('ledger', bigSnapshot(BIG + 1, 3)),
        store.appendUpdate('ledger', bytes(5)),
        store.compactRoom('__proto__', bigSnapshot(2 * SNAPSHOT_PIECE_BYTES, 4), [bytes(6)]),
      ]);
      expect(await store.loadRoom('__proto__')).toEqual([bigSnapshot(2 * SNAPSHOT_PIECE_BYTES, 4), bytes(6)]);
      expect(await store.loadRoom('ledger')).toEqual([bigSnapshot(BIG + 1, 3), bytes(5)]);
      if (reopen !== undefined) {
        await store.close();
        store = await reopen(store);
        expect((await store.loadRoom('__proto__'))[0]).toEqual(bigSnapshot(2 * SNAPSHOT_PIECE_BYTES, 4));
      }
    });
  });
}
