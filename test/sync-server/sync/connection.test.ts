// Connection and room logic without a network: join handshake, commit ordering, rejections, close codes, limits.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SyncHub } from '../../../sync-server/sync/hub';
import { encodeQueryAwareness, encodeSyncStep1, encodeSyncUpdate } from '../../../sync-server/sync/protocol';
import { FakeBackend, OFFICE } from './fake-backend';
import { FakeSocket, settle } from './fake-socket';
import { applyAll, clientUpdate } from './updates';

const hubs: SyncHub[] = [];
afterEach(() => {
  for (const h of hubs.splice(0)) h.dispose(1001, 'test over');
});

function setup(opts: { manual?: boolean; now?: () => number } = {}) {
  const backend = new FakeBackend({ manual: opts.manual ?? true });
  const hub = new SyncHub(backend, { log: () => {}, now: opts.now });
  hubs.push(hub);
  const join = (room = 'ledger') => {
    const socket = new FakeSocket();
    const conn = hub.connect(socket, OFFICE, room);
    return { socket, conn };
  };
  return { backend, hub, join };
}

describe('join handshake', () => {
  it('SYNC5: greets with sync step 1 only once everything applied so far is durable', async () => {
    const { backend, join } = setup();
    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c1', 'v'));
    const a = join();
    await settle();
    expect(a.socket.sent).toHaveLength(0);
    backend.flush();
    await settle();
    // The member already receives committed updates; the greeting follows once durable.
    const got = a.socket.take();
    expect(got.map((m) => m.kind)).toEqual(['sync-update', 'sync-step1']);
    expect(got[1]).toEqual({ kind: 'sync-step1', stateVector: Y.encodeStateVector(backend.doc('ledger')) });
  });

  it("SYNC5: answers a client's step 1 with committed state only, and sends later updates after it as they commit", async () => {
    const { backend, join } = setup();
    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c1', 'committed'));
    backend.flush();
    const a = join();
    const b = join();
    await settle();
    a.socket.take();
    b.socket.take();

    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c2', 'pending'));
    a.conn.receive(encodeSyncStep1(new Uint8Array([0])), true);
    b.conn.receive(encodeSyncUpdate(clientUpdate('c3', 'later')), true);
    await settle();
    expect(a.socket.sent).toHaveLength(0); // nothing before durability

    backend.flush();
    await settle();
    const got = a.socket.take();
    expect(got.map((m) => m.kind)).toEqual(['sync-update', 'sync-update', 'sync-step2']);
    const step2 = got[2];
    const fromStep2 = new Y.Doc();
    if (step2?.kind === 'sync-step2') Y.applyUpdate(fromStep2, step2.update);
    // The diff was taken when the step 1 arrived: c3 (applied afterwards) reaches the client as its own update.
    expect(fromStep2.getMap('cases').toJSON()).toEqual({ c1: 'committed', c2: 'pending' });
    const client = new Y.Doc();
    applyAll(client, got);
    expect(client.getMap('cases').toJSON()).toEqual({ c1: 'committed', c2: 'pending', c3: 'later' });
    // b does not get its own update back, only the server write.
    expect(b.socket.take().map((m) => m.kind)).toEqual(['sync-update']);
  });
});

