// STORE30: the compaction worker snapshots the parts it was given, even when the room's log grows during the copy.
import { setImmediate } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Compactor } from '../../../sync-server/ledger/compactor';

let compactor: Compactor;
afterEach(() => compactor.close());

/** One update of a fresh client setting `key` to a string of `size` characters. */
function update(key: string, size: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('cases').set(key, 'x'.repeat(size));
  return Y.encodeStateAsUpdate(doc);
}

describe('STORE30 compaction in a worker', () => {
  it('STORE30: edits accepted while a large room is being copied do not break its compaction', async () => {
    compactor = new Compactor();
    // three parts of 1.2 MB: the copy yields to the event loop after each MiB
    const parts = [update('a', 1_200_000), update('b', 1_200_000), update('c', 1_200_000)];
    const snapshot = compactor.snapshot(parts);
    // the room's log is the same array: an edit accepted meanwhile is appended to it
    await setImmediate();
    parts.push(update('d', 10));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await snapshot);
    expect([...doc.getMap('cases').keys()].sort()).toEqual(['a', 'b', 'c']);
  });
});
