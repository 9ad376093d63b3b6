// Bench only (`npm run bench:compaction`): the longest event-loop stall of a worker compaction of the ledger room, phase by phase.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import sqlite3 from 'sqlite3';
import { Ledger } from '../../sync-server/ledger/ledger';
import { DEFAULT_COMPACTION } from '../../sync-server/ledger/room-docs';
import { createMemoryStore } from '../../sync-server/store/memory-store';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';
import type { Store } from '../../sync-server/store/store';
import { copyCaseStates } from './big-ledger';
import { buildLedgerFile, openOpts } from './ledger-build';
import { summarize } from './stats';
import { idleFloor, memoryChurnFloor } from './stall-floors';

/** The 10,000-case ledger, built by commands once (about 20 s here) and kept here between runs. */
const CACHE = process.env.BENCH_CACHE ?? join(tmpdir(), 'bench-cache');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** A gap between two 1 ms ticks longer than this is reported with the phase it fell in. */
const GAP_MS = 3;
const BIG_BLOB = 1024 * 1024;

/** copy: the parts to the worker; worker: until its snapshot is adopted; store: until durable (bind: one large bind). */
type Phase = 'before' | 'copy' | 'worker' | 'store' | 'join' | 'bind' | 'after';
interface Marks {
  call: number;
  posted: number;
  adopted: number;
  bindStart: number;
  bindEnd: number;
  /** STORE42: SQLite joining the pieces (sent, answered). */
  joinStart: number;
  joinEnd: number;
  durable: number;
}

const marks: Marks = { call: 0, posted: 0, adopted: 0, bindStart: 0, bindEnd: 0, joinStart: 0, joinEnd: 0, durable: 0 };

/** Timestamps of the steps the library calls take: the post to the worker, sqlite3's bind of a large blob. */
function instrument(): void {
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    marks.posted = performance.now();
    return post.apply(this, args);
  };
  const run = sqlite3.Statement.prototype.run;
  sqlite3.Statement.prototype.run = function (this: sqlite3.Statement, ...args: unknown[]) {
    const big = args.some((a) => Array.isArray(a) && a.some((p) => Buffer.isBuffer(p) && p.length >= BIG_BLOB));
    const t0 = performance.now();
    if ((this as { sql?: string }).sql?.includes('snapshot_joined') === true) {
      marks.joinStart = t0;
      const cb = args[args.length - 1] as (...a: unknown[]) => void;
      args[args.length - 1] = function (this: unknown, ...a: unknown[]) {
        marks.joinEnd = performance.now();
        cb.apply(this, a);
      };
    }
    const r = (run as (...a: unknown[]) => sqlite3.Statement).apply(this, args);
    if (big) [marks.bindStart, marks.bindEnd] = [t0, performance.now()];
    return r;
  } as typeof run;
}

async function ledgerFile(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, 'ledger-10000.sqlite');
  if (existsSync(file)) return file;
  console.log(`building the 10,000-case ledger into ${file}…`);
  await buildLedgerFile(`${file}.tmp`);
  copyFileSync(`${file}.tmp`, file);
  rmSync(`${file}.tmp`);
  return file;
}

/** A store holding the cached ledger: the SQLite file itself (a fresh copy) or its rows in a memory store. */
async function storeOf(kind: 'memory' | 'sqlite', file: string, dir: string): Promise<Store> {
  const copy = join(dir, `run-${Math.random().toString(36).slice(2)}.sqlite`);
  copyFileSync(file, copy);
  const sqlite = await openSqliteStore(copy);
  if (kind === 'sqlite') return sqlite;
  const memory = createMemoryStore();
  try {
    for (const room of await sqlite.listRooms()) {
      const [first, ...rest] = await sqlite.loadRoom(room);
      if (first !== undefined) void memory.compactRoom(room, first);
      for (const u of rest) void memory.appendUpdate(room, u);
    }
    for (const u of await sqlite.units()) void memory.putUnit(u);
    for (const [k, v] of await sqlite.counters()) void memory.setCounter(k, v);
    await copyCaseStates(sqlite, memory);
  } finally {
    await sqlite.close();
  }
  return memory;
}

function phaseOf(t: number): Phase {
  if (t < marks.call) return 'before';
  if (t < marks.posted) return 'copy';
  if (t < marks.adopted) return 'worker';
  if (t >= marks.joinStart && t < marks.joinEnd) return 'join';
  if (t < marks.durable) return 'store';
  return 'after';
}

interface Round {
  stallMs: number;
  totalMs: number;
  /** The one large bind (a snapshot bound whole), 0 when there was none. */
  bindMs: number;
  /** The longest gap per phase. */
  longest: Partial<Record<Phase, number>>;
}

