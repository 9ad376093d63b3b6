// STORE32–STORE34: the cases come from case_states at start; the ledger room is decoded on first use and caught up then.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import type { Actor, CaseData } from '../../../shared/case';
import { casesOf, readAllCases, writeFields } from '../../../shared/ydoc-layout';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import type { Store } from '../../../sync-server/store/store';
import { REGISTRATION, office } from './ledger-fixtures';

const NOW = Date.parse('2026-10-09T10:00:00+08:00');

let n = 0;
const open = (store: Store, clock = () => NOW) => Ledger.open({ store, clock, newId: (p) => `${p}-${++n}` });
const unitActor = (unitId: string): Actor => ({ userId: `u-${unitId}`, name: '联络员', role: 'unit', unitId });

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Two units; cases registered, assigned, accepted, and one edited by its unit over sync; closed again. */
async function seeded() {
  const store = createMemoryStore();
  const ledger = await open(store);
  const units = [(await ledger.createUnit('市税务局', null)).id, (await ledger.createUnit('市人社局', null)).id];
  const cases: string[] = [];
  for (let i = 0; i < 4; i++) {
    const id = ok(await ledger.register(office, { ...REGISTRATION, summary: `诉求${i}` })).id;
    cases.push(id);
    if (i === 3) continue; // one left registered
    const unitId = units[i % 2] as string;
    ok(await ledger.run(office, id, 'assign', { leadUnit: unitId, kind: 'general' }));
    if (i === 0) ok(await ledger.run(unitActor(unitId), id, 'accept', {}));
  }
  const room = `unit:${units[0]}`;
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(ledger.doc(room)));
  client.on('update', (u: Uint8Array) => ledger.applyClientUpdate(room, unitActor(units[0] as string), {}, u));
  casesOf(client)
    .get(cases[0] as string)
    ?.set('handler', '王五');
  await ledger.whenDurable();
  ledger.close();
  return { store, units, cases };
}

/** The same data as `from` in a new memory store, without case states or their mark (a database before schema 4). */
async function withoutCaseStates(from: Store): Promise<Store> {
  const to = createMemoryStore();
  for (const room of await from.listRooms()) for (const u of await from.loadRoom(room)) void to.appendUpdate(room, u);
  for (const u of await from.units()) void to.putUnit(u);
  for (const [k, v] of await from.counters()) void to.setCounter(k, v);
  for (const s of await from.supervisions()) void to.putSupervision(s);
  await to.appendAudit((await from.audit({ limit: 10_000 })).map(({ id: _id, ...row }) => row));
  return to;
}

const byId = (cases: readonly CaseData[]) => [...cases].sort((a, b) => (a.id < b.id ? -1 : 1));
const storedRoom = async (store: Store, room: string) => {
  const doc = new Y.Doc();
  for (const u of await store.loadRoom(room)) Y.applyUpdate(doc, u);
  return doc;
};

afterEach(() => {
  vi.restoreAllMocks();
});

