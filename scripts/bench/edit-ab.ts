// `BENCH_BASELINE=<checkout> npx tsx scripts/bench/edit-ab.ts`: edit latency and durable throughput, this code vs an older checkout, in one run.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import type { BenchClient } from './clients';
import { Tracker, destroyClients } from './clients';
import { runFlatOut, runPaced } from './load';
import { acceptedEditRows, connectAll, cpuPressureMicros, issueShape } from './phases';
import type { Shape } from './phases';
import type { ChildServer } from './procs';
import { scratchDir } from './procs';
import type { SeededRoom } from './seed';
import { seedOurServer } from './seed';
import { longestStall, persistDirOf, startOurs, startStock } from './servers';
import type { Summary } from './stats';
import { fmt, ms, summarize } from './stats';

/*
 * The same network load as `npm run bench` (20 rooms × 10 clients, 50 then 500 edits/s, 5 % / 1.3 % refused edits on
 * our servers), on three servers alternating every 5 s: this checkout ("new"), the checkout named by BENCH_BASELINE
 * ("old", which needs its own node_modules, e.g. a symlink) and the persisting stock server; then flat-out on new and
 * old in alternating 5 s blocks. Machine noise hits every server alike, so the old and new figures compare.
 */

const baseline = process.env.BENCH_BASELINE;
if (baseline === undefined || !existsSync(join(baseline, 'sync-server/main.ts')))
  throw new Error('BENCH_BASELINE must name a checkout of this project (with node_modules)');
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const SHAPE: Shape = issueShape(seconds, false);
const REFUSALS_PER_USER_MINUTE = 20;
process.setMaxListeners(3 * SHAPE.units * SHAPE.perRoom + 20); // each WebsocketProvider adds a process 'exit' listener

interface Side {
  name: string;
  server: ChildServer;
  clients: BenchClient[];
  rooms: SeededRoom[];
  tracker: { current: Tracker };
  dataDir?: string;
}

