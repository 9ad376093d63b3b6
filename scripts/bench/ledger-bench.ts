// In-process ledger figures: rule check + compensation per update, and cold start from SQLite, on a 10,000-case ledger.
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import * as Y from 'yjs';
import type { Actor } from '../../shared/case';
import { casesOf } from '../../shared/ydoc-layout';
import type { EnforcementScope } from '../../sync-server/ledger/enforce';
import { applyWithEnforcement } from '../../sync-server/ledger/enforce';
import { Ledger } from '../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../sync-server/store/memory-store';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';
import type { Store } from '../../sync-server/store/store';
import { copyCaseStates, copyRoomMarks, writeBigLedger } from './big-ledger';
import type { ColdStart } from './cold-start';
import { coldStart } from './cold-start';
import type { StatsStall } from './stats-stall';
import { statsStall } from './stats-stall';
import { sqliteBytes } from './procs';
import type { Summary } from './stats';
import { summarize } from './stats';

export const REGISTRATION = {
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '枣阳市汉光机械有限公司',
  address: '枣阳市南城街道',
  contactName: '刘经理',
  contactPhone: '13812345678',
  target: '',
  summary: '施工许可超期未办结',
  category: '1.行政许可、政务服务不予受理或不按程序时限办理',
};
export const OFFICE: Actor = { userId: 'admin', name: 'a', role: 'office', unitId: null };
export const PERMITTED = ['handler', 'findings', 'measures'] as const;
export const FORBIDDEN = ['status', 'company'] as const;

/** BENCH_LEDGER_CASES (default 10,000) exists for quick trial runs only; the documented figures use the default. */
const CASES = Number(process.env.BENCH_LEDGER_CASES ?? 10_000);
if (!Number.isSafeInteger(CASES) || CASES < 100 || CASES > 50_000)
  throw new Error('BENCH_LEDGER_CASES must be an integer in 100..50000');
const UNITS = 20;
/** The large ledger of the cold-start figure (BENCH_BIG_CASES for trial runs). */
const BIG_CASES = Number(process.env.BENCH_BIG_CASES ?? 50_000);
/** Commands in flight at once while building: GroupCommit.flush() is O(pending) per caller, so keep this small. */
const BATCH = 50;
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

export function openOpts(store: Store) {
  let n = 0;
  return { store, clock: Date.now, newId: (p: string) => `${p}-${(++n).toString(36)}` };
}

const unitActor = (unitId: string): Actor => ({ userId: `user-${unitId}`, name: 'u', role: 'unit', unitId });

function check<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Registers, assigns and accepts CASES cases over UNITS units, BATCH commands at a time (group commit batches them). */
export async function populate(ledger: Ledger): Promise<string[]> {
  const units: string[] = [];
  for (let u = 0; u < UNITS; u++) units.push((await ledger.createUnit(`单位${u}`, null)).id);
  for (let start = 0; start < CASES; start += BATCH) {
    const size = Math.min(BATCH, CASES - start);
    const ids = (await Promise.all(Array.from({ length: size }, () => ledger.register(OFFICE, REGISTRATION)))).map(
      (r) => check(r).id,
    );
    const lead = (i: number) => units[(start + i) % UNITS] ?? '';
    await Promise.all(
      ids.map(async (id, i) => check(await ledger.run(OFFICE, id, 'assign', { leadUnit: lead(i), kind: 'general' }))),
    );
    await Promise.all(ids.map(async (id, i) => check(await ledger.run(unitActor(lead(i)), id, 'accept', {}))));
  }
  await ledger.whenDurable();
  return units;
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

/** Audit rows copied into the SQLite file: a sample, since the store writes them one statement at a time (~10k/s). */
const AUDIT_SAMPLE = 0.1;

/**
 * Copies what the memory store holds (each room's stored rows, units, counters) into a new SQLite file, then a
 * sample of the audit rows; returns the file size without audit and the size extrapolated to all audit rows.
 */
export async function copyToSqlite(
  from: Store,
  file: string,
): Promise<{ roomsBytes: number; estimatedBytes: number; auditRows: number }> {
  const to = await openSqliteStore(file);
  try {
    for (const room of await from.listRooms()) {
      const [first, ...rest] = await from.loadRoom(room);
      if (first !== undefined) void to.compactRoom(room, first);
      for (const u of rest) void to.appendUpdate(room, u);
    }
    await copyRoomMarks(from, to);
    for (const u of await from.units()) void to.putUnit(u);
    for (const [k, v] of await from.counters()) void to.setCounter(k, v);
    await copyCaseStates(from, to);
  } finally {
    await to.close();
  }
  const roomsBytes = sqliteBytes(file);
  const audit = await from.audit({ limit: Number.MAX_SAFE_INTEGER });
  const sample = audit.filter((_, i) => i % Math.round(1 / AUDIT_SAMPLE) === 0);
  const again = await openSqliteStore(file);
  try {
    for (let i = 0; i < sample.length; i += 1_000)
      void again.appendAudit(sample.slice(i, i + 1_000).map(({ id: _id, ...row }) => row));
  } finally {
    await again.close();
  }
  const perRow = sample.length === 0 ? 0 : (sqliteBytes(file) - roomsBytes) / sample.length;
  return { roomsBytes, estimatedBytes: roomsBytes + perRow * audit.length, auditRows: audit.length };
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

/** The CASES-case ledger built by commands over a memory store, then written to the SQLite file `file`. */
export async function buildLedgerFile(file: string): Promise<void> {
  const store = createMemoryStore();
  const ledger = await Ledger.open(openOpts(store));
  try {
    await populate(ledger);
  } finally {
    ledger.close();
  }
  await copyToSqlite(store, file);
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
