// STORE41: the compaction worker lowers its own thread to the lowest scheduling priority; the event loop keeps its own.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Compactor } from '../../../sync-server/ledger/compactor';
import { alreadyLowest, atLowest, niceOf } from './thread-nices';

let compactor: Compactor | null = null;
afterEach(() => compactor?.close());

/** Until an earlier test's worker (terminated asynchronously) has gone: no thread of this process at nice 19. */
async function noneAtLowest(): Promise<void> {
  await vi.waitFor(() => expect(atLowest()).toBe(0));
}

async function snapshotWith(c: Compactor): Promise<void> {
  const doc = new Y.Doc();
  doc.getMap('cases').set('c-1', 'x');
  await c.snapshot([Y.encodeStateAsUpdate(doc)]);
}

describe.skipIf(process.platform !== 'linux' || alreadyLowest())(
  'STORE41 the compaction worker yields the CPU to the event loop',
  () => {
    it('STORE41: the worker thread runs at nice 19 and the thread running the event loop keeps its priority', async () => {
      const own = niceOf('/proc/thread-self/stat');
      await noneAtLowest();
      compactor = new Compactor();
      await snapshotWith(compactor);
      expect(atLowest()).toBe(1);
      expect(niceOf('/proc/thread-self/stat')).toBe(own);
    });

    it('STORE41: with lowPriority false the worker keeps the process priority', async () => {
      await noneAtLowest();
      compactor = new Compactor(false);
      await snapshotWith(compactor);
      expect(atLowest()).toBe(0);
    });
  },
);