describe('cases from case_states, the ledger room on first use', () => {
  it('STORE32, STORE34: a restart from case_states decodes no room and has the very cases, reads and warnings the ledger room gives', async () => {
    const { store, units } = await seeded();
    const old = await withoutCaseStates(store);
    const later = () => NOW + 40 * 86_400_000; // every assigned case overdue by then
    const fromRoom = await open(old, later);
    expect(fromRoom.docs.loadedRooms()).toContain('ledger'); // STORE34: the old way, once
    const fromTable = await open(store, later);
    expect(fromTable.docs.loadedRooms()).toEqual([]);
    expect(byId(fromTable.projection.cases())).toEqual(byId(fromRoom.projection.cases()));
    expect(byId(fromTable.durableCases())).toEqual(byId(fromRoom.durableCases()));
    const unit = unitActor(units[1] as string);
    expect(byId(fromTable.visibleCases(unit))).toEqual(byId(fromRoom.visibleCases(unit)));
    expect(fromTable.refreshWarnings()).toBe(fromRoom.refreshWarnings());
    expect(fromTable.refreshWarnings()).toBe(0);
    await Promise.all([fromTable.whenDurable(), fromRoom.whenDurable()]);
    expect(byId(fromTable.durableCases())).toEqual(byId(fromRoom.durableCases()));
    expect(fromTable.docs.loadedRooms()).not.toContain('ledger'); // the warnings reached case_states only
    fromTable.close();
    fromRoom.close();
  });

  it('STORE33: changes accepted while the ledger room is not decoded reach it on first use, also after a restart, and are stored', async () => {
    const { store, units, cases } = await seeded();
    const ledger = await open(store);
    ok(await ledger.run(unitActor(units[1] as string), cases[1] as string, 'accept', {}));
    const fresh = ok(await ledger.register(office, { ...REGISTRATION, summary: '新诉求' })).id;
    ok(await ledger.run(office, fresh, 'assign', { leadUnit: units[0] as string, kind: 'complex' }));
    await ledger.whenDurable();
    expect(ledger.docs.loadedRooms()).not.toContain('ledger');
    // a unit's first join needs no ledger room
    expect([...casesOf(ledger.doc(`unit:${units[0]}`)).keys()]).toContain(fresh);
    expect(ledger.docs.loadedRooms()).not.toContain('ledger');
    ledger.close(); // nothing more is written: as after a kill -9 once these were acknowledged

    const again = await open(store);
    expect(again.docs.loadedRooms()).toEqual([]);
    const doc = again.doc('ledger'); // the office's first join
    expect(byId(readAllCases(doc))).toEqual(byId(again.projection.cases()));
    expect(readAllCases(doc).find((c) => c.id === fresh)?.fields.status).toBe('assigned');
    await again.whenDurable();
    again.close();
    expect(byId(readAllCases(await storedRoom(store, 'ledger')))).toEqual(
      byId((await store.caseStates()).map((r) => ({ id: r.id, fields: r.fields }) as CaseData)),
    );
  });

  it('STORE33: a case only the ledger room holds is taken into the cases and case_states when the room is decoded, and reported', async () => {
    const { store, units } = await seeded();
    const doc = await storedRoom(store, 'ledger');
    let extra: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (extra = u));
    writeFields(doc, 'c-extra', { seq: 99, company: '多出的公司', status: 'assigned', leadUnit: units[1] as string });
    await store.appendUpdate('ledger', extra ?? new Uint8Array());
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const ledger = await open(store);
    expect(ledger.projection.case('c-extra')).toBeNull();
    ledger.doc('ledger');
    expect(ledger.projection.case('c-extra')?.fields.company).toBe('多出的公司');
    expect(String(log.mock.calls[0]?.[0])).toContain('c-extra');
    await ledger.whenDurable();
    expect(ledger.durableCases().map((c) => c.id)).toContain('c-extra');
    expect([...casesOf(ledger.doc(`unit:${units[1]}`)).keys()]).toContain('c-extra');
    ledger.close();
    expect((await store.caseStates()).find((r) => r.id === 'c-extra')?.fields.status).toBe('assigned');
  });

  it('STORE34: a ledger without complete case states fills them with the mark in one unit; the next start decodes no room', async () => {
    const { store } = await seeded();
    const old = await withoutCaseStates(store);
    expect(await old.caseStates()).toEqual([]);
    const first = await open(old);
    const cases = byId(first.projection.cases());
    await first.whenDurable();
    first.close();
    expect(await old.meta('case_states')).toBe('complete');
    expect((await old.caseStates()).map((r) => ({ id: r.id, fields: r.fields }))).toEqual(cases);
    const second = await open(old);
    expect(second.docs.loadedRooms()).toEqual([]);
    expect(byId(second.projection.cases())).toEqual(cases);
    second.close();
  });

  it('STORE33: a ledger room first decoded while storage is unavailable is not served behind the accepted state; it is caught up once the disk takes writes', async () => {
    const { store, units, cases } = await seeded();
    const memory = store as ReturnType<typeof createMemoryStore>;
    const ledger = await open(store);
    // accepted while the ledger room is not decoded: only case_states and the unit room hold it
    ok(await ledger.run(unitActor(units[1] as string), cases[1] as string, 'accept', {}));
    await ledger.whenDurable();
    memory.setFull(true);
    await expect(ledger.createUnit('市住建局', null)).rejects.toThrow();
    await vi.waitFor(() => expect(ledger.storageState().ok).toBe(false));
    // the office joins now: refused (the sync layer closes and the pane reconnects), never a stale room
    expect(() => ledger.doc('ledger')).toThrow();
    expect(ledger.docs.loadedRooms()).not.toContain('ledger');
    memory.setFull(false);
    await vi.waitFor(() => expect(ledger.storageState().ok).toBe(true), { timeout: 5_000 });
    const status = readAllCases(ledger.doc('ledger')).find((c) => c.id === cases[1])?.fields.status;
    expect(status).toBe('handling');
    await ledger.whenDurable();
    ledger.close();
  });

  it('STORE33: a unit of work that decodes the ledger room and then fails leaves it stored, caught up on its next use', async () => {
    const { store, units, cases } = await seeded();
    const ledger = await open(store);
    ok(await ledger.run(unitActor(units[1] as string), cases[1] as string, 'accept', {}));
    await ledger.whenDurable();
    expect(() =>
      ledger.transaction(() => {
        ledger.doc('ledger');
        throw new Error('指令执行中出错');
      }),
    ).toThrow('指令执行中出错');
    expect(ledger.docs.loadedRooms()).not.toContain('ledger');
    expect(readAllCases(ledger.doc('ledger')).find((c) => c.id === cases[1])?.fields.status).toBe('handling');
    await ledger.whenDurable();
    ledger.close();
  });
});
