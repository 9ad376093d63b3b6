// SYNC3/SYNC10 fuzzing: ≥ 20,000 structure-aware hostile updates by every role; after each the rooms hold only the layout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor, CaseData } from '../../../shared/case';
import { FIELD_BY_ID } from '../../../shared/fields';
import { casesOf, isFieldValue, readAllCases } from '../../../shared/ydoc-layout';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { openSqliteStore } from '../../../sync-server/store/sqlite-store';
import type { Store } from '../../../sync-server/store/store';
import { prng } from '../../../shared/prng';
import type { Rand } from './update-gen';
import { generate, pick, pickOp } from './update-gen';

const UPDATES = Number(process.env.FUZZ_UPDATES ?? 20_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const CHECK_EVERY = Number(process.env.FUZZ_CHECK_EVERY ?? 5000);
const NOW = Date.parse('2026-11-29T10:00:00+08:00');
const LAYOUT = new Set(['cases', 'units', 'meta']);

let dir: string;
let store: Store;
let ledger: Ledger;
let ids = 0;
const actors: Record<string, Actor> = {};
const rooms: Record<string, string> = {};

const REG = {
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '枣阳市汉光机械有限公司',
  contactName: '刘经理',
  contactPhone: '13812345678',
  summary: '施工许可超期未办结',
  category: '1.行政许可、政务服务不予受理或不按程序时限办理',
};

/** The room's whole state, encoded once per room version (refusals leave the version alone). */
const stateCache = new Map<string, { version: number; state: Uint8Array }>();
function fullState(room: string): Uint8Array {
  const cached = stateCache.get(room);
  if (cached !== undefined && cached.version === ledger.version(room)) return cached.state;
  const state = Y.encodeStateAsUpdate(ledger.doc(room));
  stateCache.set(room, { version: ledger.version(room), state });
  return state;
}

/** A client of one room: its own copy, receiving every committed update as the transport would deliver it. */
class FuzzClient {
  doc = new Y.Doc();
  constructor(
    readonly name: string,
    readonly room: string,
    readonly actor: Actor,
  ) {
    this.reset();
  }

  /** A new connection: a fresh document with the server's state (what follows a close). */
  reset(): void {
    this.doc.destroy();
    this.doc = new Y.Doc();
    Y.applyUpdate(this.doc, fullState(this.room));
  }

  /** The broadcast: every committed update of the room, to the sender too when it carries a compensation. */
  deliver(room: string, update: Uint8Array, origin: unknown, echo: boolean): void {
    if (room === this.room && (origin !== this || echo)) Y.applyUpdate(this.doc, update);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-fuzz-'));
  store = await openSqliteStore(join(dir, 'ledger.sqlite'));
  ledger = await Ledger.open({ store, clock: () => NOW, newId: (p) => `${p}-${++ids}` });
  for (const name of ['lead', 'co', 'other']) {
    const u = await ledger.createUnit(`单位${name}`, null);
    actors[name] = { userId: `p-${name}`, name: `${name}联络员`, role: 'unit', unitId: u.id };
    rooms[name] = `unit:${u.id}`;
  }
  actors.office = { userId: 'p-office', name: '营商办', role: 'office', unitId: null };
  actors.viewer = { userId: 'p-viewer', name: '领导', role: 'viewer', unitId: null };
  rooms.office = 'ledger';
  rooms.viewer = 'ledger';
  const office = actors.office;
  for (let i = 0; i < 6; i++) {
    const c = await ledger.register(office, { ...REG, company: `企业${i}` });
    if (!c.ok) throw new Error(c.error.message);
    if (i < 4)
      await ledger.run(office, c.value.id, 'assign', {
        leadUnit: actors.lead?.unitId,
        coUnits: [actors.co?.unitId],
        kind: 'general',
      });
    if (i < 3) await ledger.run(actors.lead as Actor, c.value.id, 'accept', {});
  }
});

afterAll(async () => {
  ledger.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** After every update: only the layout's roots, every case map flat with known fields, the room's cases exactly the ones it may hold. */
function checkShape(room: string, unitId: string | null): void {
  const doc = ledger.doc(room);
  const bad: string[] = [...doc.share.keys()].filter((k) => !LAYOUT.has(k)).map((k) => `root ${k}`);
  const cases = casesOf(doc);
  for (const [id, map] of cases) {
    if (!(map instanceof Y.Map)) bad.push(`case ${id} is not a map`);
    else for (const [k, v] of map) if (!FIELD_BY_ID.has(k) || !isFieldValue(v)) bad.push(`${id}.${k}`);
  }
  const expected = ledger.projection
    .cases()
    .filter((c) => unitId === null || ledger.projection.caseForUnit(unitId, c.id) !== null);
  const have = [...cases.keys()].sort().join(',');
  if (
    have !==
    expected
      .map((c) => c.id)
      .sort()
      .join(',')
  )
    bad.push(`cases ${have}`);
  if (bad.length > 0) expect([room, bad]).toEqual([room, []]);
}

const fieldsOf = (cs: CaseData[]) => Object.fromEntries(cs.map((c) => [c.id, c.fields]));

/** The hostile suite's invariants, in process: reads equal the documents, the audit explains each value, an edit still flows. */
async function checkAll(): Promise<void> {
  await ledger.whenDurable();
  const office = actors.office as Actor;
  expect(fieldsOf(readAllCases(ledger.doc('ledger')))).toEqual(fieldsOf(ledger.visibleCases(office)));
  for (const name of ['lead', 'co', 'other']) {
    const a = actors[name] as Actor;
    expect(fieldsOf(readAllCases(ledger.doc(rooms[name] as string)))).toEqual(fieldsOf(ledger.visibleCases(a)));
  }
  const latest = new Map<string, unknown>();
  for (let after = 0; ;) {
    const rows = await store.audit({ afterId: after, limit: 5000 });
    for (const r of rows)
      if (r.accepted && r.caseId !== null && r.field !== null) latest.set(`${r.caseId}|${r.field}`, r.new);
    if (rows.length < 5000) break;
    after = rows[rows.length - 1]?.id ?? after;
  }
  for (const c of ledger.visibleCases(office)) {
    for (const [field, value] of Object.entries(c.fields)) {
      if (field !== 'warning')
        expect([c.id, field, latest.get(`${c.id}|${field}`) ?? null]).toEqual([c.id, field, value ?? null]);
    }
  }
  const probe = new FuzzClient('probe', 'ledger', office);
  const target = ledger.visibleCases(office)[0] as CaseData;
  let broadcast = false;
  const off = ledger.onCommitted((room) => {
    if (room === 'ledger') broadcast = true;
  });
  const before = Y.encodeStateVector(probe.doc);
  (casesOf(probe.doc).get(target.id) as unknown as Y.Map<unknown>).set('address', `地址${Math.random()}`);
  const r = ledger.applyClientUpdate('ledger', office, {}, Y.encodeStateAsUpdate(probe.doc, before));
  expect(r).toEqual({ outcome: 'applied', rejections: [], refused: 0 });
  await ledger.whenDurable();
  off();
  expect(broadcast).toBe(true);
  probe.doc.destroy();
}

describe('structure-aware fuzzing', () => {
  it(`SYNC3/SYNC10: ${UPDATES} hostile updates (seed ${SEED}) leave every room in shape and every invariant true`, async () => {
    const rand: Rand = prng(SEED);
    const clients = ['office', 'viewer', 'lead', 'co', 'other'].map(
      (n) => new FuzzClient(n, rooms[n] as string, actors[n] as Actor),
    );
    const off = ledger.onCommitted((room, update, origin, echo) => {
      for (const c of clients) c.deliver(room, update, origin, echo);
    });
    const tally: Record<string, number> = {};
    for (let i = 1; i <= UPDATES; i++) {
      const client = pick(rand, clients);
      const op = pickOp(rand);
      const room = client.room;
      const known = op === 'deletes' ? [...ledger.doc(room).store.clients.keys(), client.doc.clientID] : [];
      let update: Uint8Array | null;
      try {
        update = generate(rand, client.doc, op, known);
      } catch {
        client.reset(); // Yjs itself refused to build it on the client (e.g. undefined in an array)
        continue;
      }
      if (update === null) continue;
      const before = ledger.version(room);
      let outcome: string;
      try {
        outcome = ledger.applyClientUpdate(room, client.actor, client, update).outcome;
      } catch {
        outcome = 'undecodable';
      }
      tally[`${op}:${outcome}`] = (tally[`${op}:${outcome}`] ?? 0) + 1;
      if (outcome === 'failed') expect([i, op, outcome]).toEqual([i, op, 'applied or refused']);
      if (outcome !== 'applied') {
        // nothing of it was applied, stored or broadcast
        if (ledger.version(room) !== before) expect([i, op, ledger.version(room)]).toEqual([i, op, before]);
        client.reset();
      }
      checkShape(room, client.actor.unitId);
      if (i % 250 === 0) await new Promise((r) => setImmediate(r));
      if (i % CHECK_EVERY === 0) await checkAll();
    }
    await checkAll();
    off();
    console.log(`[figures] fuzz seed ${SEED}: ${UPDATES} updates`, JSON.stringify(tally));
  }, 600_000);
});
