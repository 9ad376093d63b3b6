// In-process ledger figures: rule check + compensation per update, and cold start from SQLite, on a 10,000-case ledger.
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import * as Y from 'yjs';
import { casesOf } from '../../shared/ydoc-layout';
import type { EnforcementScope } from '../../sync-server/ledger/enforce';
import { applyWithEnforcement } from '../../sync-server/ledger/enforce';
import { Ledger } from '../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../sync-server/store/memory-store';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';
import { writeBigLedger } from './big-ledger';
import {
  CASES,
  OFFICE,
  REGISTRATION,
  buildLedgerFile,
  copyToSqlite,
  openOpts,
  populate,
  unitActor,
} from './ledger-build';
import type { ColdStart } from './cold-start';
import { coldStart } from './cold-start';
import type { StatsStall } from './stats-stall';
import { statsStall } from './stats-stall';
import type { Summary } from './stats';
import { summarize } from './stats';

export const PERMITTED = ['handler', 'findings', 'measures'] as const;
export const FORBIDDEN = ['status', 'company'] as const;

/** The large ledger of the cold-start figure (BENCH_BIG_CASES for trial runs). */
const BIG_CASES = Number(process.env.BENCH_BIG_CASES ?? 50_000);
/** Warm-up then measured iterations. Refusals are fewer: each one currently adds a clientID to the room (docs/PERFORMANCE.md). */
const PERMITTED_RUN = { warmup: 2_000, measured: 5_000 };
const FORBIDDEN_RUN = { warmup: 200, measured: 1_000 };
const YJS_CLIENT_ID_WARNING = 'Changed the client-id';

export interface Timed {
  summary: Summary;
  firstMean: number;
  lastMean: number;
}

export interface LedgerFigures {
  buildSeconds: number;
  bare: { permitted: Timed; forbidden: Timed };
  enforce: { permitted: Timed; forbidden: Timed };
  full: { permitted: Timed; forbidden: Timed };
  /** yjs warnings "Changed the client-id…" printed while the refusals were timed (one per regenerated server clientID). */
  clientIdChanges: number;
  /** One compaction of the 10,000-case ledger room on the main thread (encodeStateAsUpdate), and its size. */
  compactMs: number;
  /** STORE30: the same in the worker thread: the call's synchronous part, the whole, and the longest event-loop stall. */
  background: { syncMs: number; totalMs: number; stallMs: number };
  ledgerDocBytes: number;
  /** STAT15: /api/stats on the same ledger, at once vs in slices. */
  stats: StatsStall;
  /** Cold starts of the 10,000-case ledger, each in a fresh process. */
  cold: ColdStart[];
  /** One cold start of a 50,000-case ledger (rooms as one snapshot each), in a fresh process. */
  coldBig: ColdStart[];
  bigCases: number;
  /** SQLite file without audit rows, and extrapolated to all `auditRows` audit rows (from a 10 % sample). */
  roomsBytes: number;
  estimatedBytes: number;
  auditRows: number;
  casesLoaded: number;
  /** One durable SQLite write at a time (synchronous=FULL) on this machine's disk: context for the network tail. */
  commit: Summary;
}

/**
 * Times `apply` on small client updates made by a client synced with `serverDoc` (a unit room); the server doc's
 * output is fed back to the client untimed, and the store is drained every 100 updates, untimed.
 */
async function timeUpdates(
  ledger: Ledger,
  serverDoc: Y.Doc,
  fields: readonly string[],
  run: { warmup: number; measured: number },
  apply: (update: Uint8Array) => void,
): Promise<Timed> {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(serverDoc));
  const caseIds = [...casesOf(client).keys()];
  const back: Uint8Array[] = [];
  const onServer = (u: Uint8Array) => back.push(u);
  serverDoc.on('update', onServer);
  let captured: Uint8Array | null = null;
  client.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'server') captured = u;
  });
  const samples: number[] = [];
  try {
    for (let i = 0; i < run.warmup + run.measured; i++) {
      const map = casesOf(client).get(caseIds[i % caseIds.length] ?? '');
      if (map === undefined) throw new Error('case missing in client doc');
      map.set(fields[i % fields.length] ?? '', `v${i}-${Math.random().toString(36).slice(2, 8)}`);
      const update: Uint8Array | null = captured;
      if (update === null) throw new Error('no client update');
      const t0 = process.hrtime.bigint();
      apply(update);
      const dt = Number(process.hrtime.bigint() - t0) / 1000;
      if (i >= run.warmup) samples.push(dt);
      for (const u of back.splice(0)) Y.applyUpdate(client, u, 'server');
      if (i % 100 === 99) await ledger.whenDurable();
    }
  } finally {
    serverDoc.off('update', onServer);
    client.destroy();
  }
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  return {
    summary: summarize(samples),
    firstMean: summarize(samples.slice(0, tenth)).mean,
    lastMean: summarize(samples.slice(-tenth)).mean,
  };
}

