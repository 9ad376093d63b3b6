// Attaches the y-websocket-compatible sync endpoint (/sync/<room>?token=…) to an HTTP(S) server's 'upgrade' event.
import { CLOSE } from '../../shared/contract/sync';
import { STATUS_CODES } from 'node:http';
import type * as http from 'node:http';
import type * as https from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { Actor } from '../../shared/case';
import { AuthLimiter } from '../auth-limiter';
import { originAllowed } from '../origin';
import type { SyncBackend } from './backend';
import { refuseAdmission } from './handshake';
import { SyncHub } from './hub';
import type { SyncLimits } from './limits';
import type { SyncLog, SyncStats } from './stats';
import { consoleLog, errorName, errorText } from './stats';
import { messageBytes, WsSocket } from './ws-socket';

export interface AttachSyncOptions {
  /** URL prefix of the endpoint; rooms live below it. Default '/sync'. */
  path?: string;
  /** Message sizes and rates, budgets, bans, awareness and connection limits (DEFAULT_LIMITS for the rest). */
  limits?: Partial<SyncLimits>;
  /** Milliseconds, monotonic, for rates, budgets and bans; injectable for tests. */
  now?: () => number;
  /** Keepalive: a connection that has not answered the previous ping is terminated. Default 30 s. */
  pingIntervalMs?: number;
  /** How long close() waits for clients to answer the close frame before cutting them off. Default 5 s. */
  closeTimeoutMs?: number;
  /** WIRE2: origins besides the request's own host whose pages may connect (normalised, see parseOrigin). */
  allowedOrigins?: readonly string[];
  /** AUTH7: failed authentications per address; share the HTTP API's limiter. Default: one of its own. */
  authLimiter?: AuthLimiter;
  log?: SyncLog;
}

export interface SyncServer {
  /** Stops accepting, closes every connection with 1001 and resolves once they are gone. Idempotent. */
  close(): Promise<void>;
  /** Open WebSocket connections (including ones being refused with 4401/4403). */
  connections(): number;
  /** Live counters (unknown messages, protocol errors, rejections, …). */
  stats(): Readonly<SyncStats>;
  /** AUTH3: closes a user's open connections with 4401 (after revocation); returns how many. */
  disconnectUser(userId: string): number;
  /** Closes every open sync connection with the code (e.g. 1013 while storage is unavailable); returns how many. */
  closeAll(code: number, reason: string): number;
}

/** 300 handshakes by banned users at once, 100 forgiven a second (a block lasts 3 s): stock clients back off far below it. */
const BANNED_LOOP_LIMIT = { burst: 300, refillMs: 10 } as const;

type Target = { kind: 'room'; room: string; token: string | null } | { kind: 'other' } | { kind: 'bad' };

const MAX_ROOM_LENGTH = 200;

/** Splits `/sync/<room>?token=…` by hand (the WHATWG URL parser would read `//host/...` as a host). */
export function parseSyncTarget(rawUrl: string, base: string): Target {
  const q = rawUrl.indexOf('?');
  const pathPart = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const prefix = `${base}/`;
  if (!pathPart.startsWith(prefix)) return { kind: 'other' };
  let room: string;
  try {
    room = decodeURIComponent(pathPart.slice(prefix.length));
  } catch {
    return { kind: 'bad' };
  }
  if (room.length === 0 || room.length > MAX_ROOM_LENGTH) return { kind: 'bad' };
  const token = q < 0 ? null : new URLSearchParams(rawUrl.slice(q + 1)).get('token');
  return { kind: 'room', room, token: token === null || token === '' ? null : token };
}

