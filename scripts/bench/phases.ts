// The network phases: our server and the stock servers under the same interleaved paced loads, then flat-out on ours.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import * as Y from 'yjs';
import { casesOf } from '../../shared/ydoc-layout';
import type { BenchClient } from './clients';
import { Tracker, connectClients, destroyClients, waitUntil } from './clients';
import type { FlatOutResult, PacedResult, PacedTarget } from './load';
import { runFlatOut, runPaced } from './load';
import type { ChildServer } from './procs';
import { sampleRss } from './procs';
import { seedOurServer } from './seed';
import type { ServerKind } from './servers';
import { longestStall, persistDirOf, startOurs, startStock } from './servers';
import type { Summary } from './stats';
import { summarize } from './stats';

export interface Shape {
  units: number;
  perRoom: number;
  casesPerUnit: number;
  /** Paced loads, one after the other: edits/s and seconds of load per server. */
  paced: readonly { rate: number; seconds: number }[];
  blockSeconds: number;
  /** Share of our edits that write a refused field, capped so that no unit user runs out of its SYNC7 budget. */
  forbiddenShare: number;
  flatSeconds: number;
  /** Whether the in-memory stock server runs too (the persisting one always does). */
  memoryStock: boolean;
}

/** The issue 7/14 network shape: 20 rooms × 10 clients, at 50 edits/s for `seconds`, then 500/s for half of it. */
export function issueShape(seconds: number, memoryStock: boolean): Shape {
  return {
    units: 20,
    perRoom: 10,
    casesPerUnit: 10,
    paced: [
      { rate: 50, seconds },
      { rate: 500, seconds: Math.max(1, Math.round(seconds / 2)) },
    ],
    blockSeconds: 5,
    forbiddenShare: 0.05,
    flatSeconds: 10,
    memoryStock,
  };
}

export interface PacedFigures {
  peer: Summary;
  revert: Summary;
  run: PacedResult;
  leaks: number;
  rejectionMessages: number;
  forbiddenSent: number;
  permittedSent: number;
  peakRss: number;
  /** Server CPU seconds over the whole interleaved phase (its idle blocks included). */
  cpuSeconds: number;
  /** Longest event-loop stall the server logged during the phase (ms). */
  stallMs: number;
}

export interface PacedPhase {
  rate: number;
  forbiddenShare: number;
  servers: Partial<Record<ServerKind, PacedFigures>>;
  /** Longest event-loop stall our server logged during the phase (ms). */
  oursStallMs: number;
  /** Share of the phase during which some task on the machine waited for a CPU (/proc/pressure/cpu). */
  cpuPressure: number;
}

export interface FlatFigures extends FlatOutResult {
  auditRows: number;
  peer: Summary;
  cpuSeconds: number;
  benchCpuSeconds: number;
  hwm: number;
  stallMs: number;
}

export interface NetworkFigures {
  paced: PacedPhase[];
  flat: FlatFigures;
  hwm: Partial<Record<ServerKind, number>>;
  yjsClientIdWarnings: number;
}

const SEED = 20261129;
const SYNC_TIMEOUT_MS = 120_000;
const SETTLE_MS = 2_000;
/** Refusal points a unit user may spend per minute over a phase, well under SYNC7's 60. */
const REFUSALS_PER_USER_MINUTE = 20;

/** Accepted edits recorded by the server (one audit row each), read from its SQLite file by a read-only connection. */
export function acceptedEditRows(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (e) => {
      if (e) return reject(e);
      db.get<{ n: number }>("SELECT count(*) AS n FROM audit WHERE command = 'edit' AND accepted = 1", (err, row) => {
        db.close();
        if (err) reject(err);
        else resolve(row?.n ?? 0);
      });
    });
  });
}

