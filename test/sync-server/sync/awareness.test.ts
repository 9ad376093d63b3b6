// SYNC8 without a network: coalesced relay, greeting and query, ownership by user, size limits, rate, expiry, removal on close.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../shared/case';
import { SyncHub } from '../../../sync-server/sync/hub';
import type { SyncLimits } from '../../../sync-server/sync/limits';
import type { AwarenessEntry, SyncMessage } from '../../../sync-server/sync/protocol';
import {
  decodeAwarenessUpdate,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeQueryAwareness,
} from '../../../sync-server/sync/protocol';
import { FakeBackend, OFFICE, OFFICE_2 } from './fake-backend';
import { FakeSocket, settle } from './fake-socket';

const RELAY_MS = 100;
const hubs: SyncHub[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  for (const h of hubs.splice(0)) h.dispose(1001, 'test over');
  vi.useRealTimers();
});

function setup(limits: Partial<SyncLimits> = {}) {
  const clock = { t: 0 };
  const hub = new SyncHub(new FakeBackend(), {
    log: () => {},
    now: () => clock.t,
    limits: { awarenessRelayMs: RELAY_MS, ...limits },
  });
  hubs.push(hub);
  const join = async (actor: Actor = OFFICE) => {
    const socket = new FakeSocket();
    const conn = hub.connect(socket, actor, 'ledger');
    await settle();
    socket.take();
    return { socket, conn };
  };
  return { hub, join, clock };
}

const aw = (entries: AwarenessEntry[]): Uint8Array => encodeAwarenessMessage(encodeAwarenessEntries(entries));
const relay = (): void => {
  vi.advanceTimersByTime(RELAY_MS);
};

function awarenessOf(messages: SyncMessage[]): AwarenessEntry[] {
  return messages.flatMap((m) => {
    if (m.kind !== 'awareness') return [];
    const d = decodeAwarenessUpdate(m.update);
    return d.ok ? d.value : [];
  });
}

/** The states a member would learn from a queryAwareness now. */
function query(m: { socket: FakeSocket; conn: { receive(d: Uint8Array, b: boolean): void } }): AwarenessEntry[] {
  m.socket.take();
  m.conn.receive(encodeQueryAwareness(), true);
  return awarenessOf(m.socket.take());
}

describe('SYNC8 relay', () => {
  it('SYNC8: relays changes once per relay interval, in one frame with the latest states, to every member (sender included)', async () => {
    const { join } = setup();
    const a = await join();
    const b = await join(OFFICE_2);
    a.conn.receive(aw([{ clientID: 11, clock: 1, state: { cell: 'A1' } }]), true);
    a.conn.receive(aw([{ clientID: 11, clock: 2, state: { cell: 'A2' } }]), true);
    a.conn.receive(aw([{ clientID: 12, clock: 1, state: { cell: 'B1' } }]), true);
    expect(b.socket.take()).toEqual([]);
    relay();
    const frames = b.socket.take();
    expect(frames).toHaveLength(1);
    expect(awarenessOf(frames)).toEqual([
      { clientID: 11, clock: 2, state: { cell: 'A2' } },
      { clientID: 12, clock: 1, state: { cell: 'B1' } },
    ]);
    expect(awarenessOf(a.socket.take())).toHaveLength(2);
    relay();
    expect(b.socket.take()).toEqual([]);
  });

  it('SYNC8: greets newcomers with the current states and answers queries with them', async () => {
    const { join, hub } = setup();
    const a = await join();
    a.conn.receive(aw([{ clientID: 11, clock: 1, state: { user: '张三' } }]), true);
    relay();
    const socket = new FakeSocket();
    const conn = hub.connect(socket, OFFICE_2, 'ledger');
    await settle();
    const greeting = socket.take();
    expect(greeting.map((m) => m.kind)).toEqual(['sync-step1', 'awareness']);
    expect(awarenessOf(greeting)).toEqual([{ clientID: 11, clock: 1, state: { user: '张三' } }]);
    expect(query({ socket, conn })).toEqual([{ clientID: 11, clock: 1, state: { user: '张三' } }]);
  });

  it("SYNC8: removes a closing connection's states and tells the others", async () => {
    const { join } = setup();
    const a = await join();
    const b = await join(OFFICE_2);
    a.conn.receive(aw([{ clientID: 11, clock: 3, state: { user: 'x' } }]), true);
    relay();
    b.socket.take();
    a.conn.socketClosed();
    relay();
    expect(awarenessOf(b.socket.take())).toEqual([{ clientID: 11, clock: 3, state: null }]);
    expect(query(b)).toEqual([]);
  });
});