const started = Date.now();
const log = (s: string) => console.log(`[edit-ab +${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}`);
const lat = (s: Summary) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)}`;

async function ourSide(name: string, root: string, dir: string): Promise<Side> {
  const dataDir = join(dir, name);
  const { server, adminToken } = await startOurs(dataDir, root, name);
  log(`${name}: pid ${server.pid} (${root}); seeding…`);
  const rooms = await seedOurServer(server.url, adminToken, SHAPE.units, SHAPE.casesPerUnit);
  const tracker = { current: new Tracker() };
  const clients = await connectAll(`${server.url.replace(/^http/, 'ws')}/sync`, rooms, SHAPE, tracker);
  return { name, server, clients, rooms, tracker, dataDir };
}

async function paced(sides: readonly Side[], rate: number, secs: number): Promise<void> {
  const forbiddenShare = Math.min(SHAPE.forbiddenShare, (REFUSALS_PER_USER_MINUTE * SHAPE.units) / 60 / rate);
  for (const s of sides) s.tracker.current = new Tracker();
  const cpu0 = sides.map((s) => s.server.cpuSeconds());
  const out0 = sides.map((s) => s.server.output().length);
  const psi0 = { micros: cpuPressureMicros(), at: performance.now() };
  const runs = await runPaced(
    sides.map((s) => ({
      clients: s.clients,
      rooms: s.rooms,
      tracker: s.tracker.current,
      forbiddenShare: s.dataDir === undefined ? 0 : forbiddenShare,
    })),
    {
      secondsPerTarget: secs,
      ratePerSecond: rate,
      blockSeconds: Math.min(SHAPE.blockSeconds, secs),
      perRoom: SHAPE.perRoom,
      seed: 7,
    },
  );
  const pressure = (cpuPressureMicros() - psi0.micros) / 1000 / (performance.now() - psi0.at);
  console.log(`\n${rate} edits/s, ${secs} s per server; CPU pressure ${fmt(100 * pressure, 0)} %`);
  sides.forEach((s, i) => {
    const t = s.tracker.current;
    const run = runs[i];
    const cpu = s.server.cpuSeconds() - (cpu0[i] ?? 0);
    console.log(
      `  ${s.name.padEnd(10)} edit → peer p50/p95/p99/max ${lat(summarize(t.peerLatencies))}; ` +
        `refusal → revert ${lat(summarize(t.revertLatencies))}; CPU ÷ edit ${fmt((1000 * cpu) / (run?.sent ?? NaN), 2)} ms; ` +
        `unseen ${run?.unseenAfterDrain}, unreverted ${run?.pendingRevertsAfterDrain}, leaks ${t.leaks}; ` +
        `stall ${ms(longestStall(s.server.output().slice(out0[i] ?? 0)))}`,
    );
  });
}

async function flat(sides: readonly Side[], blocks: number, blockSeconds: number): Promise<void> {
  const total = new Map<string, { rows: number; secs: number; cpu: number; peer: number[] }>();
  for (let b = 0; b < blocks; b++) {
    for (const s of b % 2 === 0 ? sides : [...sides].reverse()) {
      const db = join(s.dataDir as string, 'ledger.sqlite');
      const before = await acceptedEditRows(db);
      const cpu0 = s.server.cpuSeconds();
      s.tracker.current = new Tracker();
      const r = await runFlatOut(s.clients, s.rooms, SHAPE.perRoom, blockSeconds, s.tracker.current);
      const t = total.get(s.name) ?? { rows: 0, secs: 0, cpu: 0, peer: [] };
      t.rows += (await acceptedEditRows(db)) - before;
      t.secs += r.seconds;
      t.cpu += s.server.cpuSeconds() - cpu0;
      t.peer.push(...s.tracker.current.peerLatencies);
      total.set(s.name, t);
      await new Promise((res) => setTimeout(res, 1_000)); // let the last edits drain
    }
  }
  console.log(`\nflat-out, ${blocks} blocks of ${blockSeconds} s per server, alternating`);
  for (const [name, t] of total)
    console.log(
      `  ${name.padEnd(10)} durable accepted edits/s ${fmt(t.rows / t.secs, 0)}; server CPU ${fmt((100 * t.cpu) / t.secs, 0)} % of a core; ` +
        `CPU ÷ edit ${fmt((1000 * t.cpu) / t.rows, 2)} ms; edit → peer ${lat(summarize(t.peer))}`,
    );
}

async function main(): Promise<void> {
  const { dir, cleanup } = scratchDir('edit-ab-');
  const sides: Side[] = [];
  try {
    sides.push(await ourSide('new', resolve('.'), dir));
    sides.push(await ourSide('old', resolve(baseline as string), dir));
    const stock = await startStock('persisting', persistDirOf(dir));
    const newSide = sides[0] as Side;
    const seeds = newSide.rooms.map((_, i) =>
      Y.encodeStateAsUpdate(newSide.clients[i * SHAPE.perRoom]?.doc ?? new Y.Doc()),
    );
    const stockRooms = newSide.rooms.map((r, i) => ({ ...r, token: 'unused', seed: seeds[i] }));
    const tracker = { current: new Tracker() };
    const clients = await connectAll(stock.url.replace(/^http/, 'ws'), stockRooms, SHAPE, tracker);
    sides.push({ name: 'persisting', server: stock, clients, rooms: stockRooms, tracker });
    await new Promise((r) => setTimeout(r, 2_000));
    for (const p of SHAPE.paced) {
      log(`paced ${p.rate} edits/s…`);
      await paced(sides, p.rate, p.seconds);
    }
    log('flat-out…');
    await flat(sides.slice(0, 2), 4, SHAPE.flatSeconds / 2);
  } finally {
    for (const s of sides) destroyClients(s.clients);
    for (const s of sides) await s.server.stop();
    cleanup();
  }
}

main().then(
  () => setTimeout(() => process.exit(0), 500).unref(),
  (e: unknown) => {
    console.error('edit-ab failed:', e);
    process.exit(1);
  },
);
