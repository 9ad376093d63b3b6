// SYNC13/SYNC14 over the wire: a stock y-websocket client joining a cold unit room is answered from its marked snapshot, converges, and its first edit is enforced.
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { Actor } from '../../../shared/case';
import { casesOf, readUnits } from '../../../shared/ydoc-layout';
import type { Accounts } from '../../../sync-server/accounts';
import { ledgerBackend } from '../../../sync-server/backend';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import type { Store } from '../../../sync-server/store/store';
import { REGISTRATION, office } from '../ledger/ledger-fixtures';
import type { TestClient, TestServer } from './net-helpers';
import { connectProvider, startServer, waitFor, whenSynced } from './net-helpers';

let n = 0;
const open = (store: Store) =>
  Ledger.open({ store, clock: () => Date.parse('2026-10-09T10:00:00+08:00'), newId: (p) => `${p}-${++n}` });

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A store whose unit room is one marked snapshot (decoded once after a restart: STORE36), its unit and case. */
async function markedStore() {
  const store = createMemoryStore();
  const first = await open(store);
  const unitId = (await first.createUnit('市税务局', null)).id;
  const r = await first.register(office, { ...REGISTRATION, company: '冷启动企业' });
  if (!r.ok) throw new Error(r.error.message);
  await first.run(office, r.value.id, 'assign', { leadUnit: unitId, kind: 'general' });
  await first.run({ userId: 'u1', name: '联络员', role: 'unit', unitId }, r.value.id, 'accept', {});
  await first.whenDurable();
  first.close();
  const second = await open(store);
  second.doc(`unit:${unitId}`);
  await new Promise((res) => setImmediate(res));
  await second.whenDurable();
  second.close();
  return { store, unitId, caseId: r.value.id };
}

/** Serves the ledger; `stored` counts the answers the sync layer took from a cold room's stored state. */
async function serve(ledger: Ledger, actor: Actor): Promise<{ server: TestServer; stored: () => number }> {
  const accounts = { authenticate: (token: string | null) => (token === 'unit' ? actor : null) } as unknown as Accounts;
  const backend = ledgerBackend(ledger, accounts);
  let stored = 0;
  backend.storedState = (room) => {
    const state = ledger.storedState(room);
    if (state !== null) stored++;
    return state;
  };
  const server = await startServer(backend);
  cleanups.push(() => server.stop());
  return { server, stored: () => stored };
}

function connect(server: TestServer, room: string): TestClient {
  const c = connectProvider(server.url, room, 'unit');
  cleanups.push(() => c.destroy());
  return c;
}

const json = (d: Y.Doc) => ({
  cases: casesOf(d).toJSON(),
  units: d.getMap('units').toJSON(),
  meta: d.getMap('meta').toJSON(),
});

describe('a y-websocket client joining a cold unit room', () => {
  it('SYNC13, SYNC14: it is answered from the stored snapshot, the room is decoded right after, a later client converges, and edits are enforced', async () => {
    const { store, unitId, caseId } = await markedStore();
    const ledger = await open(store);
    cleanups.push(() => ledger.close());
    const room = `unit:${unitId}`;
    const actor: Actor = { userId: 'u1', name: '联络员', role: 'unit', unitId };
    const { server, stored } = await serve(ledger, actor);

    const cold = connect(server, room);
    await whenSynced(cold);
    expect(stored()).toBeGreaterThan(0);
    expect(casesOf(cold.doc).get(caseId)?.get('company')).toBe('冷启动企业');
    // SYNC14: decoded and repaired right after the answer, so a room with members is decoded as before
    await waitFor(() => ledger.docs.decoded(room), 'decoded after the answer');

    const warm = connect(server, room);
    await whenSynced(warm);
    expect(json(cold.doc)).toEqual(json(warm.doc));

    // a field the unit may not write comes back as it was; one it may write is accepted and reaches the other client
    const map = casesOf(cold.doc).get(caseId) as Y.Map<unknown>;
    map.set('company', '改名企业');
    await waitFor(() => map.get('company') === '冷启动企业', 'forbidden edit reverted');
    expect(ledger.projection.case(caseId)?.fields.company).toBe('冷启动企业');
    map.set('handler', '张三');
    await waitFor(() => ledger.projection.durableCase(caseId)?.fields.handler === '张三', 'permitted edit durable');
    await waitFor(() => casesOf(warm.doc).get(caseId)?.get('handler') === '张三', 'edit relayed');
    expect(json(cold.doc)).toEqual(json(warm.doc));
  });

  it('SYNC14: a client answered from the stored snapshot hears of a unit created afterwards, as on a decoded room', async () => {
    const { store, unitId } = await markedStore();
    const ledger = await open(store);
    cleanups.push(() => ledger.close());
    const room = `unit:${unitId}`;
    const { server, stored } = await serve(ledger, { userId: 'u1', name: '联络员', role: 'unit', unitId });
    const client = connect(server, room);
    await whenSynced(client);
    expect(stored()).toBeGreaterThan(0);
    await waitFor(() => ledger.docs.decoded(room), 'decoded after the answer');
    const added = await ledger.createUnit('市住建局', null);
    await waitFor(() => readUnits(client.doc).get(added.id) === '市住建局', 'the new unit reaches the member');
  });
});
