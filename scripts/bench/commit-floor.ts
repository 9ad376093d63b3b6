// Bench only (`npm run bench:commit`): what one edit's durable commit costs before its broadcast, through each binding.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync, fdatasyncSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import sqlite3 from 'sqlite3';
import { WRITE_SQL } from '../../sync-server/store/sqlite-write-sql';
import { batchScript } from '../../sync-server/store/sqlite-script';
import { openSqliteStore } from '../../sync-server/store/sqlite-store';
import type { StoreWrite } from '../../sync-server/store/store';
import { allOp } from '../../sync-server/store/write-op';
import { fmt, summarize } from './stats';

/*
 * Issue 14's p50 target asks an accepted edit to reach its peers within 0.5 ms of the persisting stock server, which
 * broadcasts before it writes. Ours commits first (STORE1). This bench measures, side by side in one run, the parts
 * of that commit: a bare fdatasync (what any durable commit pays at least), the same one-edit transaction through
 * sqlite3's asynchronous API and through a synchronous binding (better-sqlite3, when BENCH_BETTER_SQLITE3 names an
 * installed copy), and our store's appendAll (group commit included). Paced like the bench's loads: one commit every
 * 20 ms (50 edits/s), every 2 ms (500/s), and back to back.
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const PER_BLOCK = 40;
const PACES_MS = [20, 2, 0] as const;
/** A directory of better-sqlite3 (e.g. `npm i --prefix /tmp/bs better-sqlite3@12.11.1`, then …/node_modules/better-sqlite3). */
const BETTER = process.env.BENCH_BETTER_SQLITE3;

interface SyncDb {
  exec(sql: string): unknown;
  pragma(sql: string): unknown;
  close(): unknown;
}
type Commit = (i: number) => Promise<void> | void;
interface Contender {
  name: string;
  commit: Commit;
  close: () => Promise<void> | void;
  samples: Map<number, number[]>;
}

const wait = (paceMs: number) => new Promise<void>((res) => (paceMs > 0 ? setTimeout(res, paceMs) : setImmediate(res)));

/** One client edit's unit as the ledger writes it: the unit room's and the ledger room's update, an audit row, the case state. */
function editWrites(i: number): StoreWrite[] {
  const update = (n: number) => new Uint8Array(n).map((_, k) => (k * 31 + i) & 0xff);
  return [
    { kind: 'update', room: `unit:u${i % 20}`, update: update(120) },
    { kind: 'update', room: 'ledger', update: update(150) },
    {
      kind: 'audit',
      rows: [
        {
          at: new Date(Date.UTC(2026, 10, 30, 8, 0, i % 60)).toISOString(),
          actorId: `user-${i % 20}`,
          actorName: '承办人',
          role: 'unit',
          unitId: `u${i % 20}`,
          caseId: `ZTC-2026-${String(i % 500).padStart(4, '0')}`,
          command: 'edit',
          field: '办理情况',
          old: '正在办理',
          new: `已联系企业，第 ${i} 次更新`,
          accepted: true,
          code: null,
          note: null,
        },
      ],
    },
    {
      kind: 'caseState',
      row: { id: `ZTC-2026-${String(i % 500).padStart(4, '0')}`, fields: { 办理情况: `第 ${i} 次`, 状态: '办理中' } },
    },
  ];
}

const script = (i: number): string => {
  const s = batchScript([allOp(editWrites(i))], WRITE_SQL);
  if (s === null) throw new Error('an edit unit must render as one script (STORE40)');
  return s;
};

/** A fresh ledger file with our schema (our store creates it), closed again for a bare connection to use. */
async function schemaFile(dir: string, name: string): Promise<string> {
  const file = join(dir, `${name}.sqlite`);
  await (await openSqliteStore(file)).close();
  return file;
}

async function sqlite3Exec(dir: string): Promise<Contender> {
  const file = await schemaFile(dir, 'sqlite3');
  const db = await new Promise<sqlite3.Database>((res, rej) => {
    const d: sqlite3.Database = new sqlite3.Database(file, (e) => (e ? rej(e) : res(d)));
  });
  const exec = (sql: string) => new Promise<void>((res, rej) => db.exec(sql, (e) => (e ? rej(e) : res())));
  await exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
  return {
    name: 'sqlite3 exec (async, ours)',
    commit: (i) => exec(script(i)),
    close: () => new Promise<void>((res) => db.close(() => res())),
    samples: new Map(),
  };
}

async function betterExec(dir: string): Promise<Contender | null> {
  if (BETTER === undefined) return null;
  const mod = (await import(pathToFileURL(join(resolve(BETTER), 'lib', 'index.js')).href)) as {
    default: new (file: string) => SyncDb;
  };
  const file = await schemaFile(dir, 'better');
  const db = new mod.default(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  return {
    name: 'better-sqlite3 exec (sync)',
    commit: (i) => void db.exec(script(i)),
    close: () => void db.close(),
    samples: new Map(),
  };
}

async function ourStore(dir: string): Promise<Contender> {
  const store = await openSqliteStore(join(dir, 'store.sqlite'));
  return {
    name: 'our store appendAll',
    commit: (i) => store.appendAll(editWrites(i)),
    close: () => store.close(),
    samples: new Map(),
  };
}

/** The floor: a 4 KiB write at the end of a file and its fdatasync (a WAL commit writes its frames, then syncs). */
function bareSync(dir: string): Contender {
  const fd = openSync(join(dir, 'sync.bin'), 'w');
  const page = Buffer.alloc(4096, 7);
  return {
    name: 'write 4 KiB + fdatasync',
    commit: (i) => {
      writeSync(fd, page, 0, page.length, (i % 256) * page.length);
      fdatasyncSync(fd);
    },
    close: () => closeSync(fd),
    samples: new Map(),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'commit-floor-'));
  const contenders = [bareSync(dir), await sqlite3Exec(dir), await betterExec(dir), await ourStore(dir)].filter(
    (c): c is Contender => c !== null,
  );
  let i = 0;
  try {
    // blocks interleaved: contender by contender, pace by pace, round after round, so the machine's noise hits all alike
    for (let round = 0; round < ROUNDS; round++)
      for (const pace of PACES_MS)
        for (const c of contenders) {
          const samples = c.samples.get(pace) ?? [];
          c.samples.set(pace, samples);
          for (let k = 0; k < PER_BLOCK; k++) {
            await wait(pace);
            const t0 = performance.now();
            await c.commit(i++);
            samples.push(performance.now() - t0);
          }
        }
  } finally {
    for (const c of contenders) await c.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`one edit's durable commit (2 room updates, 1 audit row, 1 case state; WAL, synchronous=FULL), ms`);
  console.log(`${ROUNDS} rounds × ${PER_BLOCK} commits per contender and pace, interleaved; directory ${dir}`);
  if (BETTER === undefined)
    console.log('(set BENCH_BETTER_SQLITE3 to a better-sqlite3 directory for the synchronous binding)');
  for (const pace of PACES_MS) {
    console.log(`\n${pace > 0 ? `one commit every ${pace} ms` : 'back to back'}:`);
    for (const c of contenders) {
      const s = summarize(c.samples.get(pace) ?? []);
      console.log(
        `  ${c.name.padEnd(28)} p50 ${fmt(s.p50, 2)}  p95 ${fmt(s.p95, 2)}  p99 ${fmt(s.p99, 2)}  max ${fmt(s.max, 1)}`,
      );
    }
  }
}

await main();
