// Connects the room's Y.Doc to the server (stock WebsocketProvider), keeps a local copy for offline work, reports the connection state and rejections.
import type * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import type { Rejection } from '../../shared/contract/sync';
import { CLOSE, MESSAGE_REJECTION, MESSAGE_SYNC, SYNC_STEP1, readRejection } from '../../shared/contract/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { casesOf } from '../../shared/ydoc-layout';
import type { LocalCopy, LocalCopyFactory } from './local-copy';
import { defaultLocalCopy, localCopyName } from './local-copy';
import { PendingTracker } from './pending';

/** Key of the acknowledged state vector in the local copy. */
const ACKED_KEY = 'ackedStateVector';

export type ConnectionState =
  | { kind: 'connecting'; cases: number }
  /** Connected, first exchange with the server under way. */
  | { kind: 'syncing'; cases: number }
  | { kind: 'online'; cases: number }
  /** Not connected; `pending` local changes wait to be sent. */
  | { kind: 'offline'; pending: number }
  /** The server closed for good: 4401 token invalid or revoked, 4403 room not allowed, other 44xx. */
  | { kind: 'refused'; code: number; message: string };

export interface SyncOptions {
  /** The server's base URL (http/https); the socket goes to `<ws(s)>/sync/<room>?token=`. */
  serverUrl: string;
  token: string;
  room: string;
  /** Keys the local copy together with the server and the room, so users never share one. */
  userId: string;
  doc?: Y.Doc;
  /** The local copy (IndexedDB in the browser); null for none. Default: IndexedDB when available. */
  localCopy?: LocalCopyFactory | null;
  /** Node tests: the `ws` package. */
  WebSocketPolyfill?: typeof WebSocket;
  /** Connect at once (default true). */
  connect?: boolean;
}

/** The Chinese text of a terminal close code. */
export function refusalText(code: number): string {
  if (code === CLOSE.UNAUTHORIZED) return '令牌无效或已吊销，请重新登录';
  if (code === CLOSE.FORBIDDEN) return '无权访问该台账，请联系市营商办核对账号';
  return `服务器拒绝连接（代码 ${code}）`;
}

/** The socket endpoint for a server URL: http → ws, https → wss, plus `/sync`. */
export function syncEndpoint(serverUrl: string): string {
  return `${serverUrl.trim().replace(/\/+$/, '').replace(/^http/i, 'ws')}/sync`;
}

type Handler = (
  encoder: encoding.Encoder,
  decoder: decoding.Decoder,
  provider: WebsocketProvider,
  emitSynced: boolean,
  type: number,
) => void;

export class SyncClient {
  readonly provider: WebsocketProvider;
  private readonly tracker: PendingTracker;
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private readonly rejectionListeners = new Set<(r: Rejection) => void>();
  /** Rejections that arrived before anyone listened (offline edits refused on reconnect). */
  private readonly unheard: Rejection[] = [];
  private terminal: { code: number } | null = null;
  private everClosed = false;
  /** The server asked for our state on this connection: what we write now is sent at once. */
  private answered = false;
  private last = '';
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  private constructor(
    readonly doc: Y.Doc,
    readonly room: string,
    private readonly copy: LocalCopy | null,
    saved: Uint8Array | null,
    opts: SyncOptions,
  ) {
    this.tracker = new PendingTracker(doc, saved);
    this.provider = new WebsocketProvider(syncEndpoint(opts.serverUrl), opts.room, doc, {
      params: { token: opts.token },
      // every change goes through the server, which enforces the rules (SYNC3): no tab-to-tab shortcut
      disableBc: true,
      connect: false,
      ...(opts.WebSocketPolyfill ? { WebSocketPolyfill: opts.WebSocketPolyfill } : {}),
    });
    this.installHandlers();
    this.provider.on('status', () => this.changed());
    this.provider.on('sync', () => this.changed());
    this.provider.on('connection-close', () => {
      this.everClosed = true;
      this.answered = false;
      this.saveAcked(0);
      this.changed();
    });
    this.provider.on('closed', ({ code }) => {
      this.terminal = { code };
      this.changed();
    });
    doc.on('update', this.onUpdate);
    if (opts.connect !== false) this.provider.connect();
  }