function refuseHandshake(socket: Duplex, status: number, extraHeaders = ''): void {
  // the HTTP server removed its own error listener at the upgrade: a peer that resets now must not crash the process
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${extraHeaders}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachSync(server: http.Server | https.Server, backend: SyncBackend, opts: AttachSyncOptions = {}): SyncServer {
  const base = (opts.path ?? '/sync').replace(/\/+$/, '');
  const log = opts.log ?? consoleLog;
  const origins = new Set(opts.allowedOrigins ?? []);
  const limiter = opts.authLimiter ?? new AuthLimiter();
  // SYNC7: handshakes of banned users per address; a hand-written reconnect loop (not a stock client backing off) trips it
  const bannedLoops = new AuthLimiter(BANNED_LOOP_LIMIT);
  const hub = new SyncHub(backend, { limits: opts.limits, log, now: opts.now });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: hub.limits.maxMessageBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const sockets = new Set<WebSocket>();
  const pending = new Set<Duplex>();
  const awaitingPong = new WeakSet<WebSocket>();
  let closing = false;
  let closed: Promise<void> | null = null;

  const accept = (ws: WebSocket, actor: Actor | null, room: string): void => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', (e: Error) => log('socket-error', { room, error: errorName(e) }));
    ws.on('pong', () => awaitingPong.delete(ws));
    if (closing) return ws.close(CLOSE.GOING_AWAY, 'server shutting down');
    if (actor === null) return ws.close(CLOSE.UNAUTHORIZED, 'unauthorized');
    let allowed: boolean;
    try {
      allowed = backend.mayJoin(actor, room);
    } catch (e) {
      log('backend-error', { room, where: 'mayJoin', error: errorText(e) });
      return ws.close(CLOSE.INTERNAL_ERROR, 'internal error');
    }
    if (!allowed) return ws.close(CLOSE.FORBIDDEN, 'forbidden');
    const conn = hub.connect(new WsSocket(ws), actor, room);
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => conn.receive(messageBytes(data), isBinary));
    ws.on('close', () => conn.socketClosed());
  };

  const admit = (req: http.IncomingMessage, socket: Duplex, head: Buffer, actor: Actor | null, room: string, address: string | undefined): void => {
    pending.delete(socket);
    if (closing || socket.destroyed) {
      socket.destroy();
      return;
    }
    if (actor !== null) {
      // SYNC7/SYNC9: after authentication, before the upgrade: storage down → 503, banned or at the cap → 429.
      const verdict = hub.admission(actor);
      if (!verdict.ok) {
        // a banned user's own reconnect loop is counted per address: past 300 handshakes (100 forgiven a second) the
        // address is refused for 3 s before its token is even checked, so the loop costs the server a tenth
        if (verdict.reason === 'banned') bannedLoops.fail(address);
        return refuseAdmission(socket, verdict);
      }
    }
    // No verifyClient: handleUpgrade completes synchronously, so no other handshake of the user slips in between.
    wss.handleUpgrade(req, socket, head, ws => {
      try {
        accept(ws, actor, room);
      } catch (e) {
        log('internal-error', { room, where: 'accept', error: errorText(e) });
        ws.close(CLOSE.INTERNAL_ERROR, 'internal error');
      }
    });
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    try {
      const target = parseSyncTarget(req.url ?? '', base);
      if (target.kind === 'other') {
        // Another upgrade handler may own this path; if there is none, say so.
        if (server.listenerCount('upgrade') <= 1) refuseHandshake(socket, 404);
        return;
      }
      if (target.kind === 'bad') return refuseHandshake(socket, 400);
      if (closing) return refuseHandshake(socket, 503);
      // WIRE2: a browser page of another site may not use a token it got hold of
      if (!originAllowed(req.headers.origin, req.headers.host, origins)) return refuseHandshake(socket, 403);
      // AUTH7: an address with too many failed authentications gets 429 before its token is looked at
      const address = req.socket.remoteAddress;
      const waitMs = Math.max(limiter.retryAfterMs(address), bannedLoops.retryAfterMs(address));
      if (waitMs > 0) return refuseHandshake(socket, 429, `Retry-After: ${Math.ceil(waitMs / 1000)}\r\n`);
      socket.on('error', () => {});
      pending.add(socket);
      let auth: Promise<Actor | null>;
      try {
        auth = backend.authenticate(target.token);
      } catch (e) {
        auth = Promise.reject(e);
      }
      auth.then(
        actor => {
          if (actor === null) limiter.fail(address); // AUTH7: counted before the 4401 close
          admit(req, socket, head, actor, target.room, address);
        },
        (e: unknown) => {
          // Only the error's name: an authentication error might quote the token.
          log('backend-error', { room: target.room, where: 'authenticate', error: errorName(e) });
          pending.delete(socket);
          refuseHandshake(socket, 500);
        },
      ).catch((e: unknown) => {
        log('internal-error', { where: 'upgrade', error: errorText(e) });
        socket.destroy();
      });
    } catch (e) {
      log('internal-error', { where: 'upgrade', error: errorText(e) });
      socket.destroy();
    }
  };
  server.on('upgrade', onUpgrade);

  const keepalive = setInterval(() => {
    for (const ws of sockets) {
      if (awaitingPong.has(ws)) {
        ws.terminate();
        continue;
      }
      awaitingPong.add(ws);
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }, opts.pingIntervalMs ?? 30_000);
  keepalive.unref();

  const closeTimeoutMs = opts.closeTimeoutMs ?? 5_000;
  const waitClosed = (ws: WebSocket): Promise<void> =>
    new Promise(resolve => {
      if (ws.readyState === ws.CLOSED) return resolve();
      const timer = setTimeout(() => ws.terminate(), closeTimeoutMs);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });

  return {
    close(): Promise<void> {
      if (closed !== null) return closed;
      closing = true;
      server.off('upgrade', onUpgrade);
      clearInterval(keepalive);
      for (const s of pending) s.destroy();
      pending.clear();
      hub.dispose(CLOSE.GOING_AWAY, 'server shutting down');
      const all = [...sockets];
      for (const ws of all) ws.close(CLOSE.GOING_AWAY, 'server shutting down');
      closed = Promise.all(all.map(waitClosed)).then(
        () => new Promise<void>(resolve => wss.close(() => resolve())),
      );
      return closed;
    },
    connections: () => sockets.size,
    stats: () => hub.stats,
    disconnectUser: (userId) => hub.disconnectUser(userId, CLOSE.UNAUTHORIZED, 'token revoked'),
    closeAll: (code, reason) => hub.closeAll(code, reason),
  };
}
