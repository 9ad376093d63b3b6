// Hostile, over real servers: an awareness flood from one member of a 100-member room, and forged states for another user's id.
import { MESSAGE_AWARENESS } from '../../../shared/contract/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncLimits } from '../../../sync-server/sync/limits';
import { DEFAULT_LIMITS } from '../../../sync-server/sync/limits';
import type { AwarenessEntry } from '../../../sync-server/sync/protocol';
import { encodeAwarenessEntries, encodeAwarenessMessage } from '../../../sync-server/sync/protocol';
import type { SyncStats } from '../../../sync-server/sync/stats';
import { FakeBackend } from '../sync/fake-backend';
import type { TestClient } from '../sync/net-helpers';
import { connectProvider, rawClient, sleep, startServer, waitFor, whenSynced } from '../sync/net-helpers';
import type { CountingMember } from './flood-helpers';
import { countingMembers, FLOOD_SECONDS, kb, mb, paced, printFigures, sum } from './flood-helpers';

const MEMBERS = 100;
const RATE = 450;
const BEFORE_SECONDS = 1;
const ATTACKER_ID = 4242;
/** The transport before issue 7, as limits: 16 KiB payloads, no state limit, no rate, a relay per message. */
const BEFORE: Partial<SyncLimits> = {
  maxAwarenessBytes: 16 * 1024,
  maxAwarenessStateBytes: 16 * 1024,
  awarenessBurst: 1e9,
  awarenessPerSecond: 1e9,
  awarenessRelayMs: 1,
};

const aw = (entries: AwarenessEntry[]): Uint8Array => encodeAwarenessMessage(encodeAwarenessEntries(entries));

interface FloodRun {
  sent: number;
  /** Size of one attacker message: relayed alone, the frame has the same size. */
  messageBytes: number;
  seconds: number;
  relayedBytes: number;
  perMember: number[];
  membersClosed: number;
  stats: SyncStats;
}

/** Waits until the members have received nothing new for 300 ms (the server has drained what it queued). */
async function quiet(members: CountingMember[]): Promise<void> {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const now = sum(members, 'bytes', MESSAGE_AWARENESS);
    if (now === last) return;
    last = now;
    await sleep(300);
  }
}

/** One member floods a room of MEMBERS with awareness states of `stateBytes` at RATE a second. */
async function awarenessFlood(limits: Partial<SyncLimits>, seconds: number, stateBytes: number): Promise<FloodRun> {
  const server = await startServer(new FakeBackend(), { limits });
  try {
    const members = await countingMembers((i) => `${server.url}/ledger?token=user-${i + 1}`, MEMBERS);
    const attacker = await rawClient(`${server.url}/ledger?token=user-999`);
    await waitFor(() => members.every((m) => m.client.received.length > 0), 'every member greeted');
    const blob = 'x'.repeat(stateBytes);
    const message = (clock: number): Uint8Array =>
      aw([{ clientID: ATTACKER_ID, clock, state: { user: '攻击者', blob } }]);
    const start = performance.now();
    const run = await paced(attacker.ws, RATE, seconds, (i) => attacker.ws.send(message(i + 1)));
    // Members send nothing: once the server has read every attacker message, all that is left is to drain the relay.
    await waitFor(() => server.sync.stats().messages >= run.sent, 'the server read the whole flood', 60_000);
    await quiet(members);
    const result: FloodRun = {
      sent: run.sent,
      messageBytes: message(run.sent).length,
      seconds: (performance.now() - start) / 1000,
      relayedBytes: sum(members, 'bytes', MESSAGE_AWARENESS),
      perMember: members.map((m) => m.frames.get(MESSAGE_AWARENESS) ?? 0),
      membersClosed: members.filter((m) => m.client.ws.readyState !== m.client.ws.OPEN).length,
      stats: { ...server.sync.stats() },
    };
    for (const m of [...members.map((x) => x.client), attacker]) m.ws.terminate();
    return result;
  } finally {
    await server.stop();
  }
}

