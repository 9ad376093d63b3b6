// Runs the store contract against the in-memory store, checks it under fake timers, and its simulated full disk.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import { StoreHaltedError } from '../../../sync-server/store/store';
import { storeContract } from './store-contract';
import { unitsContract } from './store-contract-units';
import { caseStatesContract } from './store-contract-case-states';
import { roomMarksContract } from './store-contract-marks';
import { snapshotsContract } from './store-contract-snapshots';
import { audit, bytes, dump } from './store-fixtures';

storeContract('memory', async () => {
  const store = createMemoryStore();
  return { store, commits: () => store.commits };
});

unitsContract('memory', async () => createMemoryStore({ log: () => undefined }));
caseStatesContract('memory', async () => createMemoryStore({ log: () => undefined }));
roomMarksContract(
  'memory',
  async () => createMemoryStore({ log: () => undefined }),
  async (s) => s,
);

snapshotsContract('memory', async () => createMemoryStore({ log: () => undefined }));

describe('memory store under fake timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('SYNC5: commits without the fake clock being advanced (group commit uses the real setImmediate)', async () => {
    vi.useFakeTimers({ toFake: ['setImmediate', 'setTimeout', 'setInterval', 'Date'] });
    const store = createMemoryStore();
    await store.appendUpdate('ledger', bytes(1));
    expect(await store.loadRoom('ledger')).toEqual([bytes(1)]);
    await store.close();
  });
});

describe('memory store: simulated full disk (setFull, tests only)', () => {
  it('STORE6: while full every batch fails with SQLITE_FULL and the store halts; probe() is false until the disk is freed', async () => {
    const logged: string[] = [];
    const store = createMemoryStore({ log: (m) => logged.push(m) });
    await store.appendUpdate('ledger', bytes(1));
    const before = await dump(store);
    store.setFull(true);
    const failed = await Promise.allSettled([
      store.appendUpdate('ledger', bytes(2)),
      store.appendAll([{ kind: 'audit', rows: [audit('C1')] }]),
    ]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((store.halted as Error & { code?: string }).code).toBe('SQLITE_FULL');
    expect(logged).toEqual([expect.stringMatching(/2 个写入被拒绝.*存储暂停写入/)]);
    await expect(store.setCounter('c', 1)).rejects.toBeInstanceOf(StoreHaltedError);
    expect(await store.probe()).toBe(false);
    expect(await store.probe()).toBe(false);
    expect(await dump(store)).toEqual(before);

    store.setFull(false);
    await expect(store.setCounter('c', 1)).rejects.toBeInstanceOf(StoreHaltedError); // still halted: only a probe resumes
    expect(await store.probe()).toBe(true);
    await store.appendUpdate('ledger', bytes(3));
    expect(await store.loadRoom('ledger')).toEqual([bytes(1), bytes(3)]);
    await store.close();
  });
});