describe('SYNC8 ownership', () => {
  it("SYNC8: another user can neither overwrite nor remove a member's state", async () => {
    const { join, hub } = setup();
    const owner = await join(OFFICE);
    const intruder = await join(OFFICE_2);
    owner.conn.receive(aw([{ clientID: 7, clock: 1, state: { user: '张三', cell: 'C3' } }]), true);
    relay();
    intruder.conn.receive(aw([{ clientID: 7, clock: 9, state: { user: '张三', cell: 'Z99' } }]), true);
    intruder.conn.receive(aw([{ clientID: 7, clock: 10, state: null }]), true);
    relay();
    expect(awarenessOf(owner.socket.take())).toEqual([{ clientID: 7, clock: 1, state: { user: '张三', cell: 'C3' } }]);
    expect(query(owner)).toEqual([{ clientID: 7, clock: 1, state: { user: '张三', cell: 'C3' } }]);
    expect(hub.stats.awarenessForeign).toBe(2);
    expect(intruder.socket.closed).toBeNull();
  });

  it('SYNC8: when its owner leaves, another user cannot claim the id for 30 s; the owner reconnecting can', async () => {
    const { join, clock } = setup();
    const owner = await join(OFFICE);
    const squatter = await join(OFFICE_2);
    owner.conn.receive(aw([{ clientID: 7, clock: 5, state: { user: '张三' } }]), true);
    relay();
    owner.conn.socketClosed();
    squatter.conn.receive(aw([{ clientID: 7, clock: 1000, state: { user: '张三', cell: 'fake' } }]), true);
    relay();
    expect(query(squatter)).toEqual([]);
    const back = await join(OFFICE);
    back.conn.receive(aw([{ clientID: 7, clock: 6, state: { user: '张三' } }]), true);
    relay();
    expect(query(squatter)).toEqual([{ clientID: 7, clock: 6, state: { user: '张三' } }]);
    back.conn.socketClosed();
    relay();
    clock.t += 30_001;
    squatter.conn.receive(aw([{ clientID: 7, clock: 1001, state: { user: '别人' } }]), true);
    relay();
    expect(query(squatter)).toEqual([{ clientID: 7, clock: 1001, state: { user: '别人' } }]);
  });

  it('SYNC8: another connection of the same user takes an id over (a reconnecting tab), so the stale one closing removes nothing', async () => {
    const { join } = setup();
    const old = await join(OFFICE);
    const observer = await join(OFFICE_2);
    old.conn.receive(aw([{ clientID: 7, clock: 1, state: { user: 'a' } }]), true);
    const fresh = await join(OFFICE);
    fresh.conn.receive(aw([{ clientID: 7, clock: 2, state: { user: 'a' } }]), true);
    relay();
    observer.socket.take();
    old.conn.socketClosed();
    relay();
    expect(observer.socket.take()).toEqual([]);
    fresh.conn.socketClosed();
    relay();
    expect(awarenessOf(observer.socket.take())).toEqual([{ clientID: 7, clock: 2, state: null }]);
  });

  it('SYNC8: echoes of relayed states (same clock, as y-websocket clients send them) change nothing and use no rate', async () => {
    const { join, hub } = setup();
    const a = await join(OFFICE);
    const b = await join(OFFICE);
    a.conn.receive(aw([{ clientID: 11, clock: 4, state: { cell: 'A1' } }]), true);
    relay();
    a.socket.take();
    b.socket.take();
    for (let i = 0; i < 30; i++) b.conn.receive(aw([{ clientID: 11, clock: 4, state: { cell: 'A1' } }]), true);
    relay();
    expect(a.socket.take()).toEqual([]);
    expect(hub.stats.awarenessRateLimited).toBe(0);
    a.conn.socketClosed();
    relay();
    expect(awarenessOf(b.socket.take())).toEqual([{ clientID: 11, clock: 4, state: null }]);
  });
});

