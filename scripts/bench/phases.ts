// The network phases: our server and the stock y-websocket server under the same interleaved paced load, then flat-out on ours.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import * as Y from 'yjs';
import { casesOf } from '../../shared/ydoc-layout';
import type { BenchClient } from './clients';
import { Tracker, connectClients, destroyClients, waitUntil } from './clients';
import type { FlatOutResult, PacedResult } from './load';
import { runFlatOut, runPaced } from './load';
import type { ChildServer } from './procs';
import { freePort, sampleRss, startChild } from './procs';
import { seedOurServer } from './seed';
import type { Summary } from './stats';
import { summarize } from './stats';

export interface Shape {
  units: number;
  perRoom: number;
  casesPerUnit: number;
  seconds: number;
  rate: number;
  blockSeconds: number;
  forbiddenShare: number;
  flatSeconds: number;
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
  hwm: number;
}

export interface NetworkFigures {
  ours: PacedFigures;
  stock: PacedFigures;
  flat: FlatOutResult & { auditRows: number; peer: Summary; cpuSeconds: number; benchCpuSeconds: number; hwm: number };
  yjsClientIdWarnings: number;
  /** Share of the paced phase during which some task on the machine waited for a CPU (/proc/pressure/cpu). */
  cpuPressure: number;
}

const SEED = 20261129;
const SYNC_TIMEOUT_MS = 60_000;
const SETTLE_MS = 2_000;

/** Accepted edits recorded by the server (one audit row each), read from its SQLite file by a read-only connection. */
function acceptedEditRows(file: string): Promise<number> {
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
function cpuPressureMicros(): number {
  try {
    return Number(/^some .* total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

async function connectAll(
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

function figures(t: Tracker, run: PacedResult, peakRss: number, cpuSeconds: number, hwm: number): PacedFigures {
  return {
    peer: summarize(t.peerLatencies),
    revert: summarize(t.revertLatencies),
    run,
    leaks: t.leaks,
    rejectionMessages: t.rejectionMessages,
    forbiddenSent: t.forbiddenSent,
    permittedSent: t.permittedSent,
    peakRss,
    cpuSeconds,
    hwm,
  };
}

export async function runNetwork(dir: string, shape: Shape, log: (s: string) => void): Promise<NetworkFigures> {
  const adminToken = randomBytes(24).toString('hex');
  const dataDir = join(dir, 'ours');
  const servers: ChildServer[] = [];
  let clients: BenchClient[] = [];
  try {
    const ours = await startChild(
      'ours',
      'sync-server/main.ts',
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LEDGER_DEMO: '0',
        LEDGER_ADMIN_TOKEN: adminToken,
      },
      (out) => /已启动：(http:\/\/[^\s]+)/.exec(out)?.[1] ?? null,
    );
    servers.push(ours);
    log(
      `ours: pid ${ours.pid} at ${ours.url}; seeding ${shape.units} units × ${shape.casesPerUnit} cases (handling) over HTTP…`,
    );
    const rooms = await seedOurServer(ours.url, adminToken, shape.units, shape.casesPerUnit);
    const oursTracker = { current: new Tracker() };
    clients = await connectAll(`${ours.url.replace(/^http/, 'ws')}/sync`, rooms, shape, oursTracker);
    const ourClients = clients;

    const port = await freePort();
    const stock = await startChild(
      'stock',
      'node_modules/@y/websocket-server/src/server.js',
      { HOST: '127.0.0.1', PORT: String(port) },
      (out) => (/running at '[^']*' on port \d+/.test(out) ? `http://127.0.0.1:${port}` : null),
    );
    servers.push(stock);
    log(
      `stock: pid ${stock.pid} at ${stock.url}; seeding each room with our room's document through its first client…`,
    );
    const stockRooms = rooms.map((r, i) => ({
      room: r.room,
      token: 'unused',
      caseIds: r.caseIds,
      seed: Y.encodeStateAsUpdate(ourClients[i * shape.perRoom]?.doc ?? new Y.Doc()),
    }));
    const stockTracker = { current: new Tracker() };
    const stockClients = await connectAll(stock.url.replace(/^http/, 'ws'), stockRooms, shape, stockTracker);
    clients = [...ourClients, ...stockClients];
    await new Promise((r) => setTimeout(r, SETTLE_MS)); // let joins, awareness and GC settle before measuring

    log(
      `paced: ${shape.rate} edits/s, alternating ours/stock every ${shape.blockSeconds} s, ${shape.seconds} s each; ours ${shape.forbiddenShare * 100} % refused…`,
    );
    const samplers = [sampleRss(ours), sampleRss(stock)];
    const cpu0 = [ours.cpuSeconds(), stock.cpuSeconds()];
    const psi0 = { micros: cpuPressureMicros(), at: performance.now() };
    const [oursRun, stockRun] = await runPaced(
      [
        { clients: ourClients, rooms, tracker: oursTracker.current, forbiddenShare: shape.forbiddenShare },
        { clients: stockClients, rooms: stockRooms, tracker: stockTracker.current, forbiddenShare: 0 },
      ],
      {
        secondsPerTarget: shape.seconds,
        ratePerSecond: shape.rate,
        blockSeconds: shape.blockSeconds,
        perRoom: shape.perRoom,
        seed: SEED,
      },
    );
    const cpuPressure = (cpuPressureMicros() - psi0.micros) / 1000 / (performance.now() - psi0.at);
    const [oursRss = NaN, stockRss = NaN] = samplers.map((s) => s.stop());
    if (oursRun === undefined || stockRun === undefined) throw new Error('paced load returned no result');
    const stockFigures = figures(
      stockTracker.current,
      stockRun,
      stockRss,
      stock.cpuSeconds() - (cpu0[1] ?? 0),
      stock.memory().hwm,
    );
    const oursFigures = figures(
      oursTracker.current,
      oursRun,
      oursRss,
      ours.cpuSeconds() - (cpu0[0] ?? 0),
      ours.memory().hwm,
    );
    destroyClients(stockClients);
    clients = ourClients;
    await stock.stop();

    log(`flat-out: every client of ours edits its own case as fast as a peer sees it, ${shape.flatSeconds} s…`);
    oursTracker.current = new Tracker();
    const db = join(dataDir, 'ledger.sqlite');
    const before = await acceptedEditRows(db);
    const cpuFlat = ours.cpuSeconds();
    const bench0 = process.cpuUsage();
    const flat = await runFlatOut(ourClients, rooms, shape.perRoom, shape.flatSeconds, oursTracker.current);
    const cpuSeconds = ours.cpuSeconds() - cpuFlat;
    const benchCpu = process.cpuUsage(bench0);
    const auditRows = (await acceptedEditRows(db)) - before;
    const hwm = ours.memory().hwm;
    destroyClients(ourClients);
    clients = [];
    await ours.stop();
    return {
      ours: oursFigures,
      stock: stockFigures,
      cpuPressure,
      flat: {
        ...flat,
        auditRows,
        peer: summarize(oursTracker.current.peerLatencies),
        cpuSeconds,
        benchCpuSeconds: (benchCpu.user + benchCpu.system) / 1e6,
        hwm,
      },
      yjsClientIdWarnings: ours.output().split('Changed the client-id').length - 1,
    };
  } finally {
    destroyClients(clients);
    for (const s of servers) await s.stop();
  }
}
