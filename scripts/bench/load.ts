// Load generators: a paced mixed load (edit → peer and refusal → revert latency) and a flat-out closed loop (throughput).
import type { BenchClient, Tracker } from './clients';
import { waitUntil } from './clients';
import { prng } from '../../shared/prng';
import { FORBIDDEN, PERMITTED } from './ledger-bench';

export interface RoomCases {
  caseIds: readonly string[];
}

const pick = <T>(xs: readonly T[], r: number): T => xs[Math.floor(r * xs.length) % xs.length] as T;

/**
 * Client k of a room writes only case k of the room: two clients never write the same key concurrently (in Yjs the
 * losing concurrent write is never observed by peers, which would read as a lost edit).
 */
const ownCase = (caseIds: readonly string[], member: number): string => caseIds[member % caseIds.length] ?? '';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface PacedTarget {
  clients: readonly BenchClient[];
  rooms: readonly RoomCases[];
  tracker: Tracker;
  /** Share of edits that write a field the unit may not write (0 for the stock server). */
  forbiddenShare: number;
}

export interface PacedSpec {
  secondsPerTarget: number;
  ratePerSecond: number;
  blockSeconds: number;
  perRoom: number;
  seed: number;
}

export interface PacedResult {
  sent: number;
  activeSeconds: number;
  unseenAfterDrain: number;
  pendingRevertsAfterDrain: number;
  maxLagMs: number;
}

/**
 * Sends ratePerSecond edits per second on a fixed schedule to one target at a time, switching target every
 * blockSeconds, until each target got ratePerSecond × secondsPerTarget edits: both servers see the same machine
 * noise. Within a target: round-robin over rooms and their clients, each client on its own case, a random field;
 * a share of edits writes a field the unit may not write. Every target draws the same random sequence.
 * Afterwards waits (≤ 5 s) for every peer to see every edit and every refusal to be reverted.
 */
export async function runPaced(targets: readonly PacedTarget[], spec: PacedSpec): Promise<PacedResult[]> {
  const perBlock = Math.max(1, Math.round(spec.ratePerSecond * spec.blockSeconds));
  const perTarget = Math.round(spec.ratePerSecond * spec.secondsPerTarget);
  const state = targets.map(() => ({ rnd: prng(spec.seed), k: 0, maxLagMs: 0, activeMs: 0 }));
  const gap = 1000 / spec.ratePerSecond;
  const start = performance.now();
  for (let g = 0; g < perTarget * targets.length;) {
    const now = performance.now();
    const due = start + g * gap;
    if (now < due) {
      await sleep(Math.min(due - now, 5));
      continue;
    }
    const which = Math.floor(g / perBlock) % targets.length;
    const t = targets[which];
    const s = state[which];
    if (t === undefined || s === undefined) throw new Error('no target');
    s.maxLagMs = Math.max(s.maxLagMs, now - due);
    s.activeMs += gap;
    const room = s.k % t.rooms.length;
    const member = Math.floor(s.k / t.rooms.length) % spec.perRoom;
    const client = t.clients[room * spec.perRoom + member];
    const caseId = ownCase(t.rooms[room]?.caseIds ?? [], member);
    const forbidden = s.rnd() < t.forbiddenShare;
    const r = s.rnd();
    if (client === undefined) throw new Error('no client');
    if (forbidden && t.tracker.canForbid(client, caseId, pick(FORBIDDEN, r)))
      t.tracker.sendForbidden(client, caseId, pick(FORBIDDEN, r));
    else t.tracker.sendPermitted(client, caseId, pick(PERMITTED, r));
    s.k++;
    g++;
  }
  const drained = () =>
    targets.every((t) => t.tracker.unseen(spec.perRoom - 1) === 0 && t.tracker.pendingReverts() === 0);
  await waitUntil(drained, 'the last edits', 5_000).catch(() => undefined);
  return targets.map((t, i) => ({
    sent: state[i]?.k ?? 0,
    activeSeconds: (state[i]?.activeMs ?? 0) / 1000,
    unseenAfterDrain: t.tracker.unseen(spec.perRoom - 1),
    pendingRevertsAfterDrain: t.tracker.pendingReverts(),
    maxLagMs: state[i]?.maxLagMs ?? NaN,
  }));
}

export interface FlatOutResult {
  confirmed: number;
  timedOut: number;
  seconds: number;
}

/**
 * Every client edits as fast as its own edits come back: it sets a permitted field, waits until the next client of
 * its room observes it (our server broadcasts only after the SQLite COMMIT), then sends the next one. Bounded by
 * `seconds`; an edit not seen within 5 s is counted as timed out. At most one edit per client per 3 ms (the
 * server closes connections above 500 messages/s). Each client writes its own case (see ownCase).
 */
export async function runFlatOut(
  clients: readonly BenchClient[],
  rooms: readonly RoomCases[],
  perRoom: number,
  seconds: number,
  tracker: Tracker,
): Promise<FlatOutResult> {
  const rnd = prng(7);
  const end = performance.now() + seconds * 1000;
  let confirmed = 0;
  let timedOut = 0;
  const loop = async (c: BenchClient) => {
    const peer = c.room * perRoom + ((c.index - c.room * perRoom + 1) % perRoom);
    const caseId = ownCase(rooms[c.room]?.caseIds ?? [], c.index - c.room * perRoom);
    while (performance.now() < end) {
      const sentAt = performance.now();
      const seen = tracker.sendPermitted(c, caseId, pick(PERMITTED, rnd()), peer);
      let timer: NodeJS.Timeout | undefined;
      const ok = await Promise.race([
        seen?.then(() => true),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 5_000))),
      ]);
      clearTimeout(timer);
      if (!ok) timedOut++;
      else if (performance.now() <= end) confirmed++;
      const rest = 3 - (performance.now() - sentAt);
      if (rest > 0) await sleep(rest);
    }
  };
  const start = performance.now();
  await Promise.all(clients.map(loop));
  return { confirmed, timedOut, seconds: Math.min(seconds, (performance.now() - start) / 1000) };
}
