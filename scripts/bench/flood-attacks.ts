// The three floods of `npm run bench:flood`, as a hostile client would run them: refused edits, awareness, sync step 1.
import { MESSAGE_AWARENESS, MESSAGE_REJECTION } from '../../shared/contract/sync';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { casesOf } from '../../shared/ydoc-layout';
import { encodeAwarenessEntries, encodeAwarenessMessage } from '../../sync-server/sync/protocol';

export type FloodKind = 'refusals' | 'awareness' | 'step1';

/** What the flood driver is asked to run: `url` is ws://host:port/sync, every flood targets the room `ledger`. */
export interface FloodSpec {
  kind: FloodKind;
  url: string;
  /** The flooding user (a viewer). */
  token: string;
  /** step1: the user running the reconnect loop. */
  loopToken: string;
  /** awareness: one token per member connection. */
  memberTokens: string[];
  rate: number;
  stateBytes: number;
}

/** Counts of what happened, summed over blocks: every value is a number, so outcomes add up key by key. */
export type FloodOutcome = Record<string, number>;

export interface Attack {
  /** Floods for `seconds`, then waits until the server has nothing more to send it (≤ 10 s). */
  run(seconds: number): Promise<FloodOutcome>;
  close(): void;
}

const STEP1 = new Uint8Array([0, 0, 1, 0]); // messageSync, step 1, a state vector naming no client: "send me everything"
const isStep2 = (d: Buffer): boolean => d[0] === 0 && d[1] === 1;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const bump = (o: FloodOutcome, key: string, by = 1) => (o[key] = (o[key] ?? 0) + by);

interface Raw {
  ws: WebSocket;
  closed: Promise<number>;
}

/** Opens a raw ws client, or reports the HTTP status that refused the handshake (0: no answer within 10 s). */
function open(url: string, onMessage: (data: Buffer) => void = () => {}): Promise<Raw | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('error', () => {});
    ws.on('message', onMessage);
    const closed = new Promise<number>((done) => ws.once('close', (code) => done(code)));
    const timer = setTimeout(() => {
      ws.terminate();
      resolve({ status: 0 });
    }, 10_000);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve({ ws, closed });
    });
    ws.once('unexpected-response', (req, res) => {
      clearTimeout(timer);
      res.resume();
      req.destroy();
      resolve({ status: res.statusCode ?? 0 });
    });
    void closed.then(() => {
      clearTimeout(timer);
      resolve({ status: 0 });
    });
  });
}

async function mustOpen(url: string, onMessage?: (data: Buffer) => void): Promise<Raw> {
  const r = await open(url, onMessage);
  if (!('ws' in r)) throw new Error(`handshake refused: HTTP ${r.status}`);
  return r;
}

/** Calls `send` `rate` times a second in 20 ms ticks while `live()` holds; a gap is skipped, not caught up. */
async function paced(rate: number, seconds: number, live: () => boolean, send: () => void): Promise<void> {
  const start = performance.now();
  let slot = 0;
  while (performance.now() - start < seconds * 1000) {
    const due = Math.floor(((performance.now() - start) / 1000) * rate) + 1;
    if (!live()) slot = due;
    for (; slot < due && live(); slot++) send();
    await sleep(20);
  }
}

/** Waits until `bytes()` has not moved for 300 ms (the server has drained what it queued), at most 10 s. */
async function drained(bytes: () => number): Promise<void> {
  for (let i = 0, last = -1; i < 33; i++) {
    const now = bytes();
    if (now === last) return;
    last = now;
    await sleep(300);
  }
}

/**
 * (1) A viewer with a stock WebsocketProvider sets `company` on every case in turn, `rate` times a second while it is
 * connected and synced; its provider reconnects on its own after a close, as a browser's would.
 */
