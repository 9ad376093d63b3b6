// STORE33/STORE34 under SIGKILL: a ledger killed while the ledger room is not decoded restarts with every acknowledged case.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { casesOf, readAllCases } from '../../../shared/ydoc-layout';
import type { CaseData } from '../../../shared/case';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { runUntilKilled } from '../store/kill-child';
import { tempDir, withRawDb } from '../store/store-fixtures';

const CHILD = join(import.meta.dirname, 'case-states-crash-child.ts');

interface Run {
  ready: string;
  acked: string[];
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the child until it has acknowledged `killAfter` cases, then SIGKILLs it. */
async function crashAfter(file: string, killAfter: number): Promise<Run> {
  const run = { ready: '', acked: [] as string[] };
  const { signal, stderr } = await runUntilKilled(CHILD, [file], (line) => {
    const [word, value = ''] = line.split(' ');
    if (word === 'ready') run.ready = value;
    else if (word === 'ok') run.acked.push(value);
    return run.acked.length >= killAfter;
  });
  return { ...run, signal, stderr };
}

const byId = (cases: readonly CaseData[]) => [...cases].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('STORE33, STORE34: case states under SIGKILL', () => {
  const { dir, cleanup } = tempDir('case-states-crash-');
  afterAll(cleanup);

  it('STORE1, STORE33: killed twice while the ledger room is behind, the ledger restarts with every acknowledged case, in the rooms too', async () => {
    const file = join(dir, 'ledger.sqlite');
    const first = await crashAfter(file, 30);
    const second = await crashAfter(file, 30);
    for (const run of [first, second]) {
      expect(run.stderr).toBe('');
      expect(run.signal).toBe('SIGKILL');
    }
    expect(second.ready).toBe('ledger-not-decoded'); // the second run kept the ledger room behind case_states
    const acked = [...first.acked, ...second.acked];

    const store = await openSqliteStore(file);
    const ledger = await Ledger.open({ store, clock: Date.now, newId: (p) => `${p}-check` });
    try {
      expect(ledger.docs.loadedRooms()).toEqual([]);
      for (const id of acked) expect(ledger.projection.case(id)?.fields.status).toBe('assigned');
      const unitRoom = casesOf(ledger.doc(`unit:${ledger.unitList()[0]?.id}`));
      expect(acked.filter((id) => !unitRoom.has(id))).toEqual([]);
      // the office's first join: the ledger room caught up with exactly the stored cases
      expect(byId(readAllCases(ledger.doc('ledger')))).toEqual(byId(ledger.projection.cases()));
      await ledger.whenDurable();
    } finally {
      ledger.close();
      await store.close();
    }
    await withRawDb(file, async (db) =>
      expect(await db.all('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]),
    );
  });
});
