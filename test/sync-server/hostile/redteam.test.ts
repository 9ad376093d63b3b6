// The red-team review's attacks, as regression tests: hand-built updates that a real Y.Doc never encodes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor } from '../../../shared/case';
import { casesOf, readAllCases } from '../../../shared/ydoc-layout';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import type { Store } from '../../../sync-server/store/store';
import { encodeV1 } from './v1';

const NOW = Date.parse('2026-11-29T10:00:00+08:00');
const REG = {
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '枣阳市汉光机械有限公司',
  contactName: '刘经理',
  contactPhone: '13812345678',
  summary: '施工许可超期未办结',
  category: '1.行政许可、政务服务不予受理或不按程序时限办理',
};

let store: Store;
let ledger: Ledger;
let ids = 0;
const actors: Record<string, Actor> = {};
const rooms: Record<string, string> = {};
const cases: string[] = [];

async function open(): Promise<Ledger> {
  return Ledger.open({
    store,

    clock: () => NOW,
    newId: (p) => `${p}-${++ids}`,
    log: () => undefined,
  });
}

beforeEach(async () => {
  store = createMemoryStore({ log: () => undefined });
  ledger = await open();
  for (const name of ['lead', 'co', 'other']) {
    const u = await ledger.createUnit(`单位${name}`, null);
    actors[name] = { userId: `p-${name}`, name, role: 'unit', unitId: u.id };
    rooms[name] = `unit:${u.id}`;
  }
  actors.office = { userId: 'p-office', name: '营商办', role: 'office', unitId: null };
  actors.viewer = { userId: 'p-viewer', name: '领导', role: 'viewer', unitId: null };
  cases.length = 0;
  for (let i = 0; i < 3; i++) {
    const c = await ledger.register(actors.office as Actor, { ...REG, company: `企业${i}` });
    if (!c.ok) throw new Error(c.error.message);
    cases.push(c.value.id);
    await ledger.run(actors.office as Actor, c.value.id, 'assign', { leadUnit: actors.lead?.unitId, kind: 'general' });
    await ledger.run(actors.lead as Actor, c.value.id, 'accept', {});
  }
});

afterEach(() => {
  ledger.close();
});

/** A peer receiving every committed update of a room, as the transport delivers it. */
function peer(room: string): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(ledger.doc(room)));
  ledger.onCommitted((r, u) => {
    if (r === room) Y.applyUpdate(doc, u);
  });
  return doc;
}

const itemId = (room: string, caseId: string): [number, number] => {
  const id = (casesOf(ledger.doc(room)).get(caseId) as unknown as Y.Map<unknown>)._item?.id as Y.ID;
  return [id.client, id.clock];
};
const view = (doc: Y.Doc) => JSON.stringify(readAllCases(doc).sort((a, b) => a.id.localeCompare(b.id)));

/** The server's room, a peer of it, the room rebuilt from the store, and HTTP all agree. */
async function agree(room: string, p: Y.Doc): Promise<void> {
  await ledger.whenDurable();
  expect(view(p)).toBe(view(ledger.doc(room)));
  ledger.close();
  ledger = await open();
  expect(view(ledger.doc(room))).toBe(view(p));
  const http = Object.fromEntries(ledger.visibleCases(actors.office as Actor).map((c) => [c.id, c.fields]));
  for (const c of readAllCases(ledger.doc('ledger'))) expect(http[c.id]).toEqual(c.fields);
}

