// `npm run bench`: the worker compaction of the 10,000-case ledger room over SQLite (STORE30, STORE41, STORE42), by compaction-stall.ts in a child process.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './procs';
import type { Row } from './stats';
import { ms, summarize, verdict } from './stats';

export interface SqliteCompaction {
  /** Longest event-loop stall of each round (a fresh open of the cached ledger, one worker compaction until durable). */
  stalls: number[];
  /** The longest gap between 1 ms ticks over 2 s with nothing running: the machine's floor. */
  idleMs: number;
  /** Per round, the longest gap while another process at nice 19 allocated and freed 170 MiB (stall-floors.ts). */
  churnMs: number[];
}

interface ResultLine {
  key: string;
  stallMs: number;
}

/** Three rounds over SQLite with the worker at its lowest priority, as the server runs it. */
export function sqliteCompaction(): Promise<SqliteCompaction> {
  const env = { ...process.env, BENCH_STORES: 'sqlite', BENCH_PRIORITY: 'low', BENCH_ROUNDS: '3' };
  const script = join(ROOT, 'scripts/bench/compaction-stall.ts');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script],
      { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 },
      (e, stdout) => {
        if (e !== null) return reject(e);
        const lines = stdout
          .split('\n')
          .filter((l) => l.startsWith('RESULT '))
          .map((l) => JSON.parse(l.slice('RESULT '.length)) as ResultLine);
        resolve({
          stalls: lines.filter((l) => l.key !== 'idle' && l.key !== 'churn').map((l) => l.stallMs),
          churnMs: lines.filter((l) => l.key === 'churn').map((l) => l.stallMs),
          idleMs: lines.find((l) => l.key === 'idle')?.stallMs ?? NaN,
        });
      },
    );
  });
}

export function compactionRow(c: SqliteCompaction): Row {
  const median = summarize(c.stalls).p50;
  return {
    what:
      'worker compaction of the ledger room over SQLite (STORE30, 41, 42): longest stall per round; idle floor; ' +
      'the same loop while another process allocates and frees 170 MiB, per round',
    ours:
      `${c.stalls.map(ms).join(' / ')}, median ${ms(median)}; idle ${ms(c.idleMs)}; ` +
      `other process ${c.churnMs.map(ms).join(' / ')}, median ${ms(summarize(c.churnMs).p50)}`,
    target: '≤ 10 ms stall',
    verdict: verdict(median, 10),
  };
}