/** The longest gap between two ticks per phase (BENCH_MARKS=1 prints every gap over 8 ms). */
function longestPerPhase(ticks: readonly number[]): Round['longest'] {
  const longest: Round['longest'] = {};
  for (let i = 1; i < ticks.length; i++) {
    const [from, to] = [ticks[i - 1] ?? 0, ticks[i] ?? 0];
    const ms = to - from - 1;
    // the bind when it ran inside the gap, else the phase the gap began in
    const bound = marks.bindStart >= from && marks.bindEnd <= to;
    const phase = bound ? 'bind' : phaseOf(from);
    if (ms > GAP_MS) longest[phase] = Math.max(longest[phase] ?? 0, ms);
    if (ms > 8 && process.env.BENCH_MARKS === '1')
      console.log(`gap ${phase} at ${from.toFixed(0)} ${ms.toFixed(1)} ms`);
  }
  return longest;
}

/** One worker compaction of the ledger room, from a fresh open of the cached ledger. */
async function round(kind: 'memory' | 'sqlite', file: string, dir: string, lowPriority: boolean): Promise<Round> {
  const store = await storeOf(kind, file, dir);
  const ledger = await Ledger.open({ ...openOpts(store), compaction: { ...DEFAULT_COMPACTION, lowPriority } });
  try {
    ledger.doc('ledger'); // decoded on first use (STORE33)
    ledger.docs.compact('ledger'); // one part, as in `npm run bench`
    await ledger.whenDurable();
    await new Promise((r) => setTimeout(r, 200));
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 1);
    const h = monitorEventLoopDelay({ resolution: 1 });
    await new Promise((r) => setTimeout(r, 20));
    for (const k of Object.keys(marks) as (keyof Marks)[]) marks[k] = 0;
    h.enable();
    marks.call = performance.now();
    await ledger.docs.compactInBackground('ledger');
    marks.adopted = performance.now();
    await ledger.whenDurable();
    marks.durable = performance.now();
    if (process.env.BENCH_MARKS === '1') console.log('marks', JSON.stringify(marks));
    await new Promise((r) => setTimeout(r, 20));
    h.disable();
    clearInterval(timer);
    return {
      stallMs: Math.max(0, h.max / 1e6 - 1),
      totalMs: marks.durable - marks.call,
      bindMs: marks.bindEnd - marks.bindStart,
      longest: longestPerPhase(ticks),
    };
  } finally {
    ledger.close();
    await store.close();
  }
}

const fmt = (n: number) => n.toFixed(1);

const churnRound = (stallMs: number): Round => ({ stallMs, totalMs: 0, bindMs: 0, longest: {} });

async function main(): Promise<void> {
  instrument();
  const file = await ledgerFile();
  const dir = mkdtempSync(join(tmpdir(), 'compaction-'));
  const kinds = (process.env.BENCH_STORES ?? 'memory,sqlite').split(',') as ('memory' | 'sqlite')[];
  const priorities = (process.env.BENCH_PRIORITY ?? 'low,normal').split(',').map((p) => p === 'low');
  const results = new Map<string, Round[]>();
  const floor = await idleFloor();
  console.log(`idle floor: longest gap ${fmt(floor)} ms over 2 s`);
  console.log(`RESULT ${JSON.stringify({ key: 'idle', stallMs: floor, totalMs: 2000, bindMs: 0, longest: {} })}`);
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const kind of kinds) {
        for (const low of priorities) {
          const key = `${kind} store, worker ${low ? 'low' : 'normal'} priority`;
          const one = await round(kind, file, dir, low);
          results.set(key, [...(results.get(key) ?? []), one]);
          const phases = Object.entries(one.longest).map(([p, ms]) => `${p} ${fmt(ms)}`);
          console.log(
            `${key}: stall ${fmt(one.stallMs)} ms, whole ${fmt(one.totalMs)} ms, bind ${fmt(one.bindMs)} ms; longest gap > ${GAP_MS} ms per phase: ${phases.join(', ') || 'none'}`,
          );
          console.log(`RESULT ${JSON.stringify({ key, ...one })}`);
        }
      }
      // side by side: what memory churn in another process does to this event loop, in the same round
      const churn = await memoryChurnFloor();
      results.set('churn', [...(results.get('churn') ?? []), churnRound(churn)]);
      console.log(`another process allocating and freeing 170 MiB: longest gap ${fmt(churn)} ms`);
      console.log(`RESULT ${JSON.stringify({ key: 'churn', ...churnRound(churn) })}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\nlongest stall per round (ms), median; bind median');
  for (const [key, rounds] of results) {
    const stalls = rounds.map((x) => x.stallMs);
    console.log(
      `${key}: ${stalls.map(fmt).join(' / ')}; median ${fmt(summarize(stalls).p50)}; bind ${fmt(summarize(rounds.map((x) => x.bindMs)).p50)}`,
    );
  }
}

await main();
