// Assembles one process: SQLite store, ledger, accounts, HTTP API, Yjs sync and scheduler; graceful close.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { createCalendar } from '../shared/calendar';
import { Accounts } from './accounts';
import { ledgerBackend } from './backend';
import type { ServerConfig } from './config';
import { seedDemo } from './demo';
import { createApp } from './http/app';
import { Ledger } from './ledger/ledger';
import { startScheduler } from './scheduler';
import { openSqliteStore } from './store/sqlite-store';
import type { Store } from './store/store';
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
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}

const DEMO_SEEDED = 'demo-seeded';

export async function startServer(config: ServerConfig, opts: StartOptions = {}): Promise<RunningServer> {
  const clock = opts.clock ?? Date.now;
  const log = opts.log ?? (() => undefined);
  mkdirSync(config.dataDir, { recursive: true });
  const store = await openSqliteStore(join(config.dataDir, 'ledger.sqlite'));
  const calendar = createCalendar(config.holidayFiles);
  const ledger = await Ledger.open({ store, calendar, clock, newId });
  const accounts = await Accounts.open(store, clock, newId);
  if (config.adminToken !== null) await accounts.ensureAdmin(config.adminToken);
  if (config.demo && (await store.meta(DEMO_SEEDED)) === null && ledger.projection.cases().length === 0) {
    const users = await seedDemo(ledger, accounts, clock());
    await store.setMeta(DEMO_SEEDED, new Date(clock()).toISOString());
    log('已生成演示数据。以下令牌只显示这一次，请妥善保存：');
    for (const u of users) log(`  ${u.role.padEnd(6)} ${u.name}${u.unit ? `（${u.unit}）` : ''}: ${u.token}`);
  }

  const app = createApp({ ledger, accounts, store, addinDir: config.addinDir });
  const listener = getRequestListener(app.fetch);
  const server: Server = config.tls ? createHttpsServer({ cert: config.tls.cert, key: config.tls.key }, listener) : createHttpServer(listener);
  const sync = attachSync(server, ledgerBackend(ledger, accounts));
  // AUTH3: a revoked user's open connections are closed at once, not at their next reconnect
  accounts.onRevoked((userId) => sync.disconnectUser(userId));
  const scheduler = startScheduler(ledger, opts.schedulerIntervalMs);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${host}:${port}`;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      scheduler.stop();
      await sync.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await ledger.whenDurable().catch(() => undefined);
      await store.close();
      ledger.close();
    })();
    return closing;
  };
  return { url, port, ledger, accounts, store, close };
}
