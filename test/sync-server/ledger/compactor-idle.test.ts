// STORE43: the compaction worker ends once it has had no job for a while, so an idle server holds none of its memory.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { Compactor } from '../../../sync-server/ledger/compactor';
import { alreadyLowest, atLowest } from './thread-nices';

let compactor: Compactor | null = null;
afterEach(() => compactor?.close());

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

describe('STORE43 the compaction worker does not keep the process alive', () => {
  it('STORE43: a process waits for its job in the worker, then ends without waiting for the worker to go idle', () => {
    // the idle time is 10 minutes: a process still running after the test's timeout would fail it
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'compactor-exit-child.ts')], {
      cwd: join(import.meta.dirname, '../../..'),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.signal).toBeNull(); // not killed by the timeout
    expect(run.status).toBe(0); // 13 would be a top-level await left waiting: the job not kept alive
    expect(run.stdout.trim()).toBe('answered 第1号诉求');
  });
});

describe.skipIf(process.platform !== 'linux' || alreadyLowest())(
  'STORE43 the compaction worker does not outlive its work',
  () => {
    it('STORE43: the worker thread is gone once it has had no job for the idle time', async () => {
      await vi.waitFor(() => expect(atLowest()).toBe(0)); // an earlier file's worker, terminated asynchronously
      compactor = new Compactor(true, 50);
      expect(keysOf(await compactor.snapshot(room('a')))).toEqual(['a']);
      expect(atLowest()).toBe(1);
      await vi.waitFor(() => expect(atLowest()).toBe(0), { timeout: 3000 });
    });

    it('STORE43: a job sent as the idle worker ends is answered by a new worker, never failed', async () => {
      compactor = new Compactor(true, 5);
      // jobs sent before, at and after the moment the idle worker is ended
      for (let i = 0; i < 30; i++) {
        expect(keysOf(await compactor.snapshot(room(`c-${i}`)))).toEqual([`c-${i}`]);
        await sleep(i % 10);
      }
    });
  },
);
