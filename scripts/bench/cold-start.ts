// A cold start in a fresh process (`node --expose-gc`): open a ledger's SQLite file, then the first sync of a unit room; reports over IPC.
import * as Y from 'yjs';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Ledger } from '../../sync-server/ledger/ledger';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';
import { forkChild } from './procs';

export interface ColdStart {
  /** openSqliteStore + Ledger.open, ms. */
  openMs: number;
  /** Heap in use after the start and a full GC, bytes. */
  heapBytes: number;
  /** RSS after the start, bytes. */
  rssBytes: number;
  /** A unit room's first full state (what a joining client's sync step 1 is answered with), ms, and its size. */
  firstSyncMs: number;
  firstSyncBytes: number;
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
  const state = Y.encodeStateAsUpdate(ledger.doc(room), Y.encodeStateVector(new Y.Doc()));
  const firstSyncMs = performance.now() - t1;
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  const cases = ledger.projection.cases().length;
  ledger.close();
  await store.close();
  return { openMs, heapBytes: mem.heapUsed, rssBytes: mem.rss, firstSyncMs, firstSyncBytes: state.length, cases };
}

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