describe('hostile: crafted updates from the red-team review', () => {
  it('SYNC10: a struct the server partly has lands where Yjs puts it (its origin), not where it claims; nothing vanishes', async () => {
    const room = rooms.lead as string;
    const p = peer(room);
    const X = 0xfffffff0;
    const lead = actors.lead as Actor;
    // (X,0): an accepted write of 经办人 in case 0
    const first = ledger.applyClientUpdate(
      room,
      lead,
      {},
      encodeV1([
        {
          client: X,
          clock: 0,
          structs: [{ parent: { id: itemId(room, cases[0] as string) }, sub: 'handler', content: { any: ['张三'] } }],
        },
      ]),
    );
    expect(first.outcome).toBe('applied');
    // (X,0) again with length 2, claiming to replace case 1: the new part (X,1) belongs after (X,0)
    const second = ledger.applyClientUpdate(
      room,
      lead,
      {},
      encodeV1([
        {
          client: X,
          clock: 0,
          structs: [{ parent: { root: 'cases' }, sub: cases[1] as string, content: { deleted: 2 } }],
        },
      ]),
    );
    expect(second.outcome).toBe('applied');
    expect(casesOf(ledger.doc(room)).has(cases[1] as string)).toBe(true);
    await agree(room, p);
  });

  it('SYNC10/PERM1: a viewer’s update that would change anything is refused whole', () => {
    const r = ledger.applyClientUpdate(
      'ledger',
      actors.viewer as Actor,
      {},
      encodeV1([
        {
          client: 77,
          clock: 0,
          structs: [
            { parent: { id: itemId('ledger', cases[0] as string) }, sub: 'company', content: { any: ['企业0'] } },
          ],
        },
      ]),
    );
    expect([r.outcome, r.rejections[0]?.code]).toEqual(['refused', 'READ_ONLY']);
  });

  it('SYNC10: thousands of same-value writes from distinct client ids are refused whole (no quadratic conflict resolution)', () => {
    const room = 'ledger';
    const at = itemId(room, cases[0] as string);
    const many = (from: number, n: number) =>
      encodeV1(
        Array.from({ length: n }, (_, i) => ({
          client: from + i,
          clock: 0,
          structs: [{ parent: { id: at }, sub: 'company', content: { any: ['企业0'] } }],
        })),
      );
    const t0 = performance.now();
    const r = ledger.applyClientUpdate(room, actors.office as Actor, {}, many(1000, 5000));
    console.log(`[figures] 5,000 crafted same-key writes refused in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(r.outcome).toBe('refused');
    // within the limit of new client ids, repeated updates grow the key's chain until conflict resolution would walk
    // too far: then they are refused too, so no update ever costs more than the budget
    let outcome = 'applied';
    let sent = 0;
    for (let k = 0; outcome === 'applied' && k < 400; k++, sent++)
      outcome = ledger.applyClientUpdate(room, actors.office as Actor, {}, many(10_000 + 32 * k, 32)).outcome;
    expect(outcome).toBe('refused');
    expect(sent).toBeLessThan(400);
  });

  it('PERM8/SYNC10: replacing or deleting every case in one update is refused whole (no mass rebuild)', () => {
    const office = actors.office as Actor;
    const replace = ledger.applyClientUpdate(
      'ledger',
      office,
      {},
      encodeV1([
        {
          client: 88,
          clock: 0,
          structs: cases.map((id) => ({ parent: { root: 'cases' }, sub: id, content: { map: true as const } })),
        },
      ]),
    );
    expect([replace.outcome, replace.rejections[0]?.code]).toEqual(['refused', 'CASE_CREATE_FORBIDDEN']);
    const deletes = cases
      .map((id) => itemId('ledger', id))
      .map(([client, clock]) => [client, [[clock, 1]]] as [number, [number, number][]]);
    const del = ledger.applyClientUpdate('ledger', office, {}, encodeV1([], deletes));
    expect([del.outcome, del.rejections[0]?.code]).toEqual(['refused', 'CASE_DELETE_FORBIDDEN']);
    expect(readAllCases(ledger.doc('ledger'))).toHaveLength(3);
  });

  it('SYNC10: a tombstone the server partly has cannot smuggle text content past the check', () => {
    const room = rooms.lead as string;
    const X = 0x70000001;
    ledger.applyClientUpdate(
      room,
      actors.lead as Actor,
      {},
      encodeV1([
        {
          client: X,
          clock: 0,
          structs: [{ parent: { id: itemId(room, cases[0] as string) }, sub: 'nextPlan', content: { any: ['计划'] } }],
        },
      ]),
    );
    const r = ledger.applyClientUpdate(
      room,
      actors.lead as Actor,
      {},
      encodeV1([
        {
          client: X,
          clock: 0,
          structs: [{ content: { gc: 2 } }, { origin: [X, 0], content: { string: 'F'.repeat(100_000) } }],
        },
      ]),
    );
    expect(r.outcome).toBe('refused');
  });

  it('SYNC10: structs that cannot be applied in any order (a parent after its child, a cycle across clients) are refused, not rolled back', () => {
    const room = 'ledger';
    const office = actors.office as Actor;
    const forward = ledger.applyClientUpdate(
      room,
      office,
      {},
      encodeV1([
        {
          client: 4242,
          clock: 0,
          structs: [
            { parent: { id: [4242, 1] }, sub: 'company', content: { any: ['x'] } },
            { parent: { root: 'cases' }, sub: 'c-new', content: { map: true } },
          ],
        },
      ]),
    );
    expect(forward.outcome).toBe('refused');
    const at = itemId(room, cases[0] as string);
    const cycle = ledger.applyClientUpdate(
      room,
      office,
      {},
      encodeV1([
        { client: 5001, clock: 0, structs: [{ origin: [5002, 0], content: { any: ['a'] } }] },
        { client: 5002, clock: 0, structs: [{ origin: [5001, 1], content: { any: ['b'] } }] },
        { client: 5001, clock: 1, structs: [{ parent: { id: at }, sub: 'address', content: { any: ['c'] } }] },
      ]),
    );
    expect(cycle.outcome).toBe('refused');
  });

  it('SYNC7: every refused key of an update is charged, not the update once', () => {
    const room = rooms.lead as string;
    const at = itemId(room, cases[0] as string);
    const r = ledger.applyClientUpdate(
      room,
      actors.lead as Actor,
      {},
      encodeV1([
        {
          client: 6001,
          clock: 0,
          structs: ['company', 'status', 'summary', 'leadUnit', 'code'].map((f) => ({
            parent: { id: at },
            sub: f,
            content: { any: ['伪造'] },
          })),
        },
      ]),
    );
    expect(r.outcome).toBe('applied');
    expect(r.refused).toBe(5);
  });
});
