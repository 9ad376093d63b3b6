// Crash safety: a child process appends to a SQLite store and is SIGKILLed; every update it acknowledged survives.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { runUntilKilled } from './kill-child';
import { tempDir, withRawDb } from './store-fixtures';

const CHILD = join(import.meta.dirname, 'crash-child.ts');

interface ChildRun {
  pid: string;
  acked: number[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the child until it has acknowledged `killAfter` updates, then SIGKILLs it; every "ok" line read counts. */
async function crashAfter(file: string, killAfter: number, writers: number, compactEvery: number): Promise<ChildRun> {
  const run = { pid: '', acked: [] as number[] };
  const args = [file, '1000000', String(writers), String(compactEvery)];
  const { signal, stderr } = await runUntilKilled(CHILD, args, (line) => {
    const [word, value = ''] = line.split(' ');
    if (word === 'pid') run.pid = value;
    else if (word === 'ok') run.acked.push(Number(value));
    return run.acked.length >= killAfter;
  });
  return { ...run, signal, stderr };
}

/** Rebuilds the ledger doc from a reopened store and returns the keys of the acknowledgement map. */
async function survivors(file: string): Promise<Set<string>> {
  const store = await openSqliteStore(file);
  try {
    const doc = new Y.Doc();
    for (const u of await store.loadRoom('ledger')) Y.applyUpdate(doc, u);
    return new Set(doc.getMap('acked').keys());
  } finally {
    await store.close();
  }
}

describe('STORE1: crash safety (SIGKILL)', () => {
  const { dir, cleanup } = tempDir('store-crash-');
  afterAll(cleanup);

  it.each([
    { name: 'one writer, no compaction', killAfter: 40, writers: 1, compactEvery: 0 },
    { name: '4 writers, compaction every 50', killAfter: 300, writers: 4, compactEvery: 50 },
    { name: '16 writers, compaction every 200', killAfter: 1500, writers: 16, compactEvery: 200 },
  ])('every acknowledged update survives: $name', async ({ killAfter, writers, compactEvery }) => {
    const file = join(dir, `crash-${writers}.sqlite`);
    const run = await crashAfter(file, killAfter, writers, compactEvery);
    expect(run.stderr).toBe('');
    expect(run.signal).toBe('SIGKILL');
    expect(run.acked.length).toBeGreaterThanOrEqual(killAfter);
    const kept = await survivors(file);
    const lost = run.acked.filter((n) => !kept.has(`${run.pid}:${n}`));
    expect(lost).toEqual([]);
    await withRawDb(file, async (db) =>
      expect(await db.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]),
    );
  });

  it('a store killed twice in a row keeps what both runs acknowledged', async () => {
    const file = join(dir, 'twice.sqlite');
    const first = await crashAfter(file, 200, 4, 64);
    const second = await crashAfter(file, 200, 4, 64);
    expect([first.signal, second.signal]).toEqual(['SIGKILL', 'SIGKILL']);
    const kept = await survivors(file);
    const lost = [
      ...first.acked.filter((n) => !kept.has(`${first.pid}:${n}`)),
      ...second.acked.filter((n) => !kept.has(`${second.pid}:${n}`)),
    ];
    expect(lost).toEqual([]);
  });
});
