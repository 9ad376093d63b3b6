// `npm run bench:store [-- updates=20000]`: durable appendUpdate/s with group commit (~100-byte updates), FULL vs NORMAL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import type { SqliteStore } from '../../sync-server/store/sqlite-store';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';
import type { Synchronous } from '../../sync-server/store/sqlite-schema';

const TOTAL = Number(process.argv[2] ?? 20_000);
if (!Number.isInteger(TOTAL) || TOTAL < 1)
  throw new Error('usage: npm run bench:store [-- updates], updates a positive integer');
const SEQUENTIAL = Math.min(TOTAL, 2_000); // one commit (one fsync under FULL) per update: keep it short

interface Scenario {
  name: string;
  count: number;
  run: (store: SqliteStore, payloads: Uint8Array[]) => Promise<void>;
}

/** `writers` concurrent clients, each awaiting its append before sending the next (like sync connections). */
function writers(n: number): Scenario['run'] {
  return async (store, payloads) => {
    let next = 0;
    const one = async (): Promise<void> => {
      while (next < payloads.length) {
        const p = payloads[next++];
        if (p) await store.appendUpdate(`unit:u${next % 20}`, p);
      }
    };
    await Promise.all(Array.from({ length: n }, one));
  };
}

const SCENARIOS: Scenario[] = [
  { name: '1 个写入方（逐条等待）', count: SEQUENTIAL, run: writers(1) },
  { name: '10 个并发写入方', count: TOTAL, run: writers(10) },
  { name: '100 个并发写入方', count: TOTAL, run: writers(100) },
  {
    name: '同一 tick 全部提交',
    count: TOTAL,
    run: (store, payloads) => Promise.all(payloads.map((p) => store.appendUpdate('ledger', p))).then(() => undefined),
  },
];

const ROUNDS = 3;

/** One timed run on a fresh file: milliseconds and the number of COMMITs it took. */
async function timeOnce(file: string, sync: Synchronous, s: Scenario): Promise<{ ms: number; batches: number }> {
  const store = await openSqliteStore(file, { synchronous: sync });
  const payloads = Array.from(
    { length: s.count },
    () => new Uint8Array(randomBytes(90 + Math.floor(Math.random() * 20))),
  );
  const commits = store.commits;
  const start = process.hrtime.bigint();
  await s.run(store, payloads);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const batches = store.commits - commits;
  await store.close();
  return { ms, batches };
}

/** The median of ROUNDS runs, FULL and NORMAL interleaved so machine noise hits both alike. */
async function measure(dir: string, s: Scenario, i: number): Promise<string[]> {
  const runs: Record<Synchronous, { ms: number; batches: number }[]> = { FULL: [], NORMAL: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const sync of ['FULL', 'NORMAL'] as const)
      runs[sync].push(await timeOnce(join(dir, `${sync}-${i}-${round}.sqlite`), sync, s));
  }
  return (['FULL', 'NORMAL'] as const).map((sync) => {
    const sorted = [...runs[sync]].sort((a, b) => a.ms - b.ms);
    const { ms, batches } = sorted[Math.floor(sorted.length / 2)] ?? { ms: NaN, batches: 0 };
    const rate = Math.round((s.count / ms) * 1000);
    const spread = `${Math.round((s.count / (sorted.at(-1)?.ms ?? NaN)) * 1000)}–${Math.round((s.count / (sorted[0]?.ms ?? NaN)) * 1000)}`;
    return `${sync.padEnd(6)} | ${s.name.padEnd(18)} | ${String(s.count).padStart(6)} 条 | 中位 ${ms.toFixed(0).padStart(5)} ms | ${String(rate).padStart(6)} 条/秒（${spread}）| ${String(batches).padStart(5)} 次提交 | 平均每批 ${(s.count / batches).toFixed(1)}`;
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
try {
  console.log(`SQLite ${sqlite3.VERSION}，Node ${process.version}，临时目录 ${dir}`);
  console.log(`每项 ${ROUNDS} 轮取中位数，括号内为最慢–最快`);
  for (const [i, s] of SCENARIOS.entries()) for (const line of await measure(dir, s, i)) console.log(line);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
