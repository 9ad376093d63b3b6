// Room awareness without a network: relay, initial states, query, size and ownership limits, removal on close.
import { afterEach, describe, expect, it } from 'vitest';
import { SyncHub } from '../../../sync-server/sync/hub';
import type { AwarenessEntry, SyncMessage } from '../../../sync-server/sync/protocol';
import { decodeAwarenessUpdate, encodeAwarenessEntries, encodeAwarenessMessage, encodeQueryAwareness } from '../../../sync-server/sync/protocol';
import { FakeBackend, OFFICE } from './fake-backend';
import { FakeSocket, settle } from './fake-socket';

const hubs: SyncHub[] = [];
afterEach(() => {
  for (const h of hubs.splice(0)) h.dispose(1001, 'test over');
});

async function setup() {
  const backend = new FakeBackend();
  const hub = new SyncHub(backend, { log: () => {} });
  hubs.push(hub);
  const join = async () => {
    const socket = new FakeSocket();
    const conn = hub.connect(socket, OFFICE, 'ledger');
    await settle();
    return { socket, conn };
  };
  return { hub, join };
}

const aw = (entries: AwarenessEntry[]): Uint8Array => encodeAwarenessMessage(encodeAwarenessEntries(entries));

function awarenessOf(messages: SyncMessage[]): AwarenessEntry[] {
  return messages.flatMap(m => {
    if (m.kind !== 'awareness') return [];
    const d = decodeAwarenessUpdate(m.update);
    return d.ok ? d.value : [];
  });
}

describe('awareness', () => {
  it('relays to the room (the sender too, as its keepalive) and greets newcomers with current states', async () => {
    const { join } = await setup();
    const a = await join();
    const b = await join();
    a.socket.take();
    b.socket.take();
    a.conn.receive(aw([{ clientID: 11, clock: 1, state: { user: '张三' } }]), true);
    expect(awarenessOf(b.socket.take())).toEqual([{ clientID: 11, clock: 1, state: { user: '张三' } }]);
    expect(awarenessOf(a.socket.take())).toEqual([{ clientID: 11, clock: 1, state: { user: '张三' } }]);

    const c = await join();
    const greeting = c.socket.take();
    expect(greeting.map(m => m.kind)).toEqual(['sync-step1', 'awareness']);
    expect(awarenessOf(greeting)).toEqual([{ clientID: 11, clock: 1, state: { user: '张三' } }]);

    c.conn.receive(encodeQueryAwareness(), true);
    expect(awarenessOf(c.socket.take())).toEqual([{ clientID: 11, clock: 1, state: { user: '张三' } }]);
  });

  it("removes a connection's states when it closes and tells the others", async () => {
    const { join } = await setup();
    const a = await join();
    const b = await join();
    a.conn.receive(aw([{ clientID: 11, clock: 3, state: { user: 'x' } }]), true);
    b.socket.take();
    a.conn.socketClosed();
    expect(awarenessOf(b.socket.take())).toEqual([{ clientID: 11, clock: 3, state: null }]);
    b.conn.receive(encodeQueryAwareness(), true);
    expect(awarenessOf(b.socket.take())).toEqual([]);
  });

  it('drops oversized payloads, caps the client ids per connection, and ignores removals of ids owned by others', async () => {
    const { join, hub } = await setup();
    const a = await join();
    const b = await join();
    a.socket.take();
    b.socket.take();
    a.conn.receive(aw([{ clientID: 1, clock: 1, state: { blob: 'x'.repeat(17 * 1024) } }]), true);
    expect(b.socket.take()).toEqual([]);
    expect(hub.stats.droppedAwareness).toBe(1);

    const many = Array.from({ length: 12 }, (_, i) => ({ clientID: 100 + i, clock: 1, state: { i } }));
    a.conn.receive(aw(many), true);
    expect(awarenessOf(b.socket.take()).map(e => e.clientID)).toEqual(many.slice(0, 8).map(e => e.clientID));
    a.socket.take();

    b.conn.receive(aw([{ clientID: 100, clock: 1, state: null }]), true);
    expect(a.socket.take()).toEqual([]);
    expect(a.socket.closed).toBeNull();
  });

  it('lets a reconnecting tab take its client id over, so the stale connection closing does not remove it', async () => {
    const { join } = await setup();
    const old = await join();
    const observer = await join();
    old.conn.receive(aw([{ clientID: 7, clock: 1, state: { user: 'a' } }]), true);
    const fresh = await join();
    fresh.conn.receive(aw([{ clientID: 7, clock: 2, state: { user: 'a' } }]), true);
    observer.socket.take();
    old.conn.socketClosed();
    expect(observer.socket.take()).toEqual([]);
    fresh.conn.socketClosed();
    expect(awarenessOf(observer.socket.take())).toEqual([{ clientID: 7, clock: 2, state: null }]);
  });

  it('closes with 1002 on a malformed awareness payload', async () => {
    const { join } = await setup();
    const a = await join();
    a.conn.receive(encodeAwarenessMessage(new Uint8Array([1, 5, 1, 1, 0x7b])), true);
    expect(a.socket.closed).toEqual({ code: 1002, reason: 'invalid-json' });
  });
});
