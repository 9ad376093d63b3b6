// SYNC13/SYNC14/STORE35/STORE36 fixtures: a store whose unit room is one marked snapshot, and what a joining client receives.
import * as Y from 'yjs';
import { casesOf } from '../../../shared/ydoc-layout';
import { ledgerBackend } from '../../../sync-server/backend';
import type { Accounts } from '../../../sync-server/accounts';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { decodeMessage } from '../../../sync-server/sync/protocol';
import { createStats } from '../../../sync-server/sync/stats';
import { SyncCache } from '../../../sync-server/sync/sync-cache';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import type { Store } from '../../../sync-server/store/store';
import { REGISTRATION, office } from './ledger-fixtures';

let n = 0;
/** A ledger over `store` at a fixed instant, or on a clock the test moves. */
export const open = (store: Store, at: string | (() => number) = '2026-10-09T10:00:00+08:00') =>
  Ledger.open({
    store,
    clock: typeof at === 'string' ? () => Date.parse(at) : at,
    newId: (p) => `${p}-${++n}`,
  });
export const turn = () => new Promise((r) => setImmediate(r));

/** Two units with one case each; restarted once so the first decode compacts and marks unit 0's room (STORE36). */
export async function marked() {
  const store = createMemoryStore();
  const first = await open(store);
  const units = [(await first.createUnit('市税务局', null)).id, (await first.createUnit('市人社局', null)).id];
  const cases: string[] = [];
  for (const u of units) {
    const r = await first.register(office, { ...REGISTRATION, company: `企业-${u}` });
    if (!r.ok) throw new Error(r.error.message);
    await first.run(office, r.value.id, 'assign', { leadUnit: u, kind: 'general' });
    cases.push(r.value.id);
  }
  await first.whenDurable();
  first.close();
  const room = `unit:${units[0]}`;
  const second = await open(store);
  second.doc(room); // decoded and repaired; its parts are more than one snapshot: compacted and marked
  await turn();
  await second.whenDurable();
  second.close();
  return { store, units, cases, room };
}

/** What a joining client receives from the sync layer for a state vector (greeting, then step 2). */
export function join(ledger: Ledger, room: string, stateVector = Y.encodeStateVector(new Y.Doc())) {
  const cache = new SyncCache(room, ledgerBackend(ledger, {} as Accounts), createStats());
  const greeting = decodeMessage(cache.greeting());
  const step2 = decodeMessage(cache.step2(stateVector));
  if (!greeting.ok || greeting.value.kind !== 'sync-step1') throw new Error('no greeting');
  if (!step2.ok || step2.value.kind !== 'sync-step2') throw new Error('no step 2');
  return { stateVector: greeting.value.stateVector, update: step2.value.update };
}

export const docOf = (...updates: Uint8Array[]) => {
  const d = new Y.Doc();
  for (const u of updates) Y.applyUpdate(d, u);
  return d;
};
/** The three maps of YDOC1 (Y.Doc.toJSON lists only the maps already asked for). */
export const json = (d: Y.Doc) => ({
  cases: casesOf(d).toJSON(),
  units: d.getMap('units').toJSON(),
  meta: d.getMap('meta').toJSON(),
});
export const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