function figures(title: string, before: FloodRun, after: FloodRun, stateBytes: number): void {
  const row = (r: FloodRun): Array<string | number> => [
    `${r.sent} in ${r.seconds.toFixed(1)} s`,
    mb(r.relayedBytes),
    kb(r.relayedBytes / r.seconds),
    Math.max(...r.perMember),
    r.membersClosed,
    r.stats.droppedAwareness + r.stats.awarenessStateTooLarge + r.stats.awarenessRateLimited,
  ];
  const [b, a] = [row(before), row(after)];
  // Before issue 7 every message was relayed at once; the lifted-limits run still coalesces what arrives within 1 ms.
  const uncoalesced = before.sent * before.messageBytes * MEMBERS;
  printFigures(
    `${title}: ${kb(stateBytes)} states at ${RATE}/s from 1 member to ${MEMBERS} members`,
    [`limits lifted (${BEFORE_SECONDS} s)`, `limits (${FLOOD_SECONDS} s)`],
    [
      ['attacker messages sent', b[0] ?? '', a[0] ?? ''],
      ['awareness relayed to members (measured)', b[1] ?? '', a[1] ?? ''],
      ['  per second', b[2] ?? '', a[2] ?? ''],
      ['  old relay, one frame per message (computed)', mb(uncoalesced), '—'],
      ['frames to the busiest member', b[3] ?? '', a[3] ?? ''],
      ['members closed (1013 slow consumer)', b[4] ?? '', a[4] ?? ''],
      ['messages or states dropped (counted)', b[5] ?? '', a[5] ?? ''],
    ],
  );
}

describe('awareness flood', () => {
  it('SYNC8: 15 KB states at 450/s from one member reach none of 100 members (before: every one of them)', async () => {
    const stateBytes = 15 * 1024;
    const before = await awarenessFlood(BEFORE, BEFORE_SECONDS, stateBytes);
    const after = await awarenessFlood({}, FLOOD_SECONDS, stateBytes);
    figures('SYNC8 awareness flood, oversized states', before, after, stateBytes);
    expect(before.relayedBytes).toBeGreaterThan(0);
    expect(after.relayedBytes).toBe(0);
    expect(after.stats.droppedAwareness).toBe(after.sent);
  });

  it('SYNC8: 1.5 KB states at 450/s reach each member at most 10 + 5 a second times, coalesced', async () => {
    const stateBytes = 1536;
    const before = await awarenessFlood(BEFORE, BEFORE_SECONDS, stateBytes);
    const after = await awarenessFlood({}, FLOOD_SECONDS, stateBytes);
    figures('SYNC8 awareness flood, states within the size limit', before, after, stateBytes);
    const bound = DEFAULT_LIMITS.awarenessBurst + DEFAULT_LIMITS.awarenessPerSecond * after.seconds + 1;
    expect(Math.max(...after.perMember)).toBeLessThanOrEqual(bound);
    expect(after.stats.awarenessRateLimited).toBeGreaterThan(0);
    expect(after.membersClosed).toBe(0);
  });
});

describe('forged awareness', () => {
  const clients: TestClient[] = [];
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });

  it("SYNC8: another user can neither overwrite nor remove a member's state; the room still sees the owner's", async () => {
    const server = await startServer(new FakeBackend());
    try {
      const victim = connectProvider(server.url, 'ledger', 'good');
      const observer = connectProvider(server.url, 'ledger', 'good-2');
      clients.push(victim, observer);
      await Promise.all([whenSynced(victim), whenSynced(observer)]);
      victim.provider.awareness.setLocalStateField('user', { name: '张三', cell: 'C3' });
      const id = victim.doc.clientID;
      const seen = () => observer.provider.awareness.getStates().get(id) as { user?: { name: string } } | undefined;
      await waitFor(() => seen()?.user?.name === '张三', 'observer sees the victim');

      const attacker = await rawClient(`${server.url}/ledger?token=user-7`);
      attacker.ws.send(aw([{ clientID: id, clock: 1000, state: { user: { name: '攻击者', cell: 'Z1' } } }]));
      attacker.ws.send(aw([{ clientID: id, clock: 1001, state: null }]));
      attacker.ws.send(aw([{ clientID: ATTACKER_ID, clock: 1, state: { marker: true } }]));
      await waitFor(
        () => observer.provider.awareness.getStates().has(ATTACKER_ID),
        'the marker sent after the forgeries',
      );
      expect(seen()).toEqual({ user: { name: '张三', cell: 'C3' } });
      expect(victim.provider.awareness.getLocalState()).toEqual({ user: { name: '张三', cell: 'C3' } });
      expect(server.sync.stats().awarenessForeign).toBeGreaterThanOrEqual(2);
      attacker.ws.close();
    } finally {
      await server.stop();
    }
  });
});
