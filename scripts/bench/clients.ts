// Bench clients: real WebsocketProviders over `ws`, and the tracker that turns what each doc observes into latencies.
import { MESSAGE_REJECTION } from '../../shared/contract/sync';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { casesOf } from '../../shared/ydoc-layout';

const PERMITTED_TAG = 'b|';
const FORBIDDEN_TAG = 'x|';

export interface BenchClient {
  index: number;
  room: number;
  doc: Y.Doc;
  provider: WebsocketProvider;
}

interface Sent {
  t: number;
  sender: number;
  seen: number;
  waiter: { peer: number; done: () => void } | null;
}

/** Records sends and observations; all times are performance.now() in this process, so there is no clock skew. */
export class Tracker {
  private seq = 0;
  private readonly sent = new Map<number, Sent>();
  private readonly forbidden = new Map<string, { t: number; old: unknown }>();
  peerLatencies: number[] = [];
  revertLatencies: number[] = [];
  /** Times a peer observed a refused value (must stay 0). */
  leaks = 0;
  rejectionMessages = 0;
  forbiddenSent = 0;
  permittedSent = 0;

  /** Sets a permitted field to a unique value tagged with its sequence number and send time. */
  sendPermitted(c: BenchClient, caseId: string, field: string, waitFor: number | null = null): Promise<void> | null {
    const map = casesOf(c.doc).get(caseId);
    if (map === undefined) throw new Error(`client ${c.index} has no case ${caseId}`);
    const seq = ++this.seq;
    const t = performance.now();
    const entry: Sent = { t, sender: c.index, seen: 0, waiter: null };
    const done =
      waitFor === null ? null : new Promise<void>((resolve) => (entry.waiter = { peer: waitFor, done: resolve }));
    this.sent.set(seq, entry);
    this.permittedSent++;
    map.set(field, `${PERMITTED_TAG}${seq}|${t.toFixed(3)}`);
    return done;
  }

  /** Whether `c` may send a refused edit on (case, field) now: one pending refusal per key. */
  canForbid(c: BenchClient, caseId: string, field: string): boolean {
    return !this.forbidden.has(`${c.index}|${caseId}|${field}`);
  }

  /** Sets a field the unit may not write; the server must put the old value back in the sender's doc. */
  sendForbidden(c: BenchClient, caseId: string, field: string): void {
    const map = casesOf(c.doc).get(caseId);
    if (map === undefined) throw new Error(`client ${c.index} has no case ${caseId}`);
    const seq = ++this.seq;
    const t = performance.now();
    this.forbidden.set(`${c.index}|${caseId}|${field}`, { t, old: map.get(field) });
    this.forbiddenSent++;
    map.set(field, `${FORBIDDEN_TAG}${seq}|${t.toFixed(3)}`);
  }

  observe(client: number, caseId: string, field: string, value: unknown, local: boolean, now: number): void {
    if (typeof value === 'string' && value.startsWith(PERMITTED_TAG)) {
      const e = this.sent.get(Number(value.slice(PERMITTED_TAG.length, value.indexOf('|', PERMITTED_TAG.length))));
      if (e === undefined || e.sender === client) return;
      this.peerLatencies.push(now - e.t);
      e.seen++;
      if (e.waiter?.peer === client) e.waiter.done();
      return;
    }
    if (typeof value === 'string' && value.startsWith(FORBIDDEN_TAG)) {
      if (!local) this.leaks++;
      return;
    }
    const key = `${client}|${caseId}|${field}`;
    const f = this.forbidden.get(key);
    if (f !== undefined && !local && value === f.old) {
      this.revertLatencies.push(now - f.t);
      this.forbidden.delete(key);
    }
  }

  /** Permitted edits sent so far that fewer than `peers` peers have seen. */
  unseen(peers: number): number {
    let n = 0;
    for (const e of this.sent.values()) if (e.seen < peers) n++;
    return n;
  }

  pendingReverts(): number {
    return this.forbidden.size;
  }
}

export interface ConnectOptions {
  /** ws://host:port plus the sync prefix ('/sync' for ours, '' for the stock server). */
  serverUrl: string;
  rooms: { room: string; token: string; seed?: Uint8Array }[];
  perRoom: number;
  /** Swappable, so that each phase gets a fresh tracker over the same clients. */
  tracker: { current: Tracker };
}

/** Opens perRoom providers per room (the first one starts from `seed` if given) and wires the tracker in. */
export function connectClients(opts: ConnectOptions): BenchClient[] {
  const clients: BenchClient[] = [];
  opts.rooms.forEach((r, roomIndex) => {
    for (let k = 0; k < opts.perRoom; k++) {
      const doc = new Y.Doc();
      if (k === 0 && r.seed !== undefined) Y.applyUpdate(doc, r.seed);
      const provider = new WebsocketProvider(opts.serverUrl, r.room, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { token: r.token },
      });
      provider.messageHandlers[MESSAGE_REJECTION] = (_encoder, decoder) => {
        decoding.readVarString(decoder);
        opts.tracker.current.rejectionMessages++;
      };
      const index = clients.length;
      const cases = casesOf(doc);
      cases.observeDeep((events, tr) => {
        const now = performance.now();
        for (const ev of events) {
          const target = ev.target as Y.AbstractType<unknown>;
          const caseId = target._item?.parentSub;
          if (
            !(ev instanceof Y.YMapEvent) ||
            !(target instanceof Y.Map) ||
            target === cases ||
            typeof caseId !== 'string'
          )
            continue;
          for (const key of ev.keysChanged as Set<string>)
            opts.tracker.current.observe(index, caseId, key, target.get(key), tr.local, now);
        }
      });
      clients.push({ index, room: roomIndex, doc, provider });
    }
  });
  return clients;
}

/** Resolves when `check` holds, polling every 20 ms; throws after timeoutMs. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const destroyed = new WeakSet<BenchClient>();

/** Closes the providers and frees the docs; safe to call twice. */
export function destroyClients(clients: readonly BenchClient[]): void {
  for (const c of clients) {
    if (destroyed.has(c)) continue;
    destroyed.add(c);
    c.provider.destroy();
    c.doc.destroy();
  }
}
