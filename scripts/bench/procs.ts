// Child processes for the benches (servers under test, a load driver): start, sample RSS/CPU from /proc, stop.
import { fork, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const CLK_TCK = 100; // USER_HZ on Linux

export interface ChildServer {
  name: string;
  url: string;
  pid: number;
  /** Everything the child printed so far (stdout and stderr). */
  output(): string;
  /** Resident set size now (VmRSS) and its high-water mark (VmHWM), in bytes; NaN when /proc is unavailable. */
  memory(): { rss: number; hwm: number };
  /** CPU seconds (user + system) used so far. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();

/** Kills every child still running (used on failure and on SIGINT/SIGTERM of the bench). */
export function killAllChildren(): void {
  for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

function statusField(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] === undefined ? NaN : Number(m[1]) * 1024;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; NaN when unavailable. */
export function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK; // utime, stime (fields 14 and 15 of stat)
  } catch {
    return NaN;
  }
}

/** A free TCP port on 127.0.0.1 (the stock server cannot be told to pick one itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** BENCH_CPU_PROF=<dir>: every server child writes V8 CPU profiles (one per thread) to <dir>/<name> when it exits (`node --cpu-prof`). */
function profileArgs(name: string): string[] {
  const dir = process.env.BENCH_CPU_PROF;
  return dir === undefined || dir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(dir, name)}`];
}

/**
 * Starts `node --import tsx <script>` in `cwd` (the repo root unless given); resolves once `ready` finds the server's
 * http URL in its stdout.
 */
export function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  ready: (stdout: string) => string | null,
  cwd = ROOT,
  nodeArgs: readonly string[] = [],
): Promise<ChildServer> {
  const child = spawn(process.execPath, [...profileArgs(name), '--import', 'tsx', ...nodeArgs, script], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      live.delete(child);
      resolve();
    }),
  );
  return new Promise((resolve, reject) => {
    let up = false;
    const fail = (why: string) => {
      if (up) return;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name}: ${why}\n${out.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail('did not start in time'), START_TIMEOUT_MS);
    child.once('exit', (code) => fail(`exited early with ${code}`));
    const onData = () => {
      const url = ready(out);
      if (url === null) return;
      up = true;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      const pid = child.pid ?? -1;
      resolve({
        name,
        url,
        pid,
        output: () => out,
        memory: () => ({ rss: statusField(pid, 'VmRSS'), hwm: statusField(pid, 'VmHWM') }),
        cpuSeconds: () => cpuOf(pid),
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const timeout = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(timeout);
        },
      });
    };
    child.stdout?.on('data', onData);
  });
}

/** Forks `node --import tsx <script>` with an IPC channel (stdout and stderr shared with the bench); killed by killAllChildren. */
export function forkChild(script: string, args: string[] = [], nodeArgs: string[] = []): ChildProcess {
  const child = fork(script, args, {
    cwd: ROOT,
    execArgv: [...nodeArgs, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Samples a child's RSS every `everyMs` until stopped; returns the largest VmRSS seen. */
export function sampleRss(server: ChildServer, everyMs = 200): { stop(): number } {
  let peak = server.memory().rss;
  const timer = setInterval(() => {
    const { rss } = server.memory();
    if (rss > peak || !Number.isFinite(peak)) peak = rss;
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      const { rss } = server.memory();
      return Math.max(peak, Number.isFinite(rss) ? rss : -Infinity);
    },
  };
}

/** A temporary directory for one bench run, removed (and every child killed) at the end, on failure and on Ctrl-C. */
export function scratchDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const cleanup = () => {
    killAllChildren();
    rmSync(dir, { recursive: true, force: true });
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      cleanup();
      process.exit(130);
    });
  }
  return { dir, cleanup };
}

/** The bytes of a SQLite database with its -wal and -shm files. */
export function sqliteBytes(file: string): number {
  return ['', '-wal', '-shm'].reduce((sum, ext) => {
    try {
      return sum + statSync(file + ext).size;
    } catch {
      return sum;
    }
  }, 0);
}
