// Assembles one process: DATA_DIR lock, SQLite store, ledger, accounts, HTTP API, Yjs sync and scheduler; graceful close.
import { CLOSE } from '../shared/contract/sync';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Accounts } from './accounts';
import type { AuthLimitOptions } from './auth-limiter';
import { AuthLimiter } from './auth-limiter';
import { ledgerBackend } from './backend';
import type { ServerConfig } from './config';
import { seedDemo } from './demo';
import { createApp } from './http/app';
import { Ledger } from './ledger/ledger';
import { startScheduler } from './scheduler';
import { acquireDataDirLock } from './store/data-lock';
import { DB_FILE_NAME } from './store/data-path';
import { openFailure } from './store/sqlite-open';
import type { SqliteStoreOptions } from './store/sqlite-store';
import { openSqliteStore } from './store/sqlite-store';
import type { Store } from './store/store';
import type { SyncLimits } from './sync/limits';
import { attachSync } from './sync/ws-server';

export interface RunningServer {
  url: string;
  port: number;
  ledger: Ledger;
  accounts: Accounts;
  store: Store;
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: () => number;
  log?: (line: string) => void;
  schedulerIntervalMs?: number;
  /** Sync limits (budgets, bans, awareness, step 1): the defaults unless a test needs others. */
  syncLimits?: Partial<SyncLimits>;
  /** SQLite store options (tests: the writer hook of the disk-full fallback). */
  storeOptions?: SqliteStoreOptions;
  /** AUTH7: the failed-authentication limit per client address (tests shorten it or give it a clock). */
  authLimit?: AuthLimitOptions;
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}

const DEMO_SEEDED = 'demo-seeded';

interface Data {
  store: Store;
  ledger: Ledger;
  accounts: Accounts;
}

/**
 * Opens the store and loads what the server keeps in memory. STORE7: corruption found while loading refuses the start
 * like a corrupt file (StoreOpenError naming it). On failure everything opened here is closed again.
 */
async function openData(
  config: ServerConfig,
  clock: () => number,
  log: (line: string) => void,
  storeOptions?: SqliteStoreOptions,
): Promise<Data> {
  const store = await openSqliteStore(join(config.dataDir, DB_FILE_NAME), storeOptions);
  let ledger: Ledger | null = null;
  try {
    ledger = await Ledger.open({ store, holidayFiles: config.holidayFiles, clock, newId });
    const accounts = await Accounts.open(store, clock, newId);
    if (config.adminToken !== null && (await accounts.ensureAdmin(config.adminToken)) === 'revoked') {
      log(
        '警告：LEDGER_ADMIN_TOKEN 对应的自动化账号已被停用，本次启动仍保持停用。如需恢复访问，请把 LEDGER_ADMIN_TOKEN 换成新的令牌后重新启动。',
      );
    }
    if (config.demo && (await store.meta(DEMO_SEEDED)) === null && ledger.projection.cases().length === 0) {
      const users = await seedDemo(ledger, accounts, clock());
      await store.setMeta(DEMO_SEEDED, new Date(clock()).toISOString());
      log('已生成演示数据。以下令牌只显示这一次，请妥善保存：');
      for (const u of users) log(`  ${u.role.padEnd(6)} ${u.name}${u.unit ? `（${u.unit}）` : ''}: ${u.token}`);
    }
    return { store, ledger, accounts };
  } catch (e) {
    await ledger?.whenDurable().catch(() => undefined);
    await store.close().catch(() => undefined);
    ledger?.close();
    throw openFailure(store.file, e);
  }
}

/**
 * Starts one server on `config.dataDir`. STORE8: takes the directory's lock first (DataDirLockedError when another
 * server holds it) and gives it back after the store is closed — on close, and on a start that fails halfway.
 */
export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const clock = opts.clock ?? Date.now;
  const lock = await acquireDataDirLock(config.dataDir);
  let data: Data;
  try {
    data = await openData(config, clock, opts.log ?? (() => undefined), opts.storeOptions);
  } catch (e) {
    await lock.release();
    throw e;
  }
  const { store, ledger, accounts } = data;
  // AUTH7: one limiter for the API and the sync handshake, so failures on either count against the same address
  const authLimiter = new AuthLimiter(opts.authLimit);
  const app = createApp({
    ledger,
    accounts,
    store,
    addinDir: config.addinDir,
    authLimiter,
    formNames: config.formNames,
  });
  const listener = getRequestListener(app.fetch);
  const server: Server = config.tls
    ? createHttpsServer({ cert: config.tls.cert, key: config.tls.key }, listener)
    : createHttpServer(listener);
  const sync = attachSync(server, ledgerBackend(ledger, accounts), {
    authLimiter,
    allowedOrigins: config.allowedOrigins,
    limits: opts.syncLimits,
  });
  // AUTH3: a revoked user's open connections are closed at once, not at their next reconnect
  accounts.onRevoked((userId) => sync.disconnectUser(userId));
  // STORE6: while storage is unavailable nobody stays connected (clients keep their edits and resend them later)
  ledger.onHealth((h) => {
    if (!h.ok) sync.closeAll(CLOSE.TRY_AGAIN_LATER, 'storage unavailable');
  });
  const scheduler = startScheduler(ledger, opts.schedulerIntervalMs);

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      scheduler.stop();
      await sync.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      ledger.flushAudit();
      await ledger.whenDurable().catch(() => undefined);
      try {
        await store.close();
      } finally {
        ledger.close();
        await lock.release();
      }
    })();
    return closing;
  };
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
  } catch (e) {
    await close();
    throw e;
  }
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${host}:${port}`;
  return { url, port, ledger, accounts, store, close };
}
