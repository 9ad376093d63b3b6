// Attaches the y-websocket-compatible sync endpoint (/sync/<room>?token=…) to an HTTP(S) server's 'upgrade' event.
import { CLOSE } from '../../shared/contract/sync';
import type * as http from 'node:http';
import type * as https from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { Actor } from '../../shared/case';
import { AuthLimiter } from '../auth-limiter';
import { originAllowed } from '../origin';
import type { SyncBackend } from './backend';
import { refuseAdmission, refuseHandshake } from './handshake';
import { SyncHub } from './hub';
import type { SyncLimits } from './limits';
import type { SyncLog, SyncStats } from './stats';
import { consoleLog, errorName, errorText } from './stats';
import { parseSyncTarget } from './sync-target';
import { messageBytes, WsSocket } from './ws-socket';

export { parseSyncTarget } from './sync-target';

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

export function attachSync(
  server: http.Server | https.Server,
  backend: SyncBackend,
  opts: AttachSyncOptions = {},
): SyncServer {
  return new SyncEndpoint(server, backend, opts);
}

/** One endpoint on one HTTP(S) server: handshakes (checks, authentication, admission), open sockets, keepalive, close. */
class SyncEndpoint implements SyncServer {
  private readonly base: string;
  private readonly log: SyncLog;
  private readonly origins: Set<string>;
  private readonly limiter: AuthLimiter;
  // SYNC7: handshakes of banned users per address; a hand-written reconnect loop (not a stock client backing off) trips it
  private readonly bannedLoops = new AuthLimiter(BANNED_LOOP_LIMIT);
  private readonly hub: SyncHub;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Set<Duplex>();
  private readonly awaitingPong = new WeakSet<WebSocket>();
  private readonly keepalive: NodeJS.Timeout;
  private readonly closeTimeoutMs: number;
  private closing = false;
  private closed: Promise<void> | null = null;

  constructor(
    private readonly server: http.Server | https.Server,
    private readonly backend: SyncBackend,
    opts: AttachSyncOptions,
  ) {
    this.base = (opts.path ?? '/sync').replace(/\/+$/, '');
    this.log = opts.log ?? consoleLog;
    this.origins = new Set(opts.allowedOrigins ?? []);
    this.limiter = opts.authLimiter ?? new AuthLimiter();
    this.hub = new SyncHub(backend, { limits: opts.limits, log: this.log, now: opts.now });
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: this.hub.limits.maxMessageBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
    server.on('upgrade', this.onUpgrade);
    this.keepalive = setInterval(() => this.ping(), opts.pingIntervalMs ?? 30_000);
    this.keepalive.unref();
    this.closeTimeoutMs = opts.closeTimeoutMs ?? 5_000;
  }

  close(): Promise<void> {
    if (this.closed !== null) return this.closed;
    this.closing = true;
    this.server.off('upgrade', this.onUpgrade);
    clearInterval(this.keepalive);
    for (const s of this.pending) s.destroy();
    this.pending.clear();
    this.hub.dispose(CLOSE.GOING_AWAY, 'server shutting down');
    const all = [...this.sockets];
    for (const ws of all) ws.close(CLOSE.GOING_AWAY, 'server shutting down');
    this.closed = Promise.all(all.map((ws) => this.waitClosed(ws))).then(
      () => new Promise<void>((resolve) => this.wss.close(() => resolve())),
    );
    return this.closed;
  }

  connections(): number {
    return this.sockets.size;
  }

  stats(): Readonly<SyncStats> {
    return this.hub.stats;
  }

  disconnectUser(userId: string): number {
    return this.hub.disconnectUser(userId, CLOSE.UNAUTHORIZED, 'token revoked');
  }

  closeAll(code: number, reason: string): number {
    return this.hub.closeAll(code, reason);
  }

