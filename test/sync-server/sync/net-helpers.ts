// Network helpers for the transport tests: a real HTTP server with the sync endpoint, stock providers, raw clients.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type { SyncBackend } from '../../../sync-server/sync/backend';
import type { AttachSyncOptions, SyncServer } from '../../../sync-server/sync/ws-server';
import { attachSync } from '../../../sync-server/sync/ws-server';

export interface TestServer {
  port: number;
  /** ws://127.0.0.1:PORT/sync — the provider appends '/' + room. */
  url: string;
  http: http.Server;
  sync: SyncServer;
  stop(): Promise<void>;
}

export async function startServer(backend: SyncBackend, opts: AttachSyncOptions = {}): Promise<TestServer> {
  const server = http.createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const sync = attachSync(server, backend, { log: () => {}, ...opts });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `ws://127.0.0.1:${port}/sync`,
    http: server,
    sync,
    async stop() {
      await sync.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the provider saw from the server. */
  closeCodes: number[];
  /** Codes of the 'closed' event: the provider gave up reconnecting. */
  terminal: number[];
  destroy(): void;
}

/** The stock y-websocket provider, as a browser would use it, on Node's `ws`. */
export function connectProvider(
  url: string,
  room: string,
  token: string | null,
  opts: { connect?: boolean } = {},
): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token === null ? {} : { token },
    connect: opts.connect ?? true,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event !== null) closeCodes.push(event.code);
  });
  const terminal: number[] = [];
  provider.on('closed', (event) => terminal.push(event.code));
  return {
    doc,
    provider,
    closeCodes,
    terminal,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(cond: () => boolean, what = 'condition', timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!cond()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const whenSynced = (c: TestClient): Promise<void> => waitFor(() => c.provider.synced, 'provider synced');

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface RawClient {
  ws: WebSocket;
  /** Every message received, from the first one on. */
  received: Uint8Array[];
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

export interface HandshakeRefusal {
  status: number;
  retryAfter: string | null;
  body: string;
}

/** Opens a raw client, or reports how the handshake was refused (status, Retry-After, body). */
export function tryConnect(url: string): Promise<RawClient | HandshakeRefusal> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const received: Uint8Array[] = [];
    ws.on('error', () => {});
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    const closed = new Promise<{ code: number; reason: string }>((done) => {
      ws.once('close', (code, reason) => done({ code, reason: reason.toString() }));
    });
    ws.once('open', () => resolve({ ws, received, closed }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] ?? null, body }),
      );
      res.on('error', reject);
    });
    void closed.then((c) => reject(new Error(`closed ${c.code} before open`)));
  });
}

/** A raw `ws` client; resolves once open (rejects when the handshake is refused). Errors are swallowed (the close event is what the tests look at). */
export async function rawClient(url: string): Promise<RawClient> {
  const r = await tryConnect(url);
  if (!('ws' in r)) throw new Error(`HTTP ${r.status}`);
  return r;
}

/** A handshake that must be refused. */
export async function refusedHandshake(url: string): Promise<HandshakeRefusal> {
  const r = await tryConnect(url);
  if ('ws' in r) {
    r.ws.close();
    throw new Error('handshake was accepted');
  }
  return r;
}