describe('SYNC8 limits', () => {
  it('SYNC8: drops payloads over 4 KiB and states over 2 KiB, and caps the ids one connection speaks for', async () => {
    const { join, hub } = setup();
    const a = await join();
    const b = await join(OFFICE_2);
    a.conn.receive(aw([{ clientID: 1, clock: 1, state: { blob: 'x'.repeat(4100) } }]), true);
    a.conn.receive(aw([{ clientID: 2, clock: 1, state: { blob: '字'.repeat(700) } }]), true); // 2.1 KB of UTF-8
    a.conn.receive(aw([{ clientID: 3, clock: 1, state: { blob: 'x'.repeat(2000) } }]), true);
    relay();
    expect(awarenessOf(b.socket.take()).map((e) => e.clientID)).toEqual([3]);
    expect(hub.stats).toMatchObject({ droppedAwareness: 1, awarenessStateTooLarge: 1 });

    const many = Array.from({ length: 12 }, (_, i) => ({ clientID: 100 + i, clock: 1, state: { i } }));
    a.conn.receive(aw(many), true);
    relay();
    expect(awarenessOf(b.socket.take()).map((e) => e.clientID)).toEqual(many.slice(0, 7).map((e) => e.clientID));
    expect(hub.stats.awarenessTooManyIds).toBe(5);
  });

  it('SYNC8: a connection may change states 10 times at once, then 5 times a second; the excess is dropped and counted', async () => {
    const { join, hub, clock } = setup();
    const a = await join();
    const b = await join(OFFICE_2);
    let n = 0;
    const move = () => a.conn.receive(aw([{ clientID: 11, clock: ++n, state: { n } }]), true);
    for (let i = 0; i < 15; i++) move();
    relay();
    expect(awarenessOf(b.socket.take())).toEqual([{ clientID: 11, clock: 10, state: { n: 10 } }]);
    expect(hub.stats.awarenessRateLimited).toBe(5);
    clock.t += 1000;
    for (let i = 0; i < 6; i++) move();
    relay();
    expect(awarenessOf(b.socket.take())).toEqual([{ clientID: 11, clock: 20, state: { n: 20 } }]);
    expect(hub.stats.awarenessRateLimited).toBe(6);
    a.socket.take();
    a.conn.receive(encodeQueryAwareness(), true); // queries use the same rate: a has none left
    expect(a.socket.take()).toEqual([]);
    expect(hub.stats.awarenessRateLimited).toBe(7);
    b.conn.receive(encodeQueryAwareness(), true);
    expect(awarenessOf(b.socket.take())).toEqual([{ clientID: 11, clock: 20, state: { n: 20 } }]);
    expect(a.socket.closed).toBeNull();
  });

  it('SYNC8: removes a state its owner has not renewed for 30 s', async () => {
    const { join, clock } = setup();
    const a = await join();
    const b = await join(OFFICE_2);
    a.conn.receive(aw([{ clientID: 11, clock: 1, state: { n: 1 } }]), true);
    a.conn.receive(aw([{ clientID: 12, clock: 1, state: { n: 2 } }]), true);
    relay();
    b.socket.take();
    clock.t += 20_000;
    a.conn.receive(aw([{ clientID: 12, clock: 2, state: { n: 2 } }]), true);
    clock.t += 15_000;
    relay();
    expect(awarenessOf(b.socket.take())).toEqual([
      { clientID: 12, clock: 2, state: { n: 2 } },
      { clientID: 11, clock: 1, state: null },
    ]);
    expect(query(b).map((e) => e.clientID)).toEqual([12]);
  });

  it('SYNC8: closes with 1002 on a malformed awareness payload', async () => {
    const { join } = setup();
    const a = await join();
    a.conn.receive(encodeAwarenessMessage(new Uint8Array([1, 5, 1, 1, 0x7b])), true);
    expect(a.socket.closed).toEqual({ code: 1002, reason: 'invalid-json' });
  });
});
