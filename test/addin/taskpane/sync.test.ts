// The sync client against a real server: connection states, rejections, 4401/4403, offline edits counted, kept and sent on reconnect.
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState, SyncOptions } from '../../../addin/client/sync';
import { SyncClient, syncEndpoint } from '../../../addin/client/sync';
import { readRejection } from '../../../shared/contract/sync';
import { PendingTracker, itemsBeyond } from '../../../addin/client/pending';
import { localCopyName } from '../../../addin/client/local-copy';
import { casesOf, readCase, writeFields } from '../../../shared/ydoc-layout';
import { Harness, REGISTRATION, scene, waitFor } from '../../sync-server/integration/harness';
import { MemoryCopies } from './memory-copy';

const WS = WebSocket as unknown as typeof globalThis.WebSocket;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const h = await Harness.start();
  cleanups.push(() => h.stop());
  const s = await scene(h);
  const { id } = await h.ok<{ id: string }>(s.tokens.office, 'POST', '/api/cases', REGISTRATION);
  await h.ok(s.tokens.office, 'POST', `/api/cases/${id}/assign`, {
    leadUnit: s.units.lead,
    coUnits: [s.units.co],
    kind: 'general',
  });
  await h.ok(s.tokens.lead, 'POST', `/api/cases/${id}/accept`, {});
  return { h, s, id };
}

async function open(
  h: Harness,
  opts: Partial<SyncOptions> & { token: string; room: string },
): Promise<{ client: SyncClient; states: ConnectionState[] }> {
  const client = await SyncClient.open({
    serverUrl: h.url,
    userId: 'u-test',
    localCopy: null,
    WebSocketPolyfill: WS,
    ...opts,
  });
  cleanups.push(() => client.destroy());
  const states: ConnectionState[] = [];
  client.onState((s) => states.push(s));
  return { client, states };
}

const handlerOf = (doc: Y.Doc, id: string) => readCase(doc, id)?.fields.handler;

