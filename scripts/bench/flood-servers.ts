// The old (before issue 7) and new sync servers of `npm run bench:flood`: checkout, start, and identical setup over HTTP.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildServer } from './procs';
import { freePort, ROOT, startChild } from './procs';
import { api, seedOurServer } from './seed';

/** The last commit before the issue 7 hardening: the "before" server. */
export const OLD_REF = process.env.FLOOD_OLD_REF ?? '9385a04';

/**
 * The old code: FLOOD_OLD_DIR if set (an existing checkout with its node_modules), otherwise `git archive OLD_REF`
 * of this repository extracted under `dir`, with this repository's node_modules linked in (package.json is unchanged).
 */
export function oldCheckout(dir: string): string {
  const given = process.env.FLOOD_OLD_DIR;
  if (given !== undefined && given !== '') return given;
  const out = join(dir, 'old-code');
  mkdirSync(out);
  execFileSync('sh', ['-c', `git -C "$1" archive --format=tar "$2" | tar -x -C "$3"`, 'sh', ROOT, OLD_REF, out], {
    stdio: 'inherit',
  });
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(out, 'node_modules'));
  if (!existsSync(join(out, 'sync-server/main.ts'))) throw new Error(`${OLD_REF} has no sync-server/main.ts`);
  return out;
}

export interface Shape {
  units: number;
  casesPerUnit: number;
  members: number;
  rounds: number;
}

/** What the bench knows of one server once it is set up. */
export interface Setup {
  name: 'old' | 'new';
  server: ChildServer;
  /** ws://127.0.0.1:port/sync */
  url: string;
  officeToken: string;
  /** One token per member connection of the awareness flood (10 connections per viewer user). */
  memberTokens: string[];
  /** Fresh flooding users (viewers) per round, so a ban from one block never carries into the next. */
  flooders: { token: string; loopToken: string }[][];
  cases: number;
}

const MEMBERS_PER_USER = 10;

async function user(base: string, admin: string, name: string, role: 'office' | 'viewer'): Promise<string> {
  return (await api<{ token: string }>(base, admin, 'POST', '/api/users', { name, role })).token;
}

/** Units with one unit user each and cases in state handling (as `npm run bench`), an office user, viewers. */
async function setUp(
  name: 'old' | 'new',
  server: ChildServer,
  admin: string,
  shape: Shape,
  kinds: number,
): Promise<Setup> {
  const rooms = await seedOurServer(server.url, admin, shape.units, shape.casesPerUnit);
  const officeToken = await user(server.url, admin, '值班员', 'office');
  const memberUsers = Math.ceil(shape.members / MEMBERS_PER_USER);
  const viewers: string[] = [];
  for (let i = 0; i < memberUsers; i++) viewers.push(await user(server.url, admin, `旁观者${i + 1}`, 'viewer'));
  const memberTokens = Array.from({ length: shape.members }, (_, i) => viewers[Math.floor(i / MEMBERS_PER_USER)] ?? '');
  const flooders: Setup['flooders'] = [];
  for (let r = 0; r < shape.rounds; r++) {
    const round: { token: string; loopToken: string }[] = [];
    for (let k = 0; k < kinds; k++) {
      round.push({
        token: await user(server.url, admin, `刷屏者${r}-${k}`, 'viewer'),
        loopToken: await user(server.url, admin, `重连者${r}-${k}`, 'viewer'),
      });
    }
    flooders.push(round);
  }
  const cases = rooms.reduce((n, r) => n + r.caseIds.length, 0);
  return { name, server, url: `${server.url.replace(/^http/, 'ws')}/sync`, officeToken, memberTokens, flooders, cases };
}

/** Starts both servers on free ports with their own DATA_DIR and sets them up alike; `started` collects them for cleanup. */
export async function startBoth(
  dir: string,
  oldDir: string,
  admin: string,
  shape: Shape,
  kinds: number,
  started: ChildServer[],
): Promise<{ old: Setup; new: Setup }> {
  const start = async (name: 'old' | 'new', cwd: string) => {
    const port = await freePort();
    const s = await startChild(
      name,
      'sync-server/main.ts',
      {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(dir, `data-${name}`),
        LEDGER_DEMO: '0',
        LEDGER_ADMIN_TOKEN: admin,
      },
      (out) => /已启动：(http:\/\/[^\s]+)/.exec(out)?.[1] ?? null,
      cwd,
    );
    started.push(s);
    return s;
  };
  const [o, n] = [await start('old', oldDir), await start('new', ROOT)];
  const [old, now] = await Promise.all([setUp('old', o, admin, shape, kinds), setUp('new', n, admin, shape, kinds)]);
  return { old, new: now };
}
