// SYNC13/SYNC14/STORE35/STORE36: a cold unit room is answered from its marked snapshot, and only when that is what the decoded, repaired room would serve.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor } from '../../../shared/case';
import type { FieldValue } from '../../../shared/fields';
import { casesOf, readUnits } from '../../../shared/ydoc-layout';
import { ledgerBackend } from '../../../sync-server/backend';
import type { Accounts } from '../../../sync-server/accounts';
import { markKey } from '../../../sync-server/ledger/room-marks';
import { decodeMessage } from '../../../sync-server/sync/protocol';
import { createStats } from '../../../sync-server/sync/stats';
import { SyncCache } from '../../../sync-server/sync/sync-cache';
import { REGISTRATION, office } from './ledger-fixtures';
import { docOf, join, json, marked, open, text, turn } from './cold-room-fixtures';

describe('cold unit rooms served from their marked snapshot', () => {
  it('SYNC13, STORE35, STORE36: a room compacted after its first decode is answered after a restart without decoding, as the decoded room', async () => {
    const { store, cases, room } = await marked();
    expect(await store.loadRoom(room)).toHaveLength(1);
    expect(await store.meta(markKey(room))).not.toBeNull();
    const ledger = await open(store);
    const cold = join(ledger, room);
    expect(ledger.docs.decoded(room)).toBe(false);
    const client = docOf(cold.update);
    expect([...casesOf(client).keys()]).toEqual([cases[0]]);
    ledger.doc(room); // what a first edit, a command or the projection does
    const warm = join(ledger, room);
    expect(json(client)).toEqual(json(docOf(warm.update)));
    expect(Y.decodeStateVector(cold.stateVector)).toEqual(Y.decodeStateVector(warm.stateVector));
    ledger.close();
  });

  it('SYNC14: the answers cached from the snapshot are dropped once a command decodes and changes the room', async () => {
    const { store, room, units, cases } = await marked();
    const ledger = await open(store);
    const cache = new SyncCache(room, ledgerBackend(ledger, {} as Accounts), createStats());
    const empty = Y.encodeStateVector(new Y.Doc());
    const step2 = () => {
      const m = decodeMessage(cache.step2(empty));
      if (!m.ok || m.value.kind !== 'sync-step2') throw new Error('no step 2');
      return docOf(m.value.update);
    };
    const status = (d: Y.Doc) => (casesOf(d).get(cases[0] as string) as Y.Map<unknown>).get('status');
    expect(status(step2())).toBe('assigned');
    expect(ledger.docs.decoded(room)).toBe(false);
    const lead: Actor = { userId: 'u1', name: '联络员', role: 'unit', unitId: units[0] as string };
    expect((await ledger.run(lead, cases[0] as string, 'accept', {})).ok).toBe(true);
    expect(status(step2())).toBe('handling');
    ledger.close();
  });

  it('SYNC13, STORE36: a room without a mark is decoded and repaired on first join, as before, and marked for the next start', async () => {
    const { store, room } = await marked();
    await store.setMeta(markKey(room), 'not a mark');
    expect(await store.loadRoom(room)).toHaveLength(1);
    const ledger = await open(store);
    join(ledger, room);
    expect(ledger.docs.decoded(room)).toBe(true);
    await turn();
    await ledger.whenDurable();
    ledger.close();
    const again = await open(store);
    join(again, room);
    expect(again.docs.decoded(room)).toBe(false);
    again.close();
  });

  it('SYNC13: a case planted in the stored room (an update, or a replaced snapshot) is never served; the repair removes it', async () => {
    const { store, room, cases } = await marked();
    const [snapshot] = await store.loadRoom(room);
    const planted = docOf(snapshot as Uint8Array);
    const before = Y.encodeStateVector(planted);
    casesOf(planted).set(cases[1] as string, new Y.Map<FieldValue>([['company', '不该看到的企业']]));
    await store.appendUpdate(room, Y.encodeStateAsUpdate(planted, before));
    for (const replace of [false, true]) {
      if (replace) await store.compactRoom(room, Y.encodeStateAsUpdate(planted));
      const ledger = await open(store);
      const answer = join(ledger, room);
      expect(text(answer.update)).not.toContain('不该看到的企业');
      expect([...casesOf(docOf(answer.update)).keys()]).toEqual([cases[0]]);
      await ledger.whenDurable();
      ledger.close();
    }
  });

  it('SYNC13: a command accepted after the snapshot (a later stored update) is in the answer: the room is decoded', async () => {
    const { store, room, units, cases } = await marked();
    const ledger = await open(store);
    const lead: Actor = { userId: 'u1', name: '联络员', role: 'unit', unitId: units[0] as string };
    expect((await ledger.run(lead, cases[0] as string, 'accept', {})).ok).toBe(true);
    await ledger.whenDurable();
    ledger.close();
    const again = await open(store);
    const answer = join(again, room);
    const map = casesOf(docOf(answer.update)).get(cases[0] as string) as Y.Map<unknown>;
    expect(map.get('status')).toBe('handling');
    again.close();
  });

  it('SYNC13: after a unit is added while the room is cold, a joining client gets the new unit name', async () => {
    const { store, room } = await marked();
    const ledger = await open(store);
    const added = await ledger.createUnit('市住建局', null);
    expect(ledger.docs.decoded(room)).toBe(false);
    const answer = join(ledger, room);
    expect(readUnits(docOf(answer.update)).get(added.id)).toBe('市住建局');
    ledger.close();
  });

  it('SYNC13: in a new year the marked snapshot is not served; the client gets the year a repair writes', async () => {
    const { store, room } = await marked();
    const ledger = await open(store, '2027-01-02T10:00:00+08:00');
    const answer = join(ledger, room);
    expect(ledger.docs.decoded(room)).toBe(true);
    expect(docOf(answer.update).getMap('meta').get('year')).toBe(2027);
    ledger.close();
  });

  it('SYNC14: a client that has part of the room receives exactly the diff for its state vector', async () => {
    const { store, units, room } = await marked();
    const [snapshot] = await store.loadRoom(room);
    const old = docOf(snapshot as Uint8Array);
    const ledger = await open(store);
    const r = await ledger.register(office, { ...REGISTRATION, company: '第二家企业' });
    if (!r.ok) throw new Error(r.error.message);
    await ledger.run(office, r.value.id, 'assign', { leadUnit: units[0] as string, kind: 'general' });
    ledger.docs.compact(room);
    await ledger.whenDurable();
    ledger.close();

    const cold = await open(store);
    const sv = Y.encodeStateVector(old);
    const diff = join(cold, room, sv).update;
    expect(cold.docs.decoded(room)).toBe(false);
    expect(text(diff)).toContain('第二家企业');
    expect(text(diff)).not.toContain(`企业-${units[0]}`); // what the client has is not sent again
    const whole = join(cold, room).update;
    expect(diff.length).toBeLessThan(whole.length);
    Y.applyUpdate(old, diff);
    const decoded = cold.doc(room);
    expect(json(old)).toEqual(json(decoded));
    cold.close();
  });

  it('SYNC13: a marked room whose stored snapshot was damaged is decoded and fails, never served empty', async () => {
    const { store, room } = await marked();
    await store.compactRoom(room, Uint8Array.from([255, 255, 255, 255, 15]));
    const ledger = await open(store);
    expect(() => join(ledger, room)).toThrow();
    expect(() => join(ledger, room)).toThrow();
    ledger.close();
  });

  it('SYNC14: a first edit after a cold answer decodes and repairs the room and is enforced', async () => {
    const { store, room, units, cases } = await marked();
    const ledger = await open(store);
    const client = docOf(join(ledger, room).update);
    let update: Uint8Array | null = null;
    client.on('update', (u: Uint8Array) => (update = u));
    const map = casesOf(client).get(cases[0] as string) as Y.Map<unknown>;
    map.set('company', '改名企业');
    const unit: Actor = { userId: 'u1', name: '联络员', role: 'unit', unitId: units[0] as string };
    const outcome = ledger.applyClientUpdate(room, unit, {}, update as unknown as Uint8Array);
    expect(outcome.rejections.map((x) => x.code)).toContain('FIELD_OWNED_BY_OFFICE');
    expect(ledger.docs.decoded(room)).toBe(true);
    expect(ledger.projection.case(cases[0] as string)?.fields.company).toBe(`企业-${units[0]}`);
    ledger.close();
  });
});