/** yjs prints one line per regenerated clientID: count those lines instead of printing them while `fn` runs. */
async function countingClientIdWarnings<T>(fn: () => Promise<T>): Promise<{ value: T; warnings: number }> {
  let warnings = 0;
  const log = console.log;
  console.log = (...args: unknown[]) => {
    if (args.some((x) => typeof x === 'string' && x.includes(YJS_CLIENT_ID_WARNING))) warnings++;
    else log(...args);
  };
  try {
    return { value: await fn(), warnings };
  } finally {
    console.log = log;
  }
}

/**
 * Three pairs of series, each series in its own unit room (500 cases) so that one's history does not weigh on the next:
 * - bare: applyWithEnforcement on a listener-free copy of the room (rule check + compensation only);
 * - enforce: applyWithEnforcement on the live room doc (adds the update event: encoding, store queue, compaction);
 * - full: ledger.applyClientUpdate (adds projection into the ledger room and audit rows).
 */
async function enforcementFigures(ledger: Ledger, units: readonly string[]) {
  const origin = {};
  const scopeOf = (unitId: string): EnforcementScope => ({
    caseInRoom: (id) => ledger.projection.caseForUnit(unitId, id),
  });
  const expect = (refused: boolean, n: number) => {
    if (n > 0 !== refused) throw new Error('unexpected enforcement outcome');
  };
  const series = async (kind: 'bare' | 'enforce' | 'full', unitId: string, refused: boolean): Promise<Timed> => {
    const room = ledger.doc(`unit:${unitId}`);
    const doc = kind === 'bare' ? new Y.Doc() : room;
    if (kind === 'bare') Y.applyUpdate(doc, Y.encodeStateAsUpdate(room));
    const actor = unitActor(unitId);
    const apply =
      kind === 'full'
        ? (u: Uint8Array) =>
            expect(refused, ledger.applyClientUpdate(`unit:${unitId}`, actor, origin, u).rejections.length)
        : (u: Uint8Array) =>
            expect(
              refused,
              applyWithEnforcement(doc, actor, origin, u, scopeOf(unitId), '2026-11-29').rejections.length,
            );
    return timeUpdates(ledger, doc, refused ? FORBIDDEN : PERMITTED, refused ? FORBIDDEN_RUN : PERMITTED_RUN, apply);
  };
  const u = (i: number) => units[i] ?? '';
  const bare = {
    permitted: await series('bare', u(0), false),
    forbidden: { summary: summarize([]), firstMean: NaN, lastMean: NaN },
  };
  const enforce = { permitted: await series('enforce', u(1), false), forbidden: bare.forbidden };
  const full = { permitted: await series('full', u(2), false), forbidden: bare.forbidden };
  const { warnings } = await countingClientIdWarnings(async () => {
    bare.forbidden = await series('bare', u(3), true);
    enforce.forbidden = await series('enforce', u(4), true);
    full.forbidden = await series('full', u(5), true);
  });
  return { bare, enforce, full, clientIdChanges: warnings };
}

/** Latency of one durable write on its own (one appendUpdate awaited at a time: BEGIN, INSERT, COMMIT with fsync). */
async function commitLatency(file: string): Promise<Summary> {
  const store = await openSqliteStore(file);
  const samples: number[] = [];
  try {
    const payload = new Uint8Array(100).fill(7);
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await store.appendUpdate('probe', payload);
      samples.push(performance.now() - t0);
    }
  } finally {
    await store.close();
  }
  return summarize(samples.slice(20));
}

