// The servers `npm run bench` compares: ours (SQLite, rules), stock y-websocket in memory, and stock with its LevelDB persistence.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { LOOP_DELAY_TAG } from '../../sync-server/loop-delay';
import type { ChildServer } from './procs';
import { ROOT, freePort, startChild } from './procs';

export type ServerKind = 'ours' | 'stock' | 'persisting';

/** BENCH_OURS_NODE_ARGS: node options for our server only (space-separated), to try a setting before adopting it. */
const OURS_NODE_ARGS = (process.env.BENCH_OURS_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

/**
 * Our server (`sync-server/main.ts`) with a fresh DATA_DIR and the bench-only event-loop delay log; `root` is the
 * checkout it runs from (another one for an old-vs-new comparison, see edit-ab.ts).
 */
export async function startOurs(
  dataDir: string,
  root = ROOT,
  name = 'ours',
): Promise<{ server: ChildServer; adminToken: string }> {
  const adminToken = randomBytes(24).toString('hex');
  const server = await startChild(
    name,
    'sync-server/main.ts',
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LEDGER_DEMO: '0',
      LEDGER_ADMIN_TOKEN: adminToken,
      LOOP_DELAY_LOG: '1',
    },
    (out) => /已启动：(http:\/\/[^\s]+)/.exec(out)?.[1] ?? null,
    root,
    OURS_NODE_ARGS,
  );
  return { server, adminToken };
}

/**
 * @y/websocket-server 0.1.1, under `node --import tsx` like ours; with `persistDir` it stores every update in LevelDB
 * (`YPERSISTENCE`, y-leveldb), written after the broadcast.
 */
export async function startStock(kind: 'stock' | 'persisting', persistDir?: string): Promise<ChildServer> {
  const port = await freePort();
  const env: Record<string, string> = { HOST: '127.0.0.1', PORT: String(port) };
  if (persistDir !== undefined) env.YPERSISTENCE = persistDir;
  return startChild(
    kind,
    'node_modules/@y/websocket-server/src/server.js',
    env,
    (out) => (/running at '[^']*' on port \d+/.test(out) ? `http://127.0.0.1:${port}` : null),
    ROOT,
    ['--import', './scripts/bench/loop-delay-preload.ts'], // the same stall lines as ours, for comparison
  );
}

export function persistDirOf(dir: string): string {
  return join(dir, 'leveldb');
}

/** The longest event-loop stall (ms) our server logged in `output` (a slice of its output), or NaN without lines. */
export function longestStall(output: string): number {
  let max = NaN;
  for (const m of output.matchAll(new RegExp(`${escape(LOOP_DELAY_TAG)} max=([\\d.]+)`, 'g'))) {
    const v = Number(m[1]);
    if (!(v <= max)) max = v;
  }
  return max;
}

const escape = (s: string) => s.replace(/[[\]]/g, '\\$&');
