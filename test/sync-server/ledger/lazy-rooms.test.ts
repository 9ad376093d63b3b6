// STORE31: at start only the ledger room is decoded; a unit room is decoded (and repaired) on first use, and keeps everything.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor } from '../../../shared/case';
import { casesOf } from '../../../shared/ydoc-layout';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import type { Store } from '../../../sync-server/store/store';
import { REGISTRATION, office } from './ledger-fixtures';

let n = 0;
const open = (store: Store) =>
  Ledger.open({ store, clock: () => Date.parse('2026-10-09T10:00:00+08:00'), newId: (p) => `${p}-${++n}` });

/** A ledger with two units and one case assigned to each, closed again; returns the store and the ids. */
async function seeded() {
  const store = createMemoryStore();
  const ledger = await open(store);
  const units = [await ledger.createUnit('市税务局', null), await ledger.createUnit('市人社局', null)];
  const cases: string[] = [];
  for (const u of units) {
    const r = await ledger.register(office, REGISTRATION);
    if (!r.ok) throw new Error(r.error.message);
    await ledger.run(office, r.value.id, 'assign', { leadUnit: u.id, kind: 'general' });
    cases.push(r.value.id);
  }
  await ledger.whenDurable();
  ledger.close();
  return { store, units: units.map((u) => u.id), cases };
}

const roomCases = (doc: Y.Doc) => [...casesOf(doc).keys()].sort();

describe('unit rooms loaded on first use', () => {
  it('STORE31, STORE33: a restarted ledger decodes no room; a unit room has its cases on first use and keeps new edits', async () => {
    const { store, units, cases } = await seeded();
    const ledger = await open(store);
    expect(ledger.docs.loadedRooms()).toEqual([]);
    expect(ledger.docs.rooms().sort()).toEqual(['ledger', ...units.map((u) => `unit:${u}`)].sort());
    expect(roomCases(ledger.doc(`unit:${units[0]}`))).toEqual([cases[0]]);
    expect(ledger.docs.loadedRooms()).toEqual([`unit:${units[0]}`]); // the ledger room is not needed for it
    // a command on the other unit's case decodes its room inside the unit of work and writes the change into it
    const lead: Actor = { userId: 'u2', name: '联络员', role: 'unit', unitId: units[1] as string };
    const accepted = await ledger.run(lead, cases[1] as string, 'accept', {});
    expect(accepted.ok).toBe(true);
    await ledger.whenDurable();
    ledger.close();

    const again = await open(store);
    const room = again.doc(`unit:${units[1]}`);
    expect(roomCases(room)).toEqual([cases[1]]);
    expect((casesOf(room).get(cases[1] as string) as Y.Map<unknown>).get('status')).toBe('handling');
    again.close();
  });

  it('STORE31: a unit room stored stale (a case missing) is repaired when first decoded, and the repair is stored', async () => {
    const { store, units, cases } = await seeded();
    const room = `unit:${units[0]}`;
    await store.compactRoom(room, Y.encodeStateAsUpdate(new Y.Doc())); // as if the unit room had lost its case
    const ledger = await open(store);
    expect(roomCases(ledger.doc(room))).toEqual([cases[0]]);
    await ledger.whenDurable();
    ledger.close();
    const stored = new Y.Doc();
    for (const u of await store.loadRoom(room)) Y.applyUpdate(stored, u);
    expect(roomCases(stored)).toEqual([cases[0]]);
  });

  it('STORE31: a unit room that cannot be decoded fails each use and is never replaced by an empty room', async () => {
    const { store, units } = await seeded();
    const room = `unit:${units[0]}`;
    await store.compactRoom(room, Uint8Array.from([255, 255, 255, 255, 15]));
    const ledger = await open(store);
    expect(() => ledger.doc(room)).toThrow();
    expect(() => ledger.doc(room)).toThrow();
    expect(ledger.docs.loadedRooms()).not.toContain(room);
    ledger.close();
  });
});
