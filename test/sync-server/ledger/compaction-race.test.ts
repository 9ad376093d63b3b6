// STORE30: parts accepted while the worker's input is still being copied do not break the compaction (no fallback).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RoomDocs } from '../../../sync-server/ledger/room-docs';
import { createMemoryStore } from '../../../sync-server/store/memory-store';

/** One accepted change of the room: a value of `size` characters under `key`, captured and accepted like a unit's. */
function change(docs: RoomDocs, key: string, size: number): void {
  const { updates } = docs.capture(() => docs.get('ledger').getMap('meta').set(key, 'x'.repeat(size)));
  docs.accept(updates);
}

describe('compaction in the worker while the room grows', () => {
  it('STORE30: updates accepted while the parts are being copied stay after the snapshot; the worker is not given up', async () => {
    const store = createMemoryStore();
    const failures: string[] = [];
    const docs = new RoomDocs(store, { minBytes: 1 << 30, maxUpdates: 1_000_000, backgroundBytes: 1 }, (m) =>
      failures.push(m),
    );
    try {
      for (let i = 0; i < 3; i++) change(docs, `big${i}`, 600_000); // 1.8 MB: the copy yields after its first MiB
      const compacted = docs.compactInBackground('ledger');
      change(docs, 'later', 10); // accepted while the copy waits for its next turn
      await compacted;
      await store.flush();
      expect(failures).toEqual([]);
      const stored = await store.loadRoom('ledger');
      expect(stored).toHaveLength(2); // the snapshot, then the update accepted meanwhile
      const again = new Y.Doc();
      for (const u of stored) Y.applyUpdate(again, u);
      expect([...again.getMap('meta').keys()].sort()).toEqual(['big0', 'big1', 'big2', 'later']);
    } finally {
      docs.destroy();
      await store.close();
    }
  });
});
