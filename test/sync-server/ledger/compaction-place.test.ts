// STORE30, STORE44: where a due room is compacted: on the main thread when its document is small, in the worker when it is large.
import { setImmediate as turn } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_COMPACTION, RoomDocs } from '../../../sync-server/ledger/room-docs';
import { createMemoryStore } from '../../../sync-server/store/memory-store';

/** One accepted change of the ledger room, captured and accepted like a unit of work's. */
function change(docs: RoomDocs, fn: (doc: Y.Doc) => void): void {
  const { updates } = docs.capture(() => fn(docs.get('ledger')));
  docs.accept(updates);
}

async function withDocs(run: (docs: RoomDocs, stored: () => Promise<number>) => Promise<void>): Promise<void> {
  const store = createMemoryStore();
  const docs = new RoomDocs(store, DEFAULT_COMPACTION, () => undefined);
  const stored = async () => {
    await store.flush();
    return (await store.loadRoom('ledger')).length;
  };
  try {
    await run(docs, stored);
  } finally {
    docs.destroy();
    await store.close();
  }
}

describe('STORE44 a room of many small edits is compacted where it is cheap', () => {
  it('STORE44: 256 KiB of edits to a few cases is folded on the main thread, within the turn after it fell due', async () => {
    await withDocs(async (docs, stored) => {
      // one office clerk rewriting the same few fields: the parts grow (~280 bytes an edit, ~270 KiB), the document not
      for (let i = 0; i < 1000; i++)
        change(docs, (d) => d.getMap('cases').set(`c-${i % 5}`, `第${i}次修改：${'办理情况'.repeat(20)}`));
      await turn();
      await turn();
      expect(await stored()).toBe(1);
      expect([...docs.get('ledger').getMap('cases').keys()].sort()).toEqual(['c-0', 'c-1', 'c-2', 'c-3', 'c-4']);
    });
  });

  it('STORE44: a room edited from 1,000 clients or more is rebuilt in the worker, however few its structs', async () => {
    await withDocs(async (docs, stored) => {
      // 1,200 Excel sessions, each writing one note of ~270 bytes: 1,200 structs, about 320 KiB of parts
      for (let i = 0; i < 1200; i++)
        change(docs, (d) => {
          d.clientID = 10_000 + i;
          d.getMap('meta').set(`note-${i % 50}`, 'x'.repeat(250));
        });
      await turn();
      await turn();
      expect(await stored()).toBe(0);
      await vi.waitFor(async () => expect(await stored()).toBe(1), { timeout: 10_000 });
    });
  });

  it('STORE44: a room whose document has 12,000 structs or more is still rebuilt in the worker', async () => {
    await withDocs(async (docs, stored) => {
      // 500 cases of 30 fields in one update: 15,000 structs, about 400 KiB
      change(docs, (d) => {
        const cases = d.getMap('cases');
        for (let c = 0; c < 500; c++) {
          const fields = new Y.Map<string>();
          cases.set(`c-${c}`, fields);
          for (let f = 0; f < 30; f++) fields.set(`f${f}`, `企业${c}的第${f}项`);
        }
      });
      change(docs, (d) => d.getMap('meta').set('note', '再一次修改'));
      await turn();
      await turn();
      // the worker takes longer than two turns to answer: no snapshot is stored yet
      expect(await stored()).toBe(0);
      await vi.waitFor(async () => expect(await stored()).toBe(1), { timeout: 10_000 });
      expect(docs.get('ledger').getMap('cases').size).toBe(500);
    });
  });
});