describe('ADDIN5: SyncClient', () => {
  it('goes connecting → syncing → online with the number of cases, and offline when disconnected', async () => {
    const { h, s } = await setup();
    const { client, states } = await open(h, { token: s.tokens.lead, room: `unit:${s.units.lead}` });
    await client.whenSynced();
    await waitFor(() => client.state.kind === 'online', 'online');
    expect(states[0]).toEqual({ kind: 'connecting', cases: 0 });
    expect(states.map((x) => x.kind)).toEqual(expect.arrayContaining(['connecting', 'syncing', 'online']));
    expect(client.state).toEqual({ kind: 'online', cases: 1 });
    client.disconnect();
    expect(client.state).toEqual({ kind: 'offline', pending: 0 });
    expect(syncEndpoint('https://a.b:1/')).toBe('wss://a.b:1/sync');
    expect(syncEndpoint('http://a.b')).toBe('ws://a.b/sync');
  });

  it('counts offline edits as pending and sends them on reconnect', async () => {
    const { h, s, id } = await setup();
    const office = h.connect('ledger', s.tokens.office);
    await office.synced();
    const { client } = await open(h, { token: s.tokens.lead, room: `unit:${s.units.lead}` });
    await client.whenSynced();
    client.disconnect();
    writeFields(client.doc, id, { handler: '王经办' });
    writeFields(client.doc, id, { handlerPhone: '13812345678' });
    expect(client.state).toEqual({ kind: 'offline', pending: 2 });
    await new Promise((r) => setTimeout(r, 200));
    expect(handlerOf(office.doc, id)).toBeUndefined();
    client.connect();
    await waitFor(() => handlerOf(office.doc, id) === '王经办', 'the offline edit at the office');
    await waitFor(() => client.state.kind === 'online', 'online again');
    expect(client.pending).toBe(0);
    // an online edit is sent at once and never counted
    writeFields(client.doc, id, { handler: '赵经办' });
    expect(client.pending).toBe(0);
    await waitFor(() => handlerOf(office.doc, id) === '赵经办', 'the online edit');
  });

  it('keeps offline edits in the local copy across a reload and sends them later', async () => {
    const { h, s, id } = await setup();
    const copies = new MemoryCopies();
    const room = `unit:${s.units.lead}`;
    const first = await open(h, { token: s.tokens.lead, room, localCopy: copies.factory });
    await first.client.whenSynced();
    await new Promise((r) => setTimeout(r, 50));
    first.client.disconnect();
    writeFields(first.client.doc, id, { handler: '离线经办' });
    expect(first.client.pending).toBe(1);
    first.client.destroy();

    // "reload": a new document filled from the local copy, not connected yet
    const second = await open(h, {
      token: s.tokens.lead,
      room,
      localCopy: copies.factory,
      doc: new Y.Doc(),
      connect: false,
    });
    expect(casesOf(second.client.doc).size).toBe(1);
    expect(handlerOf(second.client.doc, id)).toBe('离线经办');
    expect(second.client.state).toEqual({ kind: 'offline', pending: 1 });
    const office = h.connect('ledger', s.tokens.office);
    await office.synced();
    expect(handlerOf(office.doc, id)).toBeUndefined();
    second.client.connect();
    await waitFor(() => handlerOf(office.doc, id) === '离线经办', 'the reloaded offline edit at the office');
    await waitFor(() => second.client.pending === 0 && second.client.state.kind === 'online', 'nothing pending');
    expect(copies.updates.has(localCopyName(h.url, 'u-test', room))).toBe(true);
  });

  it('SYNC12: survives the server going away: offline with pending edits, then online and sent when it is back', async () => {
    const { h, s, id } = await setup();
    const { client } = await open(h, { token: s.tokens.lead, room: `unit:${s.units.lead}` });
    await client.whenSynced();
    const port = h.server.port;
    await h.stop(false);
    await waitFor(() => client.state.kind === 'offline', 'offline');
    writeFields(client.doc, id, { handler: '断网经办' });
    expect(client.state).toEqual({ kind: 'offline', pending: 1 });
    const again = await Harness.start(h.dataDir, { port });
    cleanups.push(() => again.stop());
    await waitFor(() => client.state.kind === 'online', 'online after restart', 15_000);
    const office = again.connect('ledger', s.tokens.office);
    await office.synced();
    await waitFor(() => handlerOf(office.doc, id) === '断网经办', 'the edit after restart');
  });

  it("SYNC3: receives the server's rejections with the Chinese reason (also those that arrive before anyone listens)", async () => {
    const { h, s, id } = await setup();
    const { client } = await open(h, { token: s.tokens.lead, room: `unit:${s.units.lead}` });
    await client.whenSynced();
    writeFields(client.doc, id, { company: '改名公司' });
    await waitFor(() => readCase(client.doc, id)?.fields.company === REGISTRATION.company, 'the compensation');
    const got: unknown[] = [];
    client.onRejection((r) => got.push(r));
    await waitFor(() => got.length === 1, 'the rejection');
    expect(got[0]).toEqual({
      caseId: id,
      field: 'company',
      code: 'FIELD_OWNED_BY_OFFICE',
      message: '“诉求企业”由市营商办登记填写，承办单位不能修改',
    });
  });

  it('SYNC1: reports 4401 for a bad token and 4403 for another room, and stops retrying', async () => {
    const { h, s } = await setup();
    const bad = await open(h, { token: 'u-x.nope', room: 'ledger' });
    await waitFor(() => bad.client.state.kind === 'refused', 'refused 4401');
    expect(bad.client.state).toEqual({ kind: 'refused', code: 4401, message: '令牌无效或已吊销，请重新登录' });
    const wrong = await open(h, { token: s.tokens.lead, room: 'ledger' });
    await waitFor(() => wrong.client.state.kind === 'refused', 'refused 4403');
    expect(wrong.client.state).toMatchObject({ code: 4403, message: expect.stringContaining('无权访问') });
    await new Promise((r) => setTimeout(r, 400));
    expect(bad.client.provider.shouldConnect).toBe(false);
    expect(bad.client.provider.ws).toBeNull();
  });
});

describe('ADDIN5: pending count and rejection payloads', () => {
  it('counts items beyond the acknowledged state vector and restores it from its encoding', () => {
    const doc = new Y.Doc();
    const t = new PendingTracker(doc);
    writeFields(doc, 'c', { a: 1, b: 2 });
    expect(t.count()).toBe(3); // the case map and two values
    t.ack();
    writeFields(doc, 'c', { a: 5 });
    expect(t.count()).toBe(1);
    expect(t.encode()).toEqual(new PendingTracker(doc, t.encode()).encode());
    expect(new PendingTracker(doc, t.encode()).count()).toBe(1);
    expect(new PendingTracker(doc, Uint8Array.from([200])).count()).toBe(4);
    expect(
      itemsBeyond(
        new Map([
          [1, 5],
          [2, 3],
        ]),
        new Map([[1, 7]]),
      ),
    ).toBe(3);
  });

  it('CON2: ignores malformed rejection payloads and codes outside the closed table', () => {
    const read = (payload: string) => {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, payload);
      return readRejection(decoding.createDecoder(encoding.toUint8Array(e)));
    };
    expect(read('{"caseId":"c","field":null,"code":"READ_ONLY","message":"中文"}')).toEqual({
      caseId: 'c',
      field: null,
      code: 'READ_ONLY',
      message: '中文',
    });
    expect(read('{"caseId":"c","field":null,"code":"X","message":"中文"}')).toBeNull();
    expect(read('not json')).toBeNull();
    expect(read('{"caseId":1}')).toBeNull();
    expect(readRejection(decoding.createDecoder(Uint8Array.from([5, 1])))).toBeNull();
  });
});
