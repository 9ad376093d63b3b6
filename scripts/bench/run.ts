// `npm run bench`: runs every benchmark phase once and prints the figures side by side with their targets.
import { cpus } from 'node:os';
import type { LedgerFigures } from './ledger-bench';
import { runLedgerBench } from './ledger-bench';
import type { NetworkFigures, Shape } from './phases';
import { runNetwork } from './phases';
import { scratchDir } from './procs';
import type { Row, Summary } from './stats';
import { fmt, mib, ms, printTable, us, verdict } from './stats';

const seconds = Number(process.env.BENCH_SECONDS ?? 30);
if (!Number.isFinite(seconds) || seconds < 1 || seconds > 120)
  throw new Error('BENCH_SECONDS must be between 1 and 120');
const SHAPE: Shape = {
  units: 20,
  perRoom: 10,
  casesPerUnit: 10,
  seconds,
  rate: 50,
  blockSeconds: 5,
  forbiddenShare: 0.05,
  flatSeconds: 10,
};
const TARGET = { p99Ratio: 1.2, enforceUs: 60, coldStartMs: 500 };

process.setMaxListeners(2 * SHAPE.units * SHAPE.perRoom + 20); // each WebsocketProvider adds a process 'exit' listener
const started = Date.now();
const log = (s: string) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}`);
const { dir, cleanup } = scratchDir('bench-');

const pct = (s: Summary, f: (x: number) => string) => `${f(s.p50)} / ${f(s.p95)} / ${f(s.p99)}`;
const cpu = (sec: number, window: number) => `${fmt((100 * sec) / window, 0)} % of a core`;

function networkRows(n: NetworkFigures): Row[] {
  const o = n.ours;
  const s = n.stock;
  const ratio = o.peer.p99 / s.peer.p99;
  const perEdit = (f: typeof o) => `${fmt((1000 * f.cpuSeconds) / f.run.sent, 2)} ms per edit`;
  return [
    { what: 'edit → peer latency p50 / p95 / p99', ours: pct(o.peer, ms), stock: pct(s.peer, ms) },
    {
      what: 'p99 ratio ours / stock',
      ours: `${fmt(ratio, 2)}×`,
      target: `≤ ${TARGET.p99Ratio}×`,
      verdict: verdict(ratio, TARGET.p99Ratio),
    },
    {
      what: '(edit, peer) samples; edits sent',
      ours: `${o.peer.n}; ${o.permittedSent} permitted + ${o.forbiddenSent} refused`,
      stock: `${s.peer.n}; ${s.permittedSent} permitted`,
    },
    {
      what: 'edits not seen by every peer after 5 s',
      ours: String(o.run.unseenAfterDrain),
      stock: String(s.run.unseenAfterDrain),
      target: '0',
      verdict: verdict(o.run.unseenAfterDrain + s.run.unseenAfterDrain, 0),
    },
    { what: 'refusal → revert latency p50 / p95 / p99', ours: pct(o.revert, ms), stock: 'n/a (no rules)' },
    {
      what: 'refusals reverted / rejection messages',
      ours: `${o.revert.n} of ${o.forbiddenSent} / ${o.rejectionMessages}`,
    },
    { what: 'peers that saw a refused value', ours: String(o.leaks), target: '0', verdict: verdict(o.leaks, 0) },
    { what: 'load generator lag (max behind schedule)', ours: ms(o.run.maxLagMs), stock: ms(s.run.maxLagMs) },
    { what: 'server CPU over the paced phase ÷ edits sent to it', ours: perEdit(o), stock: perEdit(s) },
    { what: 'server peak RSS during paced load (VmRSS)', ours: mib(o.peakRss), stock: mib(s.peakRss) },
    {
      what: 'server VmHWM: after paced / after flat-out',
      ours: `${mib(o.hwm)} / ${mib(n.flat.hwm)}`,
      stock: mib(s.hwm),
    },
    {
      what: `durable accepted edits/s, flat-out ${SHAPE.flatSeconds} s (audit rows)`,
      ours: fmt(n.flat.auditRows / n.flat.seconds, 0),
    },
    {
      what: 'edits/s confirmed by a peer, flat-out',
      ours: `${fmt(n.flat.confirmed / n.flat.seconds, 0)} (${n.flat.timedOut} timed out)`,
    },
    { what: 'edit → peer latency flat-out p50 / p95 / p99', ours: pct(n.flat.peer, ms) },
    {
      what: 'CPU during flat-out: server / bench clients',
      ours: `${cpu(n.flat.cpuSeconds, n.flat.seconds)} / ${cpu(n.flat.benchCpuSeconds, n.flat.seconds)}`,
    },
    {
      what: 'yjs "Changed the client-id" lines in server log',
      ours: String(n.yjsClientIdWarnings),
      target: '0',
      verdict: verdict(n.yjsClientIdWarnings, 0),
    },
  ];
}

function ledgerRows(l: LedgerFigures): Row[] {
  const stats = (x: { summary: Summary }) => `${us(x.summary.mean)} / ${us(x.summary.p50)} / ${us(x.summary.p99)}`;
  const judge = (x: { summary: Summary }) =>
    `mean ${verdict(x.summary.mean, TARGET.enforceUs)}, p99 ${verdict(x.summary.p99, TARGET.enforceUs)}`;
  const drift = (x: { firstMean: number; lastMean: number }) => `${us(x.firstMean)} → ${us(x.lastMean)}`;
  const cold = [...l.coldStartMs].sort((a, b) => a - b);
  const median = cold[Math.floor(cold.length / 2)] ?? NaN;
  const t = `≤ ${TARGET.enforceUs} µs`;
  return [
    {
      what: 'rule check + compensate (bare doc), permitted: mean / p50 / p99',
      ours: stats(l.bare.permitted),
      target: t,
      verdict: judge(l.bare.permitted),
    },
    {
      what: 'rule check + compensate (bare doc), refused: mean / p50 / p99',
      ours: stats(l.bare.forbidden),
      target: t,
      verdict: judge(l.bare.forbidden),
    },
    {
      what: 'applyWithEnforcement on room doc, permitted',
      ours: stats(l.enforce.permitted),
      target: t,
      verdict: judge(l.enforce.permitted),
    },
    {
      what: 'applyWithEnforcement on room doc, refused',
      ours: stats(l.enforce.forbidden),
      target: t,
      verdict: judge(l.enforce.forbidden),
    },
    { what: 'ledger.applyClientUpdate (full path), permitted', ours: stats(l.full.permitted) },
    { what: 'ledger.applyClientUpdate (full path), refused', ours: stats(l.full.forbidden) },
    {
      what: 'refused: mean of first → last 10 % (bare; full)',
      ours: `${drift(l.bare.forbidden)}; ${drift(l.full.forbidden)}`,
    },
    {
      what: 'server clientID regenerations during refusals',
      ours: String(l.clientIdChanges),
      target: '0',
      verdict: verdict(l.clientIdChanges, 0),
    },
    {
      what: 'ledger room compaction (synchronous part), doc size',
      ours: `${ms(l.compactMs)}, ${mib(l.ledgerDocBytes)}`,
    },
    {
      what: `cold start, ${l.casesLoaded} cases: median (3 runs)`,
      ours: `${ms(median)} (${l.coldStartMs.map((x) => fmt(x, 0)).join(', ')})`,
      target: `≤ ${TARGET.coldStartMs} ms`,
      verdict: verdict(median, TARGET.coldStartMs),
    },
    {
      what: 'SQLite file: rooms only / est. with all audit rows',
      ours: `${mib(l.roomsBytes)} / ${mib(l.estimatedBytes)} (${l.auditRows} audit rows)`,
    },
    { what: 'context: one durable SQLite commit p50 / p95 / p99', ours: pct(l.commit, ms) },
  ];
}

async function main(): Promise<void> {
  const cpu0 = cpus()[0]?.model ?? 'unknown CPU';
  log(`Node ${process.version}, ${cpus().length} cores (${cpu0}), ${new Date().toISOString()}`);
  const network = await runNetwork(dir, SHAPE, log);
  const ledger = await runLedgerBench(dir, log);
  const shape =
    `${SHAPE.units} rooms × ${SHAPE.perRoom} clients each, ${SHAPE.casesPerUnit} cases/room, ${SHAPE.rate} edits/s for ${SHAPE.seconds} s each, ` +
    `alternating every ${SHAPE.blockSeconds} s; child processes on 127.0.0.1`;
  printTable(`1–2. Network: our server vs stock @y/websocket-server 0.1.1 (${shape})`, networkRows(network));
  console.log(
    `(CPU pressure during the paced phase: some task waited for a CPU ${fmt(100 * network.cpuPressure, 0)} % of the time)`,
  );
  printTable(
    `3–4. In process, ${ledger.casesLoaded}-case ledger (20 units, every case in state handling)`,
    ledgerRows(ledger),
  );
  console.log(
    `\nNode ${process.version}, ${cpus().length} cores (${cpu0}); total ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

main().then(
  () => {
    cleanup();
    setTimeout(() => process.exit(0), 1_000).unref();
  },
  (e: unknown) => {
    console.error('bench failed:', e);
    cleanup();
    process.exit(1);
  },
);
