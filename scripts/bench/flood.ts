// `npm run bench:flood`: growth per refused update, and edit latency during floods on the old and new servers side by side.
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import type { BlockFigures, Cell, Condition } from './flood-blocks';
import { CONDITIONS, runBlocks } from './flood-blocks';
import type { GrowthFigures } from './flood-growth';
import { runGrowth } from './flood-growth';
import type { Shape } from './flood-servers';
import { OLD_REF, oldCheckout, startBoth } from './flood-servers';
import type { ChildServer } from './procs';
import { scratchDir } from './procs';
import { fmt, summarize } from './stats';

function knob(name: string, fallback: number, min: number, max: number): number {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${name} must be a number in ${min}..${max}`);
  return v;
}

const GROWTH_UPDATES = knob('FLOOD_GROWTH_UPDATES', 100_000, 100, 10_000_000);
const WIDE_UPDATES = knob('FLOOD_WIDE_UPDATES', 1_000, 10, 1_000_000);
const BLOCK = {
  seconds: knob('FLOOD_BLOCK_SECONDS', 5, 1, 120),
  editRate: knob('FLOOD_EDIT_RATE', 50, 1, 400),
  floodRate: knob('FLOOD_RATE', 450, 1, 499),
  stateBytes: 15 * 1024,
};
const SHAPE: Shape = {
  units: 4,
  casesPerUnit: knob('FLOOD_CASES_PER_UNIT', 50, 1, 2_500),
  members: knob('FLOOD_MEMBERS', 100, 1, 1_000),
  rounds: knob('FLOOD_ROUNDS', 2, 1, 20),
};
const PARTS = new Set((process.env.FLOOD_PARTS ?? 'growth,latency').split(','));

const started = Date.now();
const log = (s: string) => console.log(`[flood +${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}`);
const { dir, cleanup } = scratchDir('bench-flood-');
const servers: ChildServer[] = [];

const kib = (b: number) => `${fmt(b / 1024, 1)} KiB`;
function perRefusal(pair: [number, number], g: GrowthFigures): string {
  const each = (pair[1] - pair[0]) / g.updates;
  const perKey = g.keysPerUpdate > 1 ? `; ${fmt(each / g.keysPerUpdate, 1)} B per refused key` : '';
  return `${kib(pair[0])} → ${kib(pair[1])} (${fmt(each, 1)} B per update${perKey})`;
}

function table(headers: string[], rows: string[][]): void {
  console.log(`\n| ${headers.join(' | ')} |\n|${headers.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

const KIND_LABEL: Record<GrowthFigures['kind'], string> = {
  'viewer-company': 'viewer sets `company` (refused whole)',
  'unit-status': 'unit sets `status` in its room (compensated)',
  'nested-map': 'nested map in a case field (refused whole)',
  'office-server-fields': 'office sets every server-owned field of every case in one update (compensated)',
};

function growthTable(g: GrowthFigures[]): void {
  console.log(`\nA. Refused updates through ledger.applyClientUpdate (in process, SQLite file)`);
  table(
    [
      'refused update',
      'updates × keys each',
      'room state before → after',
      'SQLite file + WAL before → after',
      'pages in use before → after',
      'audit rows (refusals they count)',
      'time per update mean / p99',
    ],
    g.map((x) => [
      `${KIND_LABEL[x.kind]} — ${x.room === 'ledger' ? 'ledger room' : 'unit room'}`,
      `${x.updates.toLocaleString('en-US')} × ${x.keysPerUpdate}`,
      perRefusal(x.roomBytes, x),
      perRefusal(x.fileBytes, x),
      perRefusal(x.liveBytes, x),
      `${x.auditRows} (${x.auditCount.toLocaleString('en-US')})`,
      `${fmt(x.time.mean, 1)} / ${fmt(x.time.p99, 1)} µs (first → last tenth ${fmt(x.drift[0], 1)} → ${fmt(x.drift[1], 1)} µs)`,
    ]),
  );
  console.log(
    `(outcomes: ${g.map((x) => `${x.kind} ${JSON.stringify(x.outcomes)}, ${fmt(x.seconds, 1)} s`).join('; ')})`,
  );
}

const LABEL: Record<Condition, string> = {
  quiet: 'quiet (no flood)',
  refusals: `refused edits: one viewer, stock provider, ${BLOCK.floodRate}/s while connected`,
  awareness: `awareness: ${BLOCK.stateBytes / 1024} KiB states at ${BLOCK.floodRate}/s, ${SHAPE.members} members`,
  step1: `sync step 1: 4-byte step 1 at ${BLOCK.floodRate}/s + a reconnect loop`,
};

function latency(c: Cell): string {
  const s = summarize(c.latencies);
  return `${fmt(s.p50, 1)} / ${fmt(s.p99, 1)} / ${fmt(s.max, 0)} ms (${s.n} samples)`;
}

/** Counts that describe one block rather than add up over blocks: shown block by block. */
const PER_BLOCK = new Set([
  'message bytes',
  'members',
  'frames to the busiest member',
  'members still open at the end',
  'connected at the end (1 = yes)',
]);
const mibs = (b: number) => `${fmt(b / 1024 / 1024, b < 1024 * 1024 ? 2 : 1)} MiB`;
const pct = (part: number, whole: number) => `${fmt((100 * part) / whole, 0)} %`;

function outcome(c: Cell, key: string): string {
  const values = c.outcomes.map((o) => o[key]);
  if (values.every((v) => v === undefined)) return '—';
  const show = (v: number) => (key.includes('bytes') && key !== 'message bytes' ? mibs(v) : v.toLocaleString('en-US'));
  if (PER_BLOCK.has(key)) return values.map((v) => (v === undefined ? '—' : show(v))).join(' / ');
  return show(values.reduce<number>((n, v) => n + (v ?? 0), 0));
}

function blockTable(b: BlockFigures): void {
  console.log(
    `\nB. Office edit → peer latency during floods, old (${OLD_REF}) vs new server, ${SHAPE.rounds} block(s) of ${BLOCK.seconds} s per server and condition, alternating`,
  );
  const rows: string[][] = [];
  for (const cond of CONDITIONS) {
    const o = b.cells.old[cond];
    const n = b.cells.new[cond];
    const both = (f: (c: Cell) => string) => [f(o), f(n)];
    rows.push([`**${LABEL[cond]}**`, 'edit → peer p50 / p99 / max', ...both(latency)]);
    rows.push(['', 'edits seen / sent; pair reconnects', ...both((c) => `${c.seen} / ${c.sent}; ${c.pairCloses}`)]);
    rows.push([
      '',
      'CPU: server / flood driver / pair (bench)',
      ...both((c) => [c.cpuSeconds, c.driverCpuSeconds, c.benchCpuSeconds].map((x) => pct(x, c.seconds)).join(' / ')),
    ]);
    rows.push(['', 'machine CPU pressure (some task waiting)', ...both((c) => pct(c.pressure / 1e6, c.seconds))]);
    rows.push([
      '',
      'server RSS: start → peak, per block',
      ...both((c) => c.rss.map((r) => `${fmt(r.start / 2 ** 20, 0)} → ${fmt(r.peak / 2 ** 20, 0)} MiB`).join(' / ')),
    ]);
    const keys = [...new Set([...o.outcomes, ...n.outcomes].flatMap((x) => Object.keys(x)))];
    for (const k of keys) rows.push(['', `flooder: ${k}`, ...both((c) => outcome(c, k))]);
  }
  table(['flood', 'measure', `old (${OLD_REF})`, 'new'], rows);
}

async function main(): Promise<void> {
  log(
    `Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${new Date().toISOString()}`,
  );
  let growth: GrowthFigures[] | null = null;
  let blocks: BlockFigures | null = null;
  if (PARTS.has('growth')) growth = await runGrowth(dir, GROWTH_UPDATES, WIDE_UPDATES, log);
  if (PARTS.has('latency')) {
    const oldDir = oldCheckout(dir);
    const admin = randomBytes(24).toString('hex');
    log(
      `starting the old (${OLD_REF}, ${oldDir}) and new servers; ${SHAPE.units} units × ${SHAPE.casesPerUnit} cases, users, over HTTP…`,
    );
    const both = await startBoth(dir, oldDir, admin, SHAPE, CONDITIONS.length - 1, servers);
    log(
      `old pid ${both.old.server.pid}, new pid ${both.new.server.pid}; ${SHAPE.rounds} rounds of ${CONDITIONS.length} conditions × 2 servers × ${BLOCK.seconds} s…`,
    );
    blocks = await runBlocks(both, SHAPE.rounds, BLOCK, log);
    for (const s of servers) {
      await s.stop();
      const lines = s
        .output()
        .split('\n')
        .filter((l) => /error|错|失败|异常/i.test(l));
      log(
        `${s.name} server: ${lines.length} log lines about errors${lines.length > 0 ? `, e.g.\n  ${lines.slice(0, 5).join('\n  ')}` : ''}`,
      );
    }
  }
  if (growth !== null) growthTable(growth);
  if (blocks !== null) {
    blockTable(blocks);
    console.log(
      `\n(${blocks.blocks} blocks; CPU pressure during them: some task waited for a CPU ${fmt(100 * blocks.cpuPressure, 0)} % of the time; ` +
        `pair edits ${BLOCK.editRate}/s on one case's \`address\`, ${SHAPE.units * SHAPE.casesPerUnit} cases)`,
    );
  }
  console.log(
    `\nNode ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}); total ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

main().then(
  () => {
    cleanup();
    setTimeout(() => process.exit(0), 1_000).unref();
  },
  (e: unknown) => {
    console.error('bench:flood failed:', e);
    for (const s of servers)
      console.error(`--- ${s.name} server output (last 2000 chars) ---\n${s.output().slice(-2000)}`);
    cleanup();
    process.exit(1);
  },
);