/** Compacting the ledger room on the main thread (median of 5), then in the worker thread (STORE30, median of 3). */
async function compactionFigures(ledger: Ledger) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    ledger.docs.compact('ledger');
    runs.push(performance.now() - t0);
  }
  const background: { syncMs: number; totalMs: number; stallMs: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const h = monitorEventLoopDelay({ resolution: 1 });
    await new Promise((r) => setTimeout(r, 20));
    h.enable();
    const t0 = performance.now();
    const done = ledger.docs.compactInBackground('ledger');
    const syncMs = performance.now() - t0;
    await done;
    const totalMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 5));
    h.disable();
    background.push({ syncMs, totalMs, stallMs: Math.max(0, h.max / 1e6 - 1) });
  }
  const mid = (f: (b: (typeof background)[number]) => number) => summarize(background.map(f)).p50;
  return {
    compactMs: summarize(runs).p50,
    background: { syncMs: mid((b) => b.syncMs), totalMs: mid((b) => b.totalMs), stallMs: mid((b) => b.stallMs) },
    ledgerDocBytes: Y.encodeStateAsUpdate(ledger.doc('ledger')).length,
  };
}

export type ColdFigures = Pick<LedgerFigures, 'cold' | 'coldBig' | 'bigCases' | 'casesLoaded'>;

/** Three cold starts of `file` and one of a BIG_CASES-case ledger written into `dir`, each in a fresh process. */
async function coldStarts(file: string, dir: string, log: (s: string) => void): Promise<ColdFigures> {
  // the first run finds the unit room as the builder stored it (a snapshot and later updates: decoded for the join);
  // its STORE36 compaction marks the room, so the next runs are answered from the snapshot (SYNC13)
  log('ledger: cold starts from SQLite, each in a fresh process…');
  const cold: ColdStart[] = [];
  for (let round = 0; round < 3; round++) cold.push(await coldStart(file));
  const bigFile = join(dir, 'big.sqlite');
  log(`ledger: writing a ${BIG_CASES}-case ledger (rooms as snapshots) and starting it cold…`);
  await writeBigLedger(bigFile, BIG_CASES, OFFICE, REGISTRATION);
  const coldBig = [await coldStart(bigFile)]; // one run: the figure shows growth, and a run takes seconds
  return { cold, coldBig, bigCases: BIG_CASES, casesLoaded: cold[0]?.cases ?? 0 };
}

/** BENCH_PARTS=cold: only the cold starts (the CASES-case ledger built by commands, then the BIG_CASES one). */
export async function runColdBench(parent: string, log: (s: string) => void): Promise<ColdFigures> {
  const dir = mkdtempSync(join(parent, 'cold-'));
  try {
    log(`ledger: building ${CASES} cases (register, assign, accept) over a memory store…`);
    const file = join(dir, 'ledger.sqlite');
    await buildLedgerFile(file);
    return await coldStarts(file, dir, log);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Parts 3 and 4 of the bench. */
export async function runLedgerBench(parent: string, log: (s: string) => void): Promise<LedgerFigures> {
  const dir = mkdtempSync(join(parent, 'ledger-'));
  let ledger: Ledger | null = null;
  try {
    log(`ledger: building ${CASES} cases (register, assign, accept) over a memory store…`);
    const t0 = performance.now();
    const store = createMemoryStore();
    ledger = await Ledger.open(openOpts(store));
    const units = await populate(ledger);
    const buildSeconds = (performance.now() - t0) / 1000;
    const file = join(dir, 'ledger.sqlite');
    const size = await copyToSqlite(store, file); // before the timing below adds edits to six unit rooms
    log(`ledger: built in ${buildSeconds.toFixed(1)} s; timing single updates…`);
    const timing = await enforcementFigures(ledger, units);
    const compaction = await compactionFigures(ledger);
    log('ledger: statistics at once and in slices…');
    const stats = await statsStall(ledger);
    await ledger.whenDurable();
    ledger.close();
    ledger = null;

    const starts = await coldStarts(file, dir, log);
    const commit = await commitLatency(join(dir, 'probe.sqlite'));
    return { buildSeconds, ...timing, ...compaction, stats, ...starts, ...size, commit };
  } finally {
    ledger?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
