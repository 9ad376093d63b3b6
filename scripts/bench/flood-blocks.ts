// Latency during floods: an office pair on each server, the floods in a child process, old and new servers alternating in blocks.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { casesOf } from '../../shared/ydoc-layout';
import type { BenchClient } from './clients';
import { connectClients, destroyClients, Tracker, waitUntil } from './clients';
import type { FloodKind, FloodOutcome, FloodSpec } from './flood-attacks';
import type { DriverReply, DriverRequest } from './flood-driver';
import type { Setup } from './flood-servers';
import type { ChildServer } from './procs';
import { cpuOf, forkChild, sampleRss } from './procs';

export type Condition = 'quiet' | FloodKind;
export const CONDITIONS: readonly Condition[] = ['quiet', 'refusals', 'awareness', 'step1'];

export interface BlockSpec {
  seconds: number;
  editRate: number;
  floodRate: number;
  stateBytes: number;
}

/** One condition on one server, summed over its blocks. */
export interface Cell {
  latencies: number[];
  sent: number;
  seen: number;
  pairCloses: number;
  /** Server VmRSS at the start of each block and its peak during the block (and the flood's drain). */
  rss: { start: number; peak: number }[];
  /** CPU seconds over the blocks: the server, the flood driver (flooder and members), this process (the pair). */
  cpuSeconds: number;
  driverCpuSeconds: number;
  benchCpuSeconds: number;
  seconds: number;
  /** Microseconds during which some task on the machine waited for a CPU (/proc/pressure/cpu) over the blocks. */
  pressure: number;
  /** The flood's counts, one entry per block. */
  outcomes: FloodOutcome[];
}

/** The flood driver child: one request at a time. */
class Driver {
  readonly child: ChildProcess = forkChild(join(import.meta.dirname, 'flood-driver.ts'));
  private pending: ((r: DriverReply) => void) | null = null;

  private readonly loaded = new Promise<DriverReply>((resolve) => (this.pending = resolve));

  constructor() {
    this.child.on('message', (r: DriverReply) => this.pending?.(r));
    this.child.once('exit', (code) => this.pending?.({ type: 'failed', error: `flood driver exited with ${code}` }));
  }

  /** Resolves once the driver has loaded its modules. */
  async ready(): Promise<void> {
    const r = await this.loaded;
    if (r.type !== 'ready') throw new Error(`flood driver did not start: ${r.type === 'failed' ? r.error : r.type}`);
  }

  async ask(req: DriverRequest, want: DriverReply['type']): Promise<DriverReply> {
    const reply = new Promise<DriverReply>((resolve) => (this.pending = resolve));
    this.child.send(req);
    const r = await reply;
    this.pending = null;
    if (r.type === 'failed') throw new Error(`flood driver: ${r.error}`);
    if (r.type !== want) throw new Error(`flood driver answered ${r.type}, expected ${want}`);
    return r;
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}

interface Pair {
  setup: Setup;
  clients: BenchClient[];
  tracker: { current: Tracker };
  caseId: string;
  closes: number;
}

/** Two stock providers of one office user in the room `ledger`: the first edits `address` of one case, the second observes. */
async function connectPair(setup: Setup): Promise<Pair> {
  const tracker = { current: new Tracker() };
  const clients = connectClients({
    serverUrl: setup.url,
    rooms: [{ room: 'ledger', token: setup.officeToken }],
    perRoom: 2,
    tracker,
  });
  const ready = (c: BenchClient) => c.provider.synced && casesOf(c.doc).size === setup.cases;
  await waitUntil(() => clients.every(ready), `the ${setup.name} server's office pair synced`, 30_000);
  const first = clients[0];
  if (first === undefined) throw new Error('no pair');
  const pair: Pair = { setup, clients, tracker, caseId: [...casesOf(first.doc).keys()][0] ?? '', closes: 0 };
  for (const c of clients) c.provider.on('connection-close', () => pair.closes++);
  return pair;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until the server has used under 10 % of a core for 500 ms (what a flood queued is done), at most 20 s. */
async function idle(server: ChildServer): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const before = server.cpuSeconds();
    await sleep(500);
    if (server.cpuSeconds() - before < 0.05) return;
  }
}

/** Microseconds some task waited for a CPU since boot (PSI), or NaN without PSI. */
export function cpuPressureMicros(): number {
  try {
    return Number(/^some .* total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? NaN);
  } catch {
    return NaN;
  }
}

function floodSpec(kind: FloodKind, setup: Setup, round: number, spec: BlockSpec): FloodSpec {
  const who = setup.flooders[round]?.[CONDITIONS.indexOf(kind) - 1];
  if (who === undefined) throw new Error('no flooding user for this block');
  return {
    kind,
    url: setup.url,
    ...who,
    memberTokens: kind === 'awareness' ? setup.memberTokens : [],
    rate: spec.floodRate,
    stateBytes: spec.stateBytes,
  };
}

