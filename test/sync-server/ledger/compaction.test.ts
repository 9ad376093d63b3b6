// STORE4, STORE30: rooms are compacted into snapshots as they grow (large ones in a worker thread), and a reopened ledger has everything.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import { REGISTRATION, office } from './ledger-fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function open(file: string, minBytes: number, backgroundBytes?: number) {
  let n = 0;
  const store = await openSqliteStore(file);
  const ledger = await Ledger.open({
    store,

    clock: () => Date.parse('2026-10-09T10:00:00+08:00'),
    newId: (p) => `${p}-${file.length}-${++n}-${Math.random().toString(36).slice(2, 8)}`,
    compaction: { minBytes, maxUpdates: 1_000_000, backgroundBytes },
  });
  return { store, ledger };
}

describe('compaction', () => {
  it('STORE4: a growing room is folded into a snapshot; after reopening every case and value is there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-compact-'));
    dirs.push(dir);
    const file = join(dir, 'ledger.sqlite');
    const first = await open(file, 4 * 1024);
    const unit = await first.ledger.createUnit('市税务局', null);
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const r = await first.ledger.register(office, { ...REGISTRATION, company: `企业${i}` });
      if (!r.ok) throw new Error(r.error.message);
      ids.push(r.value.id);
      await first.ledger.run(office, r.value.id, 'assign', { leadUnit: unit.id, kind: 'general' });
    }
    await new Promise((r) => setImmediate(r));
    await first.ledger.whenDurable();
    const stats = await first.store.roomStats('ledger');
    // 120 commands wrote about 120 updates to the ledger room; most of them are folded into a snapshot by now
    expect(stats.updates).toBeLessThan(30);
    await first.store.close();
    first.ledger.close();

    const second = await open(file, 4 * 1024);
    expect(second.ledger.projection.cases().length).toBe(60);
    expect(second.ledger.projection.case(ids[59] as string)?.fields).toMatchObject({
      company: '企业59',
      status: 'assigned',
      leadUnit: unit.id,
    });
    await second.store.close();
    second.ledger.close();
  });

  it('STORE30: a room compacted in the worker keeps the edits accepted meanwhile; a reopened ledger has them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-compact-'));
    dirs.push(dir);
    const file = join(dir, 'ledger.sqlite');
    const first = await open(file, 1_000_000, 1);
    const unit = await first.ledger.createUnit('市税务局', null);
    const register = async (i: number) => {
      const r = await first.ledger.register(office, { ...REGISTRATION, company: `企业${i}` });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.id;
    };
    const before = await Promise.all(Array.from({ length: 20 }, (_, i) => register(i)));
    const compacted = first.ledger.docs.compactInBackground('ledger'); // the worker encodes while the edits below arrive
    const during = await Promise.all(Array.from({ length: 10 }, (_, i) => register(20 + i)));
    await first.ledger.run(office, before[0] as string, 'assign', { leadUnit: unit.id, kind: 'general' });
    await compacted;
    await first.ledger.whenDurable();
    const stored = await first.store.loadRoom('ledger');
    expect(stored.length).toBeLessThan(20); // the 20 first registrations are folded into the snapshot
    await first.store.close();
    first.ledger.close();

    const second = await open(file, 1_000_000);
    expect(
      second.ledger.projection
        .cases()
        .map((c) => c.id)
        .sort(),
    ).toEqual([...before, ...during].sort());
    expect(second.ledger.projection.case(before[0] as string)?.fields).toMatchObject({
      status: 'assigned',
      leadUnit: unit.id,
    });
    expect(second.ledger.projection.case(during[9] as string)?.fields).toMatchObject({ company: '企业29' });
    await second.store.close();
    second.ledger.close();
  });
});