  /** Loads the local copy (offline edits of an earlier session included), then connects. */
  static async open(opts: SyncOptions): Promise<SyncClient> {
    const doc = opts.doc ?? new Y.Doc();
    const factory = opts.localCopy === undefined ? defaultLocalCopy() : opts.localCopy;
    let copy: LocalCopy | null = null;
    let saved: Uint8Array | null = null;
    if (factory !== null) {
      try {
        copy = factory(localCopyName(opts.serverUrl, opts.userId, opts.room), doc);
        await copy.whenLoaded;
        const v = await copy.get(ACKED_KEY);
        saved = v instanceof Uint8Array ? v : null;
      } catch (e) {
        console.warn('[台账] 本机离线副本不可用，将仅在线工作', e);
        copy = null;
      }
    }
    return new SyncClient(doc, opts.room, copy, saved, opts);
  }

  private installHandlers(): void {
    const handlers = this.provider.messageHandlers as Handler[];
    const sync = handlers[MESSAGE_SYNC] as Handler;
    handlers[MESSAGE_SYNC] = (encoder, decoder, provider, emitSynced, type) => {
      const step1 = decoder.arr[decoder.pos] === SYNC_STEP1;
      sync(encoder, decoder, provider, emitSynced, type);
      if (step1 && emitSynced) {
        // our answer (everything the server lacks) leaves as soon as this handler returns
        this.answered = true;
        this.ack();
      }
    };
    handlers[MESSAGE_REJECTION] = (_encoder, decoder) => {
      const r = readRejection(decoder);
      if (r === null) return;
      if (this.rejectionListeners.size === 0) this.unheard.push(r);
      for (const l of this.rejectionListeners) l(r);
    };
  }

  private readonly onUpdate = (): void => {
    if (this.answered && this.provider.wsconnected) this.ack();
    this.changed();
  };

  private ack(): void {
    this.tracker.ack();
    this.saveAcked(500);
  }

  private saveAcked(delayMs: number): void {
    if (this.copy === null || this.destroyed) return;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    const save = () => {
      this.saveTimer = null;
      void this.copy?.set(ACKED_KEY, this.tracker.encode()).catch(() => undefined);
    };
    if (delayMs === 0) save();
    else this.saveTimer = setTimeout(save, delayMs);
  }

  get state(): ConnectionState {
    const p = this.provider;
    if (this.terminal !== null)
      return { kind: 'refused', code: this.terminal.code, message: refusalText(this.terminal.code) };
    const cases = casesOf(this.doc).size;
    if (p.wsconnected && p.synced) return { kind: 'online', cases };
    if (p.wsconnected) return { kind: 'syncing', cases };
    if (this.everClosed || !p.shouldConnect) return { kind: 'offline', pending: this.pending };
    return { kind: 'connecting', cases };
  }

  /** Local changes not yet sent to the server. */
  get pending(): number {
    return this.tracker.count();
  }

  private changed(): void {
    if (this.destroyed) return;
    const s = this.state;
    const key = JSON.stringify(s);
    if (key === this.last) return;
    this.last = key;
    for (const l of this.stateListeners) l(s);
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  onRejection(listener: (r: Rejection) => void): () => void {
    this.rejectionListeners.add(listener);
    for (const r of this.unheard.splice(0)) listener(r);
    return () => this.rejectionListeners.delete(listener);
  }

  /** Resolves once the first exchange with the server is complete. */
  whenSynced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const on = (synced: boolean) => {
        if (!synced) return;
        this.provider.off('sync', on);
        resolve();
      };
      this.provider.on('sync', on);
    });
  }

  /** Works offline from now on (edits are kept and counted). */
  disconnect(): void {
    this.provider.disconnect();
    this.changed();
  }

  connect(): void {
    this.terminal = null;
    this.provider.connect();
    this.changed();
  }

  /** Deletes the local copy (after the token was revoked, the cases must not stay on this computer). */
  async clearLocalCopy(): Promise<void> {
    const copy = this.copy;
    this.destroy();
    if (copy !== null) await copy.clearData().catch(() => undefined);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.saveAcked(0);
    this.destroyed = true;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.doc.off('update', this.onUpdate);
    this.provider.destroy();
    void Promise.resolve(this.copy?.destroy()).catch(() => undefined);
    this.stateListeners.clear();
    this.rejectionListeners.clear();
  }
}