  /** The checks that need no token (path, shutdown, WIRE2 origin, AUTH7 address), then authentication. */
  private readonly onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    try {
      const target = parseSyncTarget(req.url ?? '', this.base);
      if (target.kind === 'other') {
        // Another upgrade handler may own this path; if there is none, say so.
        if (this.server.listenerCount('upgrade') <= 1) refuseHandshake(socket, 404);
        return;
      }
      if (target.kind === 'bad') return refuseHandshake(socket, 400);
      if (this.closing) return refuseHandshake(socket, 503);
      // WIRE2: a browser page of another site may not use a token it got hold of
      if (!originAllowed(req.headers.origin, req.headers.host, this.origins)) return refuseHandshake(socket, 403);
      // AUTH7: an address with too many failed authentications gets 429 before its token is looked at
      const address = req.socket.remoteAddress;
      const waitMs = Math.max(this.limiter.retryAfterMs(address), this.bannedLoops.retryAfterMs(address));
      if (waitMs > 0) return refuseHandshake(socket, 429, `Retry-After: ${Math.ceil(waitMs / 1000)}\r\n`);
      this.authenticate(req, socket, head, target.room, target.token, address);
    } catch (e) {
      this.log('internal-error', { where: 'upgrade', error: errorText(e) });
      socket.destroy();
    }
  };

  /** Asks the backend who the token belongs to, then admits (an unknown token: 4401 after the upgrade; a failure: 500). */
  private authenticate(
    req: http.IncomingMessage,
    socket: Duplex,
    head: Buffer,
    room: string,
    token: string | null,
    address: string | undefined,
  ): void {
    socket.on('error', () => {});
    this.pending.add(socket);
    let auth: Promise<Actor | null>;
    try {
      auth = this.backend.authenticate(token);
    } catch (e) {
      auth = Promise.reject(e);
    }
    auth
      .then(
        (actor) => {
          if (actor === null) this.limiter.fail(address); // AUTH7: counted before the 4401 close
          this.admit(req, socket, head, actor, room, address);
        },
        (e: unknown) => {
          // Only the error's name: an authentication error might quote the token.
          this.log('backend-error', { room, where: 'authenticate', error: errorName(e) });
          this.pending.delete(socket);
          refuseHandshake(socket, 500);
        },
      )
      .catch((e: unknown) => {
        this.log('internal-error', { where: 'upgrade', error: errorText(e) });
        socket.destroy();
      });
  }

  private admit(
    req: http.IncomingMessage,
    socket: Duplex,
    head: Buffer,
    actor: Actor | null,
    room: string,
    address: string | undefined,
  ): void {
    this.pending.delete(socket);
    if (this.closing || socket.destroyed) {
      socket.destroy();
      return;
    }
    if (actor !== null) {
      // SYNC7/SYNC9: after authentication, before the upgrade: storage down → 503, banned or at the cap → 429.
      const verdict = this.hub.admission(actor);
      if (!verdict.ok) {
        // a banned user's own reconnect loop is counted per address: past 300 handshakes (100 forgiven a second) the
        // address is refused for 3 s before its token is even checked, so the loop costs the server a tenth
        if (verdict.reason === 'banned') this.bannedLoops.fail(address);
        return refuseAdmission(socket, verdict);
      }
    }
    // No verifyClient: handleUpgrade completes synchronously, so no other handshake of the user slips in between.
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        this.accept(ws, actor, room);
      } catch (e) {
        this.log('internal-error', { room, where: 'accept', error: errorText(e) });
        ws.close(CLOSE.INTERNAL_ERROR, 'internal error');
      }
    });
  }

  /** After the upgrade: 1001 while closing, 4401 without a user, 4403 outside the room, else a hub connection. */
  private accept(ws: WebSocket, actor: Actor | null, room: string): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('error', (e: Error) => this.log('socket-error', { room, error: errorName(e) }));
    ws.on('pong', () => this.awaitingPong.delete(ws));
    if (this.closing) return ws.close(CLOSE.GOING_AWAY, 'server shutting down');
    if (actor === null) return ws.close(CLOSE.UNAUTHORIZED, 'unauthorized');
    let allowed: boolean;
    try {
      allowed = this.backend.mayJoin(actor, room);
    } catch (e) {
      this.log('backend-error', { room, where: 'mayJoin', error: errorText(e) });
      return ws.close(CLOSE.INTERNAL_ERROR, 'internal error');
    }
    if (!allowed) return ws.close(CLOSE.FORBIDDEN, 'forbidden');
    const conn = this.hub.connect(new WsSocket(ws), actor, room);
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) =>
      conn.receive(messageBytes(data), isBinary),
    );
    ws.on('close', () => conn.socketClosed());
  }

  /** Keepalive: terminates a socket that has not answered the previous ping, pings the others. */
  private ping(): void {
    for (const ws of this.sockets) {
      if (this.awaitingPong.has(ws)) {
        ws.terminate();
        continue;
      }
      this.awaitingPong.add(ws);
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }

  private waitClosed(ws: WebSocket): Promise<void> {
    return new Promise((resolve) => {
      if (ws.readyState === ws.CLOSED) return resolve();
      const timer = setTimeout(() => ws.terminate(), this.closeTimeoutMs);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
