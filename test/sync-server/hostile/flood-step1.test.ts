// Hostile, over real servers: 4-byte sync step 1 floods and reconnect loops are cut with 1008 and a ban; another user's edits flow.
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { SyncLimits } from '../../../sync-server/sync/limits';
import type { SyncStats } from '../../../sync-server/sync/stats';
import { FakeBackend } from '../sync/fake-backend';
import type { RawClient, TestClient, TestServer } from '../sync/net-helpers';
import { connectProvider, rawClient, startServer, tryConnect, waitFor, whenSynced } from '../sync/net-helpers';
import { FLOOD_SECONDS, kb, mb, paced, printFigures } from './flood-helpers';

/** messageSync, step 1, a one-byte state vector with no clients: "send me the whole room". */
const STEP1 = new Uint8Array([0, 0, 1, 0]);
const RATE = 450;
const CASES = 1000;
const lifted = 1e9;
const LIFTED: Partial<SyncLimits> = {
  step1PerMinutePerConnection: lifted,
  step1BurstPerUser: lifted,
  step1PerMinutePerUser: lifted,
};

const isStep2 = (d: Uint8Array): boolean => d[0] === 0 && d[1] === 1;

function seed(backend: FakeBackend): void {
  backend.serverWrite('ledger', (doc) => {
    const cases = doc.getMap<Y.Map<string>>('cases');
    for (let i = 0; i < CASES; i++) {
      const c = new Y.Map<string>();
      for (const f of ['company', 'contactName', 'summary', 'measures', 'findings', 'handler'])
        c.set(f, `${f}：第${i}号诉求的内容，枣阳市某企业`);
      cases.set(`case-${i}`, c);
    }
  });
}

interface Flood {
  answers: number;
  bytes: number;
  seconds: number;
  close: string;
}
interface Loop {
  accepted: number;
  answers: number;
  bytes: number;
  refused: Map<number, number>;
  closes: Map<number, number>;
}
interface Edits {
  sent: number;
  latencies: number[];
}
interface Run {
  flood: Flood;
  loop: Loop;
  edits: Edits;
  stats: SyncStats;
  roomBytes: number;
}

/** One connection sends STEP1 at RATE a second until it is closed or the time is up. */
async function stepFlood(server: TestServer, seconds: number): Promise<Flood> {
  const c = await rawClient(`${server.url}/ledger?token=user-666`);
  const start = performance.now();
  await paced(c.ws, RATE, seconds, () => c.ws.send(STEP1));
  const end = performance.now();
  const open = c.ws.readyState === c.ws.OPEN;
  c.ws.close();
  const closed = await c.closed;
  const answers = c.received.filter(isStep2);
  return {
    answers: answers.length,
    bytes: answers.reduce((n, d) => n + d.length, 0),
    seconds: (end - start) / 1000,
    close: open ? 'still open' : `${closed.code} ${closed.reason}`,
  };
}

/** Connects, asks for the room, waits for the answer or the close, disconnects; again and again until the time is up. */
async function reconnectLoop(server: TestServer, seconds: number): Promise<Loop> {
  const loop: Loop = { accepted: 0, answers: 0, bytes: 0, refused: new Map(), closes: new Map() };
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const r = await tryConnect(`${server.url}/ledger?token=user-667`);
    if (!('ws' in r)) {
      loop.refused.set(r.status, (loop.refused.get(r.status) ?? 0) + 1);
      continue;
    }
    loop.accepted++;
    const c: RawClient = r;
    c.ws.send(STEP1);
    await waitFor(() => c.received.some(isStep2) || c.ws.readyState !== c.ws.OPEN, 'answer or close', 30_000);
    const answer = c.received.find(isStep2);
    if (answer !== undefined) {
      loop.answers++;
      loop.bytes += answer.length;
      c.ws.close();
    }
    const { code } = await c.closed;
    loop.closes.set(code, (loop.closes.get(code) ?? 0) + 1);
  }
  return loop;
}

/** The victim edits one key every 100 ms; the observer records how long each edit took to arrive. */
function victimEdits(victim: TestClient, observer: TestClient, seconds: number): Promise<Edits> {
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  observer.doc.getMap('cases').observe((e) => {
    if (!e.keysChanged.has('victim')) return;
    const t = sentAt.get(observer.doc.getMap('cases').get('victim') as number);
    if (t !== undefined) latencies.push(performance.now() - t);
  });
  return new Promise((resolve) => {
    let seq = 0;
    const timer = setInterval(() => {
      if (seq >= seconds * 10) {
        clearInterval(timer);
        resolve({ sent: seq, latencies });
        return;
      }
      sentAt.set(++seq, performance.now());
      victim.doc.getMap('cases').set('victim', seq);
    }, 100);
  });
}

