// Runs the store contract against the in-memory store, and checks it keeps working under fake timers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import { storeContract } from './store-contract';
import { bytes } from './store-fixtures';

storeContract('memory', async () => {
  const store = createMemoryStore();
  return { store, commits: () => store.commits };
});

describe('memory store under fake timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('commits without the fake clock being advanced (group commit uses the real setImmediate)', async () => {
    vi.useFakeTimers({ toFake: ['setImmediate', 'setTimeout', 'setInterval', 'Date'] });
    const store = createMemoryStore();
    await store.appendUpdate('ledger', bytes(1));
    expect(await store.loadRoom('ledger')).toEqual([bytes(1)]);
    await store.close();
  });
});
