// SYNC13/SYNC14/STORE30/STORE35 edges: a cached cold answer that stops being vouched for, a room decoded with a lost write, and hostile map keys.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readUnits } from '../../../shared/ydoc-layout';
import type { Accounts } from '../../../sync-server/accounts';
import { ledgerBackend } from '../../../sync-server/backend';
import { RoomDocs } from '../../../sync-server/ledger/room-docs';
import { mapsOfDoc } from '../../../sync-server/ledger/room-marks';
import { decodeMessage } from '../../../sync-server/sync/protocol';
import { createStats } from '../../../sync-server/sync/stats';
import { SyncCache } from '../../../sync-server/sync/sync-cache';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import type { Ledger } from '../../../sync-server/ledger/ledger';
import { docOf, marked, open } from './cold-room-fixtures';

/** One SyncCache kept across joins, as the hub keeps one per room while it has members. */
function keptCache(ledger: Ledger, room: string) {
  const cache = new SyncCache(room, ledgerBackend(ledger, {} as Accounts), createStats());
  return () => {
    const m = decodeMessage(cache.step2(Y.encodeStateVector(new Y.Doc())));
    if (!m.ok || m.value.kind !== 'sync-step2') throw new Error('no step 2');
    return { doc: docOf(m.value.update), cold: cache.cold };
  };
}

describe('cold answers the backend no longer vouches for', () => {
  it('SYNC13: a unit added after a cold answer was cached: the next join through the same cache gets the new unit', async () => {
    const { store, room } = await marked();
    const ledger = await open(store);
    const joinNow = keptCache(ledger, room);
    const first = joinNow();
    expect(first.cold).toBe(true);
    const added = await ledger.createUnit('市住建局', null);
    const second = joinNow();
    expect(second.cold).toBe(false);
    expect(readUnits(second.doc).get(added.id)).toBe('市住建局');
    ledger.close();
  });

  it('SYNC13: across midnight of New Year (Shanghai) the same cache answers with the new year', async () => {
    const { store, room } = await marked();
    let now = Date.parse('2026-12-31T23:59:59+08:00');
    const ledger = await open(store, () => now);
    const joinNow = keptCache(ledger, room);
    expect(joinNow().doc.getMap('meta').get('year')).toBe(2026);
    now = Date.parse('2027-01-01T00:00:01+08:00');
    const after = joinNow();
    expect(after.cold).toBe(false);
    expect(after.doc.getMap('meta').get('year')).toBe(2027);
    ledger.close();
  });
});

describe('a room decoded with a write the store lost', () => {
  it('STORE30, STORE35: it is compacted from its document, never from a worker rebuild that holds what the document dropped', async () => {
    const a = new Y.Doc();
    a.clientID = 1;
    const b = new Y.Doc();
    b.clientID = 2;
    a.getMap('meta').set('year', 2026);
    const base = Y.encodeStateAsUpdate(a);
    const sv0 = Y.encodeStateVector(a);
    a.getMap('cases').set('c-1', new Y.Map());
    const lost = Y.encodeStateAsUpdate(a, sv0); // the write the store lost
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const svb = Y.encodeStateVector(b);
    (b.getMap('cases').get('c-1') as Y.Map<unknown>).set('company', '未被接受的值'); // depends on the lost write
    const dependent = Y.encodeStateAsUpdate(b, svb);
    const store = createMemoryStore();
    await store.appendUpdate('unit:u1', base);
    await store.appendUpdate('unit:u1', dependent);
    const docs = new RoomDocs(store, { minBytes: 1 << 30, maxUpdates: 1e9, backgroundBytes: 0 }, () => undefined);
    await docs.loadAll(() => false);
    const marks: Uint8Array[] = [];
    docs.onSnapshot = (_room, doc) => {
      const sv = Y.encodeStateVector(doc);
      return () => void marks.push(sv);
    };
    const { updates } = docs.capture(() => Y.applyUpdate(docs.get('unit:u1'), lost, {})); // a client sends it again
    docs.accept(updates);
    const live = (docs.get('unit:u1').getMap('cases').get('c-1') as Y.Map<unknown>).get('company');
    await docs.compactInBackground('unit:u1');
    await store.flush();
    const stored = await store.loadRoom('unit:u1');
    expect(stored).toHaveLength(1);
    const snapshot = docOf(stored[0] as Uint8Array);
    expect((snapshot.getMap('cases').get('c-1') as Y.Map<unknown>).get('company')).toBe(live);
    expect(live).toBeUndefined();
    expect(marks.map((sv) => Y.decodeStateVector(sv))).toEqual([Y.decodeStateVector(Y.encodeStateVector(snapshot))]);
    docs.destroy();
  });
});

describe('the server maps of a mark', () => {
  it('SYNC13, STORE35: keys such as __proto__ in the units or meta map change the maps a mark records', () => {
    const doc = new Y.Doc();
    const unit = new Y.Map<unknown>();
    doc.getMap('units').set('u-1', unit);
    unit.set('name', '市税务局');
    doc.getMap('meta').set('year', 2026);
    const before = mapsOfDoc(doc);
    const odd = new Y.Map<unknown>();
    doc.getMap('units').set('__proto__', odd);
    odd.set('name', '冒名单位');
    expect(mapsOfDoc(doc)).not.toBe(before);
    doc.getMap('units').delete('__proto__');
    expect(mapsOfDoc(doc)).toBe(before);
    doc.getMap('meta').set('__proto__', 1);
    expect(mapsOfDoc(doc)).not.toBe(before);
  });
});
