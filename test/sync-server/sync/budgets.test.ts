// SYNC7 without a network: refusal budgets per connection and per user, bans, refused and failed updates, bounded memory.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor } from '../../../shared/case';
import { SyncHub } from '../../../sync-server/sync/hub';
import { encodeSyncStep1, encodeSyncUpdate } from '../../../sync-server/sync/protocol';
import { FakeBackend, OFFICE, OFFICE_2, officeUser } from './fake-backend';
import { FakeSocket, settle } from './fake-socket';
import { applyAll, clientUpdate } from './updates';

const hubs: SyncHub[] = [];
afterEach(() => {
  for (const h of hubs.splice(0)) h.dispose(1001, 'test over');
});

function setup(opts: { manual?: boolean } = {}) {
  const clock = { t: 0 };
  const backend = new FakeBackend({ manual: opts.manual ?? false });
  const hub = new SyncHub(backend, { log: () => {}, now: () => clock.t });
  hubs.push(hub);
  const join = (actor: Actor = OFFICE) => {
    const socket = new FakeSocket();
    const conn = hub.connect(socket, actor, 'ledger');
    return { socket, conn };
  };
  /** An update the backend compensates (one rejection); built on the room's state so that it wins the key. */
  const refusedCell = (): Uint8Array =>
    encodeSyncUpdate(clientUpdate('forbidden', `evil ${++n}`, backend.doc('ledger')));
  return { backend, hub, join, clock, refusedCell };
}

let n = 0;
const permitted = (): Uint8Array => encodeSyncUpdate(clientUpdate(`k${++n}`, 'ok'));
const refusedWhole = (): Uint8Array => encodeSyncUpdate(clientUpdate('refused', ++n));

describe('SYNC7 refusal budgets', () => {
  it('SYNC7: 20 updates with rejections pass; the 21st closes the connection with 1008 and bans the user for 60 s', async () => {
    const { hub, join, clock, refusedCell } = setup();
    const a = join();
    const other = join(OFFICE_2);
    for (let i = 0; i < 100; i++) a.conn.receive(permitted(), true); // accepted updates cost nothing
    for (let i = 0; i < 20; i++) a.conn.receive(refusedCell(), true);
    expect(a.socket.closed).toBeNull();
    a.conn.receive(refusedCell(), true);
    expect(a.socket.closed).toEqual({ code: 1008, reason: 'too many refused updates' });
    expect(other.socket.closed).toBeNull();
    expect(hub.stats).toMatchObject({ refusalBudgetExceeded: 1, bans: 1, rejections: 20 });

    const banned = hub.admission(OFFICE);
    expect(banned).toMatchObject({
      ok: false,
      status: 429,
      reason: 'banned',
      code: 'TOO_MANY_REQUESTS',
      retryAfter: 60,
    });
    expect(banned.ok ? '' : banned.message).toMatch(/请 60 秒后再试/);
    expect(hub.admission(OFFICE_2)).toEqual({ ok: true });
    clock.t += 59_000;
    expect(hub.admission(OFFICE)).toMatchObject({ ok: false, retryAfter: 1 });
    clock.t += 1_000;
    expect(hub.admission(OFFICE)).toEqual({ ok: true });
    await settle();
  });

  it("SYNC7: a connection's budget refills at 20 a minute", () => {
    const { join, clock, refusedCell } = setup();
    const a = join();
    for (let i = 0; i < 20; i++) a.conn.receive(refusedCell(), true);
    clock.t += 30_000;
    for (let i = 0; i < 10; i++) a.conn.receive(refusedCell(), true);
    expect(a.socket.closed).toBeNull();
    a.conn.receive(refusedCell(), true);
    expect(a.socket.closed?.code).toBe(1008);
  });

  it("SYNC7: the user's budget (60) spans its connections; when it runs out, all of them are closed with 1008", () => {
    const { hub, join, refusedCell } = setup();
    const mine = [join(), join(), join(), join()];
    const theirs = join(OFFICE_2);
    for (const c of mine.slice(0, 3)) for (let i = 0; i < 20; i++) c.conn.receive(refusedCell(), true);
    expect(mine.every((c) => c.socket.closed === null)).toBe(true);
    mine[3]?.conn.receive(refusedCell(), true);
    expect(mine.map((c) => c.socket.closed)).toEqual(Array(4).fill({ code: 1008, reason: 'too many refused updates' }));
    expect(theirs.socket.closed).toBeNull();
    expect(hub.stats).toMatchObject({ bans: 1, bannedConnectionsClosed: 3 });
    expect(hub.size).toBe(1);
  });
});