async function refusals(spec: FloodSpec): Promise<Attack> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(spec.url, 'ledger', doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token: spec.token },
  });
  const o: FloodOutcome = {};
  provider.messageHandlers[MESSAGE_REJECTION] = (_encoder, decoder) => {
    decoding.readVarString(decoder);
    bump(o, 'rejection messages received');
  };
  provider.on('connection-close', (e) => bump(o, `connections closed ${e?.code ?? 'locally'}`));
  provider.on('connection-error', () => bump(o, 'handshakes refused (connection errors)'));
  provider.on('sync', (s) => s && bump(o, 'connections synced'));
  let received = 0; // compensations, and the office pair's edits: the room's traffic, to know when it is drained
  doc.on('update', (_u: Uint8Array, origin: unknown) => origin === provider && received++);
  const start = Date.now();
  while (!provider.synced) {
    if (Date.now() - start > 30_000) throw new Error('refusal flooder did not sync');
    await sleep(20);
  }
  const caseIds = [...casesOf(doc).keys()]; // the latency pair writes `address`: never the same key
  return {
    async run(seconds) {
      let i = 0;
      await paced(
        spec.rate,
        seconds,
        () => provider.synced && provider.ws?.readyState === WebSocket.OPEN,
        () => {
          casesOf(doc)
            .get(caseIds[i % caseIds.length] ?? '')
            ?.set('company', `冒名企业${i}`);
          i++;
        },
      );
      o['edits sent'] = i;
      o['connected at the end (1 = yes)'] = provider.wsconnected ? 1 : 0;
      await drained(() => received);
      return o;
    },
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** (2) One member sends `stateBytes` awareness states `rate` times a second to a room of memberTokens.length members. */
async function awareness(spec: FloodSpec): Promise<Attack> {
  const o: FloodOutcome = {};
  const frames = spec.memberTokens.map(() => 0);
  const room = (t: string) => `${spec.url}/ledger?token=${t}`;
  const members = await Promise.all(
    spec.memberTokens.map((t, i) =>
      mustOpen(room(t), (d) => {
        if (d[0] !== MESSAGE_AWARENESS) return;
        bump(o, 'bytes relayed to members', d.length);
        frames[i] = (frames[i] ?? 0) + 1;
      }),
    ),
  );
  for (const m of members) void m.closed.then((code) => bump(o, `members closed ${code}`));
  const flooder = await mustOpen(room(spec.token));
  let flooderClose = 0;
  void flooder.closed.then((code) => (flooderClose = code));
  const blob = 'x'.repeat(spec.stateBytes);
  // a new client id each time, as a new tab: a server remembers the clock of an id it removed and ignores older ones
  const clientID = Math.floor(Math.random() * 2 ** 31);
  const message = (clock: number) =>
    encodeAwarenessMessage(encodeAwarenessEntries([{ clientID, clock, state: { user: { name: '攻击者' }, blob } }]));
  return {
    async run(seconds) {
      let sent = 0;
      await paced(
        spec.rate,
        seconds,
        () => flooder.ws.readyState === WebSocket.OPEN,
        () => flooder.ws.send(message(++sent)),
      );
      o['messages sent'] = sent;
      o['message bytes'] = message(sent).length;
      if (flooderClose !== 0) bump(o, `flooder closed ${flooderClose}`);
      await drained(() => o['bytes relayed to members'] ?? 0);
      o['frames to the busiest member'] = Math.max(...frames);
      o['members'] = members.length;
      o['members still open at the end'] = members.filter((m) => m.ws.readyState === WebSocket.OPEN).length;
      return o;
    },
    close() {
      for (const m of [...members, flooder]) m.ws.terminate();
    },
  };
}

/**
 * (3) One connection sends 4-byte step 1 messages `rate` times a second; beside it a second user connects, asks for
 * the room, waits for the answer or the close, disconnects, and again, as fast as it goes.
 */
async function step1(spec: FloodSpec): Promise<Attack> {
  const o: FloodOutcome = {};
  const flooder = await mustOpen(`${spec.url}/ledger?token=${spec.token}`, (d) => {
    if (!isStep2(d)) return;
    bump(o, 'answers received');
    bump(o, 'answer bytes received', d.length);
  });
  let flooderClose = 0;
  void flooder.closed.then((code) => (flooderClose = code));
  const loop = async (seconds: number) => {
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      let answered = false;
      const r = await open(`${spec.url}/ledger?token=${spec.loopToken}`, (d) => {
        if (!isStep2(d) || answered) return;
        answered = true;
        bump(o, 'loop: answers received');
        bump(o, 'loop: answer bytes received', d.length);
      });
      if (!('ws' in r)) {
        bump(o, r.status === 0 ? 'loop: handshakes failed (no HTTP answer)' : `loop: handshakes refused ${r.status}`);
        continue;
      }
      bump(o, 'loop: handshakes accepted');
      r.ws.send(STEP1);
      while (!answered && r.ws.readyState === WebSocket.OPEN && performance.now() < end + 10_000) await sleep(2);
      if (r.ws.readyState === WebSocket.OPEN) r.ws.close();
      const code = await r.closed;
      bump(o, answered ? 'loop: closed by the loop after the answer' : `loop: closed by the server ${code}`);
    }
  };
  return {
    async run(seconds) {
      let sent = 0;
      await Promise.all([
        paced(
          spec.rate,
          seconds,
          () => flooder.ws.readyState === WebSocket.OPEN,
          () => {
            flooder.ws.send(STEP1);
            sent++;
          },
        ),
        loop(seconds),
      ]);
      o['step 1 messages sent'] = sent;
      bump(o, flooderClose === 0 ? 'flooding connection still open' : `flooding connection closed ${flooderClose}`);
      await drained(() => o['answer bytes received'] ?? 0);
      return o;
    },
    close() {
      flooder.ws.terminate();
    },
  };
}

/** Connects the flood's clients (members, flooder) and returns it ready to run. */
export function prepareAttack(spec: FloodSpec): Promise<Attack> {
  if (spec.kind === 'refusals') return refusals(spec);
  if (spec.kind === 'awareness') return awareness(spec);
  return step1(spec);
}