const clients: TestClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

async function step1Flood(limits: Partial<SyncLimits>, seconds: number): Promise<Run> {
  const backend = new FakeBackend();
  seed(backend);
  await backend.whenDurable();
  const server = await startServer(backend, { limits });
  try {
    const victim = connectProvider(server.url, 'ledger', 'good');
    const observer = connectProvider(server.url, 'ledger', 'good-2');
    clients.push(victim, observer);
    await Promise.all([whenSynced(victim), whenSynced(observer)]);
    const [flood, loop, edits] = await Promise.all([
      stepFlood(server, seconds),
      reconnectLoop(server, seconds),
      victimEdits(victim, observer, seconds),
    ]);
    await waitFor(
      () => observer.doc.getMap('cases').get('victim') === edits.sent,
      'the last edit reached the observer',
      30_000,
    );
    expect(backend.doc('ledger').getMap('cases').get('victim')).toBe(edits.sent);
    return {
      flood,
      loop,
      edits,
      stats: { ...server.sync.stats() },
      roomBytes: Y.encodeStateAsUpdate(backend.doc('ledger')).length,
    };
  } finally {
    await server.stop();
  }
}

const pct = (xs: number[], p: number): string => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? '—' : `${(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0).toFixed(0)} ms`;
};
const counts = (m: Map<number, number>): string => [...m].map(([k, v]) => `${v}×${k}`).join(' ') || '—';

describe('sync step 1 flood', () => {
  it("SYNC9: 4-byte step 1 floods and reconnect loops are cut with 1008 and a 429 ban; another user's edits keep flowing", async () => {
    const before = await step1Flood(LIFTED, 1);
    const after = await step1Flood({}, FLOOD_SECONDS);
    const col = (r: Run): string[] => [
      `${r.flood.answers} (${mb(r.flood.bytes)})`,
      r.flood.close,
      `${r.loop.accepted} / ${counts(r.loop.refused)}`,
      `${r.loop.answers} (${mb(r.loop.bytes)})`,
      counts(r.loop.closes),
      `${r.stats.step2Encoded} / ${r.stats.step2CacheHits}`,
      String(r.stats.bans),
      `${r.edits.latencies.length} of ${r.edits.sent}`,
      `${pct(r.edits.latencies, 50)} / ${pct(r.edits.latencies, 100)}`,
    ];
    const [b, a] = [col(before), col(after)];
    const rows: Array<[string, string, string]> = [
      [`4-byte step 1 at ${RATE}/s: answers (bytes out)`, b[0] ?? '', a[0] ?? ''],
      ['  the flooding connection', b[1] ?? '', a[1] ?? ''],
      ['reconnect loop: handshakes accepted / refused', b[2] ?? '', a[2] ?? ''],
      ['  answers (bytes out)', b[3] ?? '', a[3] ?? ''],
      ['  close codes', b[4] ?? '', a[4] ?? ''],
      ['step 2 encoded / served from cache', b[5] ?? '', a[5] ?? ''],
      ['users banned', b[6] ?? '', a[6] ?? ''],
      ["another user's edits seen by a third", b[7] ?? '', a[7] ?? ''],
      ['  edit → peer latency p50 / max', b[8] ?? '', a[8] ?? ''],
    ];
    printFigures(
      `SYNC9 step 1 flood on a room of ${CASES} cases (${kb(after.roomBytes)})`,
      ['limits lifted (1 s)', `limits (${FLOOD_SECONDS} s)`],
      rows,
    );

    expect(after.flood.answers).toBeLessThanOrEqual(4);
    expect(after.flood.close).toBe('1008 too many sync requests');
    // 20 at once, plus what the budget regained (20 a minute) while the loop ran.
    expect(after.loop.answers).toBeLessThanOrEqual(20 + Math.ceil((20 * FLOOD_SECONDS) / 60));
    expect(after.loop.closes.get(1008)).toBeGreaterThanOrEqual(1);
    expect(after.loop.refused.get(429)).toBeGreaterThan(0);
    expect(after.stats.bans).toBeGreaterThanOrEqual(2);
    expect(after.edits.latencies.length).toBeGreaterThan(0);
    expect(before.flood.answers).toBeGreaterThan(4);
  });
});