describe('SYNC7 refused and failed updates', () => {
  it('SYNC7: an update refused whole sends its rejections once durable, then closes with 1007, reading nothing more', async () => {
    const { backend, hub, join } = setup({ manual: true });
    const a = join();
    backend.flush();
    await settle();
    a.socket.take();
    const before = backend.snapshot();
    a.conn.receive(refusedWhole(), true);
    a.conn.receive(permitted(), true); // built on the refused one: never handed to the backend
    expect(backend.applyCalls).toBe(1);
    expect(a.socket.sent).toHaveLength(0);
    backend.flush();
    await settle();
    expect(a.socket.take()).toEqual([
      {
        kind: 'rejection',
        rejection: { caseId: null, field: 'refused', code: 'INVALID_STRUCTURE', message: '更新结构不正确，未保存' },
      },
    ]);
    expect(a.socket.closed).toEqual({ code: 1007, reason: 'update refused' });
    expect(backend.snapshot()).toEqual(before);
    expect(hub.stats.refusedUpdates).toBe(1);
  });

  it('SYNC7: an update refused whole costs 5: the 13th of a user (reconnecting each time) bans it', async () => {
    const { hub, join } = setup();
    for (let i = 0; i < 12; i++) {
      const c = join();
      c.conn.receive(refusedWhole(), true);
      await settle();
      expect(c.socket.closed?.code).toBe(1007);
    }
    const last = join();
    last.conn.receive(refusedWhole(), true);
    expect(last.socket.closed).toEqual({ code: 1008, reason: 'too many refused updates' });
    expect(hub.admission(OFFICE)).toMatchObject({ ok: false, status: 429 });
  });

  it('SYNC7: a failed update closes its sender with 1011 once it was told why; the room goes on from the rolled-back (new) document', async () => {
    const { backend, hub, join } = setup();
    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c1', 'before'));
    const a = join();
    const b = join(OFFICE_2);
    await settle();
    const oldDoc = backend.doc('ledger');
    a.conn.receive(encodeSyncUpdate(clientUpdate('explode', 1)), true);
    await settle();
    expect(a.socket.closed).toEqual({ code: 1011, reason: 'update failed' });
    expect(hub.stats.failedUpdates).toBe(1);
    expect(backend.doc('ledger')).not.toBe(oldDoc);
    backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c2', 'after rollback'));
    await settle();
    b.socket.take();
    b.conn.receive(encodeSyncStep1(new Uint8Array([0])), true);
    await settle();
    const client = new Y.Doc();
    applyAll(client, b.socket.take());
    expect(client.getMap('cases').toJSON()).toEqual({ c1: 'before', c2: 'after rollback' });
    expect(b.socket.closed).toBeNull();
  });
});

describe('SYNC7 memory', () => {
  it('SYNC7: forgets users with no connection, no ban and a refilled budget; keeps a ban until it ends', () => {
    const { hub, join, clock, refusedCell } = setup();
    for (let i = 0; i < 200; i++) {
      const c = join(officeUser(i));
      if (i === 0) for (let k = 0; k < 21; k++) c.conn.receive(refusedCell(), true); // u0 is banned
      c.conn.socketClosed();
    }
    expect(hub.trackedUsers).toBe(200);
    clock.t += 10_000;
    hub.admission(OFFICE);
    expect(hub.trackedUsers).toBe(1);
    clock.t += 60_000;
    hub.admission(OFFICE);
    expect(hub.trackedUsers).toBe(0);
  });
});
