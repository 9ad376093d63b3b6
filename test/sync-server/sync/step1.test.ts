// SYNC9 without a network: step 2 answers cached per version and still correct, step 1 budgets, connections per user, 503.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor } from '../../../shared/case';
import { SyncHub } from '../../../sync-server/sync/hub';
import type { SyncMessage } from '../../../sync-server/sync/protocol';
import { encodeSyncStep1 } from '../../../sync-server/sync/protocol';
import { FakeBackend, OFFICE, OFFICE_2 } from './fake-backend';
import { FakeSocket, settle } from './fake-socket';

const hubs: SyncHub[] = [];
afterEach(() => {
  for (const h of hubs.splice(0)) h.dispose(1001, 'test over');
});

function setup() {
  const clock = { t: 0 };
  const backend = new FakeBackend();
  const hub = new SyncHub(backend, { log: () => {}, now: () => clock.t });
  hubs.push(hub);
  const join = async (actor: Actor = OFFICE) => {
    const socket = new FakeSocket();
    const conn = hub.connect(socket, actor, 'ledger');
    await settle();
    socket.take();
    return { socket, conn };
  };
  /** Sends a step 1 with the state vector and returns the step 2 payload received. */
  const ask = async (m: { socket: FakeSocket; conn: { receive(d: Uint8Array, b: boolean): void } }, sv: Uint8Array) => {
    m.conn.receive(encodeSyncStep1(sv), true);
    await settle();
    const step2 = m.socket
      .take()
      .find((x): x is Extract<SyncMessage, { kind: 'sync-step2' }> => x.kind === 'sync-step2');
    if (step2 === undefined) throw new Error('no sync step 2');
    return step2.update;
  };
  return { backend, hub, join, ask, clock };
}

const EMPTY = new Uint8Array([0]);
const json = (update: Uint8Array, base?: Uint8Array): unknown => {
  const d = new Y.Doc();
  if (base !== undefined) Y.applyUpdate(d, base);
  Y.applyUpdate(d, update);
  return d.getMap('cases').toJSON();
};

describe('SYNC9 step 2 cache', () => {
  it('SYNC9: the whole room is encoded once per document version and the same bytes are reused', async () => {
    const { backend, hub, join, ask } = setup();
    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c1', 'v1'));
    await settle();
    const [a, b, c] = [await join(), await join(OFFICE_2), await join()];
    const first = await ask(a, EMPTY);
    expect(await ask(b, EMPTY)).toEqual(first);
    expect(await ask(c, EMPTY)).toEqual(first);
    expect(hub.stats).toMatchObject({ step2Encoded: 1, step2CacheHits: 2 });
    expect(json(first)).toEqual({ c1: 'v1' });

    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c2', 'v2'));
    await settle();
    const second = await ask(a, EMPTY);
    expect(json(second)).toEqual({ c1: 'v1', c2: 'v2' });
    expect(hub.stats.step2Encoded).toBe(2);
  });

  it('SYNC9: a state vector naming only clients the room does not know gets the cached whole room', async () => {
    const { backend, hub, join, ask } = setup();
    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c1', 'v1'));
    await settle();
    const a = await join();
    const whole = await ask(a, EMPTY);
    const strangers = Y.encodeStateVector(
      new Map([
        [123456, 99],
        [777, 3],
      ]),
    );
    expect(await ask(a, strangers)).toEqual(whole);
    expect(hub.stats.step2CacheHits).toBe(1);
  });

  it('SYNC9: other state vectors get a diff that brings the client to the server state, cached for the version', async () => {
    const { backend, hub, join, ask } = setup();
    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c1', 'x'.repeat(500)));
    await settle();
    const client = Y.encodeStateAsUpdate(backend.doc('ledger'));
    const clientSv = Y.encodeStateVectorFromUpdate(client);
    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c2', 'new'));
    await settle();
    const a = await join();
    const diff = await ask(a, clientSv);
    expect(json(diff, client)).toEqual(backend.doc('ledger').getMap('cases').toJSON());
    expect(diff.length).toBeLessThan(Y.encodeStateAsUpdate(backend.doc('ledger')).length / 4);
    // The same state vector with a stranger client added, and a clock beyond the room's, is the same question.
    const [[client1, clock1]] = [...Y.decodeStateVector(clientSv)] as [[number, number]];
    expect(
      await ask(
        a,
        Y.encodeStateVector(
          new Map([
            [client1, clock1],
            [42, 7],
          ]),
        ),
      ),
    ).toEqual(diff);
    const ahead = Y.encodeStateVector(
      new Map([
        [client1, clock1],
        [backend.doc('ledger').clientID, 10_000],
      ]),
    );
    expect(json(await ask(a, ahead), client)).toEqual({ c1: 'x'.repeat(500) });
    expect(hub.stats.step2CacheHits).toBe(1);
  });

  it('SYNC9: a document the backend replaced (rollback, reload) is read anew, never kept', async () => {
    const { backend, join, ask } = setup();
    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c1', 'old'));
    await settle();
    const a = await join();
    expect(json(await ask(a, EMPTY))).toEqual({ c1: 'old' });
    const fresh = backend.replaceDoc('ledger');
    fresh.getMap('cases').set('c2', 'only in the new document');
    await settle();
    expect(json(await ask(a, EMPTY))).toEqual({ c1: 'old', c2: 'only in the new document' });
  });
});

