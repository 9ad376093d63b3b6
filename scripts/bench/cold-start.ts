// A cold start in a fresh process (`node --expose-gc`): open a ledger's SQLite file, a client's first sync of a unit room, then the decode its first edit pays; reports over IPC.
import * as Y from 'yjs';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Accounts } from '../../sync-server/accounts';
import { ledgerBackend } from '../../sync-server/backend';
import { Ledger } from '../../sync-server/ledger/ledger';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';
import { createStats } from '../../sync-server/sync/stats';
import { SyncCache } from '../../sync-server/sync/sync-cache';
import { forkChild } from './procs';

export interface ColdStart {
  /** openSqliteStore + Ledger.open, ms. */
  openMs: number;
  /** Heap in use after the start and a full GC, bytes. */
  heapBytes: number;
  /** RSS after the start, bytes. */
  rssBytes: number;
  /**
   * What a client joining a unit room waits for: the sync layer's greeting and its step 2 answer for an empty state
   * vector (SyncCache on the ledger backend), ms, and the answer's size.
   */
  firstSyncMs: number;
  firstSyncBytes: number;
  /** SYNC13: whether that answer came from the room's marked snapshot (else the room was decoded and repaired for it). */
  fromSnapshot: boolean;
  /** The decode and repair the room's first edit then pays (about 0 when the join already decoded it), ms. */
  firstEditMs: number;
  cases: number;
}

async function child(file: string): Promise<ColdStart> {
  const t0 = performance.now();
  const store = await openSqliteStore(file);
  let n = 0;
  const ledger = await Ledger.open({ store, clock: Date.now, newId: (p) => `${p}-cold-${(++n).toString(36)}` });
  const openMs = performance.now() - t0;
  const room = `unit:${ledger.unitList()[0]?.id ?? ''}`;
  const t1 = performance.now();
  const cache = new SyncCache(room, ledgerBackend(ledger, {} as Accounts), createStats());
  cache.greeting();
  const answer = cache.step2(Y.encodeStateVector(new Y.Doc()));
  const firstSyncMs = performance.now() - t1;
  const fromSnapshot = !ledger.docs.decoded(room);
  const t2 = performance.now();
  ledger.doc(room); // what the client's first edit (or a command on one of its cases) does
  const firstEditMs = performance.now() - t2;
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  const cases = ledger.projection.cases().length;
  // STORE36: a room decoded with updates after its snapshot is compacted and marked; let that finish, as a server would
  for (let i = 0; i < 2_000 && (ledger.docs.storedParts(room)?.length ?? 0) > 1; i++) await sleep(10);
  await ledger.whenDurable();
  ledger.close();
  await store.close();
  return {
    openMs,
    heapBytes: mem.heapUsed,
    rssBytes: mem.rss,
    firstSyncMs,
    firstSyncBytes: answer.length,
    fromSnapshot,
    firstEditMs,
    cases,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one cold start of `file` in a fresh child process. */
export function coldStart(file: string): Promise<ColdStart> {
  const c: ChildProcess = forkChild(join(import.meta.dirname, 'cold-start.ts'), [file], ['--expose-gc']);
  return new Promise((resolve, reject) => {
    c.once('message', (m: ColdStart | { error: string }) => ('error' in m ? reject(new Error(m.error)) : resolve(m)));
    c.once('exit', (code) => reject(new Error(`cold start exited with ${code}`)));
  });
}

if (process.argv[1]?.endsWith('cold-start.ts') && process.send !== undefined) {
  child(process.argv[2] ?? '').then(
    (r) => process.send?.(r, () => process.exit(0)),
    (e: unknown) => process.send?.({ error: String(e) }, () => process.exit(1)),
  );
}
