// STORE43: the compaction worker ends once it has had no job for a while, so an idle server holds none of its memory.
import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Compactor } from '../../../sync-server/ledger/compactor';

let compactor: Compactor | null = null;
afterEach(() => compactor?.close());

/** Threads of this process at nice 19: the compaction worker is the only one (STORE41). */
function workerThreads(): number {
  let n = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16] === '19') n++;
    } catch {
      // the thread ended meanwhile
    }
  }
  return n;
}

function room(key: string): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getMap('cases').set(key, '第1号诉求');
  return [Y.encodeStateAsUpdate(doc)];
}

function keysOf(snapshot: Uint8Array): string[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, snapshot);
  return [...doc.getMap('cases').keys()];
}

describe.skipIf(process.platform !== 'linux')('STORE43 the compaction worker does not outlive its work', () => {
  it('STORE43: the worker thread is gone once it has had no job for the idle time', async () => {
    await vi.waitFor(() => expect(workerThreads()).toBe(0)); // an earlier file's worker, terminated asynchronously
    compactor = new Compactor(true, 50);
    expect(keysOf(await compactor.snapshot(room('a')))).toEqual(['a']);
    expect(workerThreads()).toBe(1);
    await vi.waitFor(() => expect(workerThreads()).toBe(0), { timeout: 3000 });
  });

  it('STORE43: a job sent as the idle worker ends is answered by a new worker, never failed', async () => {
    compactor = new Compactor(true, 5);
    // jobs sent before, at and after the moment the idle worker is ended
    for (let i = 0; i < 30; i++) {
      expect(keysOf(await compactor.snapshot(room(`c-${i}`)))).toEqual([`c-${i}`]);
      await sleep(i % 10);
    }
  });
});
