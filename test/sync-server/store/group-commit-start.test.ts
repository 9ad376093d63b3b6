// STORE41: an idle writer starts a batch as soon as the code that queued it has run, in both stores.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { bytes, nextTurn, tempDir } from './store-fixtures';

const { dir, cleanup } = tempDir('group-commit-start-');
afterAll(cleanup);

const stores = {
  memory: async () => createMemoryStore(),
  sqlite: async () => openSqliteStore(join(dir, 'data', 'ledger.sqlite')),
};

describe.each(Object.entries(stores))('STORE41: group commit start (%s)', (_name, open) => {
  it('STORE41: a lone write is on its way before the event loop turns: a write queued after it, in the same turn, waits for the next batch', async () => {
    const store = await open();
    try {
      await store.appendUpdate('ledger', bytes(0));
      await nextTurn(); // the writer is idle
      const before = store.commits;
      const first = store.appendUpdate('ledger', bytes(1));
      await Promise.resolve(); // the same turn of the event loop, after the code that queued `first`
      const second = store.appendUpdate('ledger', bytes(2));
      await Promise.all([first, second]);
      expect(store.commits - before).toBe(2);
      expect(await store.loadRoom('ledger')).toEqual([bytes(0), bytes(1), bytes(2)]);

      // writes queued together still go together, and so do writes queued while a batch runs
      const mid = store.commits;
      const burst = Array.from({ length: 50 }, (_, i) => store.appendUpdate('unit:u1', bytes(i)));
      await Promise.resolve();
      const during = Array.from({ length: 50 }, (_, i) => store.appendUpdate('unit:u1', bytes(50 + i)));
      await Promise.all([...burst, ...during]);
      expect(store.commits - mid).toBe(2);
      expect(await store.loadRoom('unit:u1')).toEqual(Array.from({ length: 100 }, (_, i) => bytes(i)));
    } finally {
      await store.close();
    }
  });
});