/** One block: the pair's paced edits for `seconds`, with the flood (if any) running in the driver over the same seconds. */
async function block(pair: Pair, condition: Condition, round: number, spec: BlockSpec, driver: Driver): Promise<Cell> {
  const { server } = pair.setup;
  const tracker = new Tracker();
  pair.tracker.current = tracker;
  const sender = pair.clients[0];
  if (sender === undefined) throw new Error('no sender');
  if (condition !== 'quiet')
    await driver.ask({ type: 'prepare', spec: floodSpec(condition, pair.setup, round, spec) }, 'ready');
  const closes0 = pair.closes;
  const rssStart = server.memory().rss;
  const rss = sampleRss(server, 100);
  const cpu0 = server.cpuSeconds();
  const driverCpu0 = cpuOf(driver.child.pid ?? -1);
  const benchCpu0 = process.cpuUsage();
  const psi0 = cpuPressureMicros();
  const start = performance.now();
  const flood = condition === 'quiet' ? null : driver.ask({ type: 'go', seconds: spec.seconds }, 'done');
  let sent = 0;
  while (performance.now() - start < spec.seconds * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * spec.editRate) + 1;
    for (; sent < due; sent++) tracker.sendPermitted(sender, pair.caseId, 'address');
    await sleep(5);
  }
  const reply = flood === null ? null : await flood;
  await waitUntil(() => tracker.unseen(1) === 0, 'the last edits', 10_000).catch(() => undefined);
  const cell: Cell = {
    latencies: tracker.peerLatencies,
    sent,
    seen: sent - tracker.unseen(1),
    pairCloses: pair.closes - closes0,
    rss: [{ start: rssStart, peak: rss.stop() }],
    cpuSeconds: server.cpuSeconds() - cpu0,
    seconds: (performance.now() - start) / 1000,
    driverCpuSeconds: cpuOf(driver.child.pid ?? -1) - driverCpu0,
    benchCpuSeconds: cpuSecondsSince(benchCpu0),
    pressure: cpuPressureMicros() - psi0,
    outcomes: reply?.type === 'done' ? [reply.outcome] : [],
  };
  await idle(server);
  return cell;
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
}

function add(into: Cell | undefined, c: Cell): Cell {
  if (into === undefined) return c;
  return {
    latencies: [...into.latencies, ...c.latencies],
    sent: into.sent + c.sent,
    seen: into.seen + c.seen,
    pairCloses: into.pairCloses + c.pairCloses,
    rss: [...into.rss, ...c.rss],
    cpuSeconds: into.cpuSeconds + c.cpuSeconds,
    driverCpuSeconds: into.driverCpuSeconds + c.driverCpuSeconds,
    benchCpuSeconds: into.benchCpuSeconds + c.benchCpuSeconds,
    seconds: into.seconds + c.seconds,
    pressure: into.pressure + c.pressure,
    outcomes: [...into.outcomes, ...c.outcomes],
  };
}

export interface BlockFigures {
  cells: Record<'old' | 'new', Record<Condition, Cell>>;
  /** Share of the block phase during which some task on the machine waited for a CPU (/proc/pressure/cpu). */
  cpuPressure: number;
  blocks: number;
}

/**
 * Every round runs every condition on both servers, one block each, the server going first alternating by round
 * (old first in even rounds), so machine noise and any drift hit both alike.
 */
export async function runBlocks(
  servers: { old: Setup; new: Setup },
  rounds: number,
  spec: BlockSpec,
  log: (s: string) => void,
): Promise<BlockFigures> {
  const driver = new Driver();
  const pairs: Pair[] = [];
  try {
    await driver.ready();
    const pair = { old: await connectPair(servers.old), new: await connectPair(servers.new) };
    pairs.push(pair.old, pair.new);
    const cells: Partial<Record<'old' | 'new', Partial<Record<Condition, Cell>>>> = { old: {}, new: {} };
    const psi0 = { micros: cpuPressureMicros(), at: performance.now() };
    let blocks = 0;
    for (let round = 0; round < rounds; round++) {
      for (const condition of CONDITIONS) {
        for (const name of round % 2 === 0 ? (['old', 'new'] as const) : (['new', 'old'] as const)) {
          const cell = await block(pair[name], condition, round, spec, driver);
          blocks++;
          const row = cells[name] ?? {};
          row[condition] = add(row[condition], cell);
          cells[name] = row;
          log(
            `block ${blocks}: round ${round + 1}, ${condition} on ${name}: ${cell.seen}/${cell.sent} edits seen, ${JSON.stringify(cell.outcomes[0] ?? {})}`,
          );
        }
      }
    }
    const cpuPressure = (cpuPressureMicros() - psi0.micros) / 1000 / (performance.now() - psi0.at);
    return { cells: cells as BlockFigures['cells'], cpuPressure, blocks };
  } finally {
    for (const p of pairs) destroyClients(p.clients);
    driver.stop();
  }
}