describe('updates and rejections', () => {
  it('SYNC3: reverts a refused write on the sender, then tells it why; others see only the net state', async () => {
    const { backend, join } = setup();
    const a = join();
    const b = join();
    backend.flush();
    await settle();
    a.socket.take();
    b.socket.take();

    const sender = new Y.Doc();
    const watcher = new Y.Doc();
    const seen: unknown[] = [];
    watcher.getMap('cases').observe((e) => {
      if (e.keysChanged.has('forbidden')) seen.push(watcher.getMap('cases').get('forbidden'));
    });
    sender.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'server') a.conn.receive(encodeSyncUpdate(u), true);
    });
    sender.getMap('cases').set('forbidden', 'evil');
    expect(a.socket.sent).toHaveLength(0);

    backend.flush();
    await settle();
    const toA = a.socket.take();
    expect(toA.map((m) => m.kind)).toEqual(['sync-update', 'rejection']);
    Y.transact(sender, () => applyAll(sender, toA), 'server');
    expect(sender.getMap('cases').has('forbidden')).toBe(false);
    expect(toA[1]).toEqual({
      kind: 'rejection',
      rejection: { caseId: null, field: 'forbidden', code: 'FIELD_SERVER_OWNED', message: '此列不能修改' },
    });

    applyAll(watcher, b.socket.take());
    expect(watcher.getMap('cases').has('forbidden')).toBe(false);
    expect(seen.every((v) => v === undefined)).toBe(true);
  });

  it('SYNC3: does not echo an accepted update to its sender', async () => {
    const { backend, join } = setup();
    const a = join();
    const b = join();
    a.conn.receive(encodeSyncUpdate(clientUpdate('k', 'v')), true);
    backend.flush();
    await settle();
    expect(a.socket.take().map((m) => m.kind)).toEqual(['sync-step1']);
    expect(b.socket.take().map((m) => m.kind)).toEqual(['sync-update', 'sync-step1']);
  });
});

describe('close codes and limits', () => {
  it('WIRE1: text frame → 1003, malformed → 1002, undecodable update → 1007', () => {
    const { join, hub } = setup();
    const a = join();
    a.conn.receive(new Uint8Array([3]), false);
    expect(a.socket.closed).toEqual({ code: 1003, reason: 'binary frames only' });
    const b = join();
    b.conn.receive(new Uint8Array([0, 2, 9, 1]), true);
    expect(b.socket.closed).toEqual({ code: 1002, reason: 'truncated' });
    const c = join();
    c.conn.receive(encodeSyncUpdate(new Uint8Array([1, 2, 3, 4, 5])), true);
    expect(c.socket.closed?.code).toBe(1007);
    expect(hub.size).toBe(0);
    expect(hub.stats).toMatchObject({ protocolErrors: 1, invalidUpdates: 1 });
  });

  it('WIRE1: ignores unknown types and client auth messages, keeping the connection', () => {
    const { join, hub } = setup();
    const a = join();
    a.conn.receive(new Uint8Array([99, 1, 2]), true);
    a.conn.receive(new Uint8Array([2, 0, 3, 0x61, 0x62, 0x63]), true);
    expect(a.socket.closed).toBeNull();
    expect(hub.stats.unknownMessages).toBe(1);
  });

  it('WIRE1: closes with 1008 when the rate stays above the limit for a second', () => {
    let t = 0;
    const { join } = setup({ now: () => t });
    const a = join();
    for (let i = 0; i < 500; i++) a.conn.receive(new Uint8Array([99]), true);
    expect(a.socket.closed).toBeNull();
    t += 1000; // a full second later the bucket is full again
    for (let i = 0; i < 500; i++) a.conn.receive(new Uint8Array([99]), true);
    expect(a.socket.closed).toBeNull();
    a.conn.receive(new Uint8Array([99]), true);
    expect(a.socket.closed).toEqual({ code: 1008, reason: 'too many messages' });
  });

  it('WIRE1: closes a slow consumer with 1013 once its outbound buffer passes the cap', () => {
    const { join } = setup();
    const a = join();
    a.conn.receive(encodeQueryAwareness(), true);
    expect(a.socket.closed).toBeNull();
    a.socket.bufferedAmount = 33 * 1024 * 1024;
    a.conn.receive(encodeQueryAwareness(), true);
    expect(a.socket.closed).toEqual({ code: 1013, reason: 'slow consumer' });
  });

  it('SYNC5: closes with 1011 when durability fails', async () => {
    const { backend, join } = setup();
    backend.whenDurable = () => Promise.reject(new Error('disk full'));
    const a = join();
    await settle();
    expect(a.socket.closed).toEqual({ code: 1011, reason: 'storage unavailable' });
  });
});