/** Microseconds during which some task waited for a CPU since boot (PSI), or NaN without PSI. */
export function cpuPressureMicros(): number {
  try {
    return Number(/^some .* total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

export async function connectAll(
  serverUrl: string,
  rooms: { room: string; token: string; seed?: Uint8Array }[],
  shape: Shape,
  tracker: { current: Tracker },
) {
  const clients = connectClients({ serverUrl, rooms, perRoom: shape.perRoom, tracker });
  const ready = (c: BenchClient) => c.provider.synced && casesOf(c.doc).size === shape.casesPerUnit;
  try {
    await waitUntil(
      () => clients.every(ready),
      `${clients.length} clients synced with ${shape.casesPerUnit} cases each`,
      SYNC_TIMEOUT_MS,
    );
  } catch (e) {
    destroyClients(clients);
    throw e;
  }
  return clients;
}

interface Side {
  kind: ServerKind;
  server: ChildServer;
  clients: BenchClient[];
  rooms: { room: string; caseIds: string[] }[];
  tracker: { current: Tracker };
}

/** One paced load over every side, interleaved; a fresh tracker per side. */
async function pacedPhase(sides: readonly Side[], shape: Shape, rate: number, seconds: number): Promise<PacedPhase> {
  const ours = sides[0]?.server;
  if (ours === undefined) throw new Error('no server');
  const forbiddenShare = Math.min(shape.forbiddenShare, (REFUSALS_PER_USER_MINUTE * shape.units) / 60 / rate);
  for (const s of sides) s.tracker.current = new Tracker();
  const samplers = sides.map((s) => sampleRss(s.server));
  const cpu0 = sides.map((s) => s.server.cpuSeconds());
  const out0 = sides.map((s) => s.server.output().length);
  const psi0 = { micros: cpuPressureMicros(), at: performance.now() };
  const targets: PacedTarget[] = sides.map((s) => ({
    clients: s.clients,
    rooms: s.rooms,
    tracker: s.tracker.current,
    forbiddenShare: s.kind === 'ours' ? forbiddenShare : 0,
  }));
  const runs = await runPaced(targets, {
    secondsPerTarget: seconds,
    ratePerSecond: rate,
    blockSeconds: Math.min(shape.blockSeconds, seconds), // every server gets whole blocks
    perRoom: shape.perRoom,
    seed: SEED,
  });
  const cpuPressure = (cpuPressureMicros() - psi0.micros) / 1000 / (performance.now() - psi0.at);
  const servers: Partial<Record<ServerKind, PacedFigures>> = {};
  sides.forEach((s, i) => {
    const t = s.tracker.current;
    const run = runs[i];
    if (run === undefined) throw new Error('paced load returned no result');
    servers[s.kind] = {
      peer: summarize(t.peerLatencies),
      revert: summarize(t.revertLatencies),
      run,
      leaks: t.leaks,
      rejectionMessages: t.rejectionMessages,
      forbiddenSent: t.forbiddenSent,
      permittedSent: t.permittedSent,
      peakRss: samplers[i]?.stop() ?? NaN,
      cpuSeconds: s.server.cpuSeconds() - (cpu0[i] ?? 0),
      stallMs: longestStall(s.server.output().slice(out0[i] ?? 0)),
    };
  });
  return { rate, forbiddenShare, servers, oursStallMs: servers.ours?.stallMs ?? NaN, cpuPressure };
}

/** Flat-out on our server: every client edits as fast as its peer sees the edit. */
async function flatPhase(side: Side, shape: Shape, dataDir: string): Promise<FlatFigures> {
  const ours = side.server;
  side.tracker.current = new Tracker();
  const db = join(dataDir, 'ledger.sqlite');
  const before = await acceptedEditRows(db);
  const out0 = ours.output().length;
  const cpuFlat = ours.cpuSeconds();
  const bench0 = process.cpuUsage();
  const flat = await runFlatOut(side.clients, side.rooms, shape.perRoom, shape.flatSeconds, side.tracker.current);
  const cpuSeconds = ours.cpuSeconds() - cpuFlat;
  const benchCpu = process.cpuUsage(bench0);
  await new Promise((r) => setTimeout(r, 1_100)); // the last loop-delay line of the window
  return {
    ...flat,
    auditRows: (await acceptedEditRows(db)) - before,
    peer: summarize(side.tracker.current.peerLatencies),
    cpuSeconds,
    benchCpuSeconds: (benchCpu.user + benchCpu.system) / 1e6,
    hwm: ours.memory().hwm,
    stallMs: longestStall(ours.output().slice(out0)),
  };
}

export async function runNetwork(dir: string, shape: Shape, log: (s: string) => void): Promise<NetworkFigures> {
  mkdirSync(dir, { recursive: true });
  const dataDir = join(dir, 'ours');
  const servers: ChildServer[] = [];
  const sides: Side[] = [];
  try {
    const { server: ours, adminToken } = await startOurs(dataDir);
    servers.push(ours);
    log(`ours: pid ${ours.pid}; seeding ${shape.units} units × ${shape.casesPerUnit} cases (handling) over HTTP…`);
    const rooms = await seedOurServer(ours.url, adminToken, shape.units, shape.casesPerUnit);
    const oursTracker = { current: new Tracker() };
    const ourClients = await connectAll(`${ours.url.replace(/^http/, 'ws')}/sync`, rooms, shape, oursTracker);
    sides.push({ kind: 'ours', server: ours, clients: ourClients, rooms, tracker: oursTracker });
    const seeds = rooms.map((_, i) => Y.encodeStateAsUpdate(ourClients[i * shape.perRoom]?.doc ?? new Y.Doc()));
    const stockKinds: ('stock' | 'persisting')[] = shape.memoryStock ? ['persisting', 'stock'] : ['persisting'];
    for (const kind of stockKinds) {
      const server = await startStock(kind, kind === 'persisting' ? persistDirOf(dir) : undefined);
      servers.push(server);
      log(`${kind}: pid ${server.pid}; each room starts from our room's document through its first client…`);
      const stockRooms = rooms.map((r, i) => ({ ...r, token: 'unused', seed: seeds[i] }));
      const tracker = { current: new Tracker() };
      const clients = await connectAll(server.url.replace(/^http/, 'ws'), stockRooms, shape, tracker);
      sides.push({ kind, server, clients, rooms: stockRooms, tracker });
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS)); // let joins, awareness and GC settle before measuring

    const paced: PacedPhase[] = [];
    for (const { rate, seconds } of shape.paced) {
      log(
        `paced: ${rate} edits/s, alternating ${sides.map((s) => s.kind).join('/')} every ${shape.blockSeconds} s, ${seconds} s each…`,
      );
      paced.push(await pacedPhase(sides, shape, rate, seconds));
    }
    const hwm: Partial<Record<ServerKind, number>> = {};
    for (const s of sides) hwm[s.kind] = s.server.memory().hwm;
    for (const s of sides.slice(1)) {
      destroyClients(s.clients);
      await s.server.stop();
    }
    const oursSide = sides[0] as Side;
    log(`flat-out: every client of ours edits its own case as fast as a peer sees it, ${shape.flatSeconds} s…`);
    const flat = await flatPhase(oursSide, shape, dataDir);
    return { paced, flat, hwm, yjsClientIdWarnings: ours.output().split('Changed the client-id').length - 1 };
  } finally {
    for (const s of sides) destroyClients(s.clients);
    for (const s of servers) await s.stop();
  }
}