describe('SYNC9 step 1 budgets', () => {
  it("SYNC9: a connection's fifth step 1 within a minute closes it and the user's others with 1008, and bans the user", async () => {
    const { hub, join, ask, clock } = setup();
    const a = await join();
    const sibling = await join();
    const other = await join(OFFICE_2);
    for (let i = 0; i < 4; i++) await ask(a, EMPTY);
    a.conn.receive(encodeSyncStep1(EMPTY), true);
    expect(a.socket.closed).toEqual({ code: 1008, reason: 'too many sync requests' });
    expect(sibling.socket.closed).toEqual({ code: 1008, reason: 'too many sync requests' });
    expect(other.socket.closed).toBeNull();
    expect(hub.admission(OFFICE)).toMatchObject({ ok: false, status: 429, reason: 'banned' });
    expect(hub.stats).toMatchObject({ step1BudgetExceeded: 1, bans: 1 });
    clock.t += 60_000;
    expect(hub.admission(OFFICE)).toEqual({ ok: true });
  });

  it("SYNC9: the user's step 1 budget (20) spans connections, so a reconnect loop is cut", async () => {
    const { hub, join, ask } = setup();
    for (let i = 0; i < 20; i++) {
      const c = await join();
      await ask(c, EMPTY);
      c.conn.socketClosed();
    }
    const loop = await join();
    loop.conn.receive(encodeSyncStep1(EMPTY), true);
    expect(loop.socket.closed).toEqual({ code: 1008, reason: 'too many sync requests' });
    expect(hub.admission(OFFICE)).toMatchObject({ ok: false, status: 429 });
    expect(hub.admission(OFFICE_2)).toEqual({ ok: true });
  });
});

describe('SYNC9 admission', () => {
  it('SYNC9: a user holds at most 16 connections; the 17th handshake is refused with 429 until one closes', async () => {
    const { hub, join } = setup();
    const open = [];
    for (let i = 0; i < 16; i++) {
      expect(hub.admission(OFFICE)).toEqual({ ok: true });
      open.push(await join());
    }
    const refused = hub.admission(OFFICE);
    expect(refused).toMatchObject({
      ok: false,
      status: 429,
      reason: 'too-many-connections',
      code: 'TOO_MANY_REQUESTS',
      retryAfter: null,
    });
    expect(refused.ok ? '' : refused.message).toMatch(/最多同时打开 16 个同步连接/);
    expect(hub.admission(OFFICE_2)).toEqual({ ok: true });
    open[0]?.conn.socketClosed();
    expect(hub.admission(OFFICE)).toEqual({ ok: true });
    expect(hub.stats.tooManyConnections).toBe(1);
  });

  it('SYNC9: while storage is unavailable every handshake is answered 503 STORAGE_UNAVAILABLE', () => {
    const { backend, hub } = setup();
    backend.storageUp = false;
    expect(hub.admission(OFFICE)).toMatchObject({ ok: false, status: 503, code: 'STORAGE_UNAVAILABLE' });
    backend.storageUp = true;
    expect(hub.admission(OFFICE)).toEqual({ ok: true });
    expect(hub.stats.unavailableHandshakes).toBe(1);
  });
});
