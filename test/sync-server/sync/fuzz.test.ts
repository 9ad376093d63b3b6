// 2,000 random and mutated frames over raw connections: the server stays up, closes only with 1002/1007, docs stay unchanged.
import { encodeRejection } from '../../../shared/contract/sync';
import { prng } from '../../../shared/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  decodeMessage,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from '../../../sync-server/sync/protocol';
import { FakeBackend } from './fake-backend';
import type { RawClient, TestServer } from './net-helpers';
import { connectProvider, rawClient, startServer, waitFor, whenSynced } from './net-helpers';

const FRAMES = 2000;
const LANES = 4;

function varUint(n: number): number[] {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return [...encoding.toUint8Array(e)];
}

/** Well-formed messages, sent only after being cut or mutated. The update would change the doc if it arrived intact. */
function validCorpus(): Uint8Array[] {
  const doc = new Y.Doc();
  doc.getMap('cases').set('fuzz', 'must never land');
  const update = Y.encodeStateAsUpdate(doc);
  return [
    encodeSyncUpdate(update),
    encodeSyncStep2(update),
    encodeSyncStep1(Y.encodeStateVector(doc)),
    encodeAwarenessMessage(encodeAwarenessEntries([{ clientID: 42, clock: 1, state: { user: 'fuzz' } }])),
    encodeRejection({ caseId: null, field: null, code: 'INTERNAL', message: 'x' }),
    encodeQueryAwareness(),
  ];
}

function generateFrames(seed: number, count: number): Uint8Array[] {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const bytes = (n: number): number[] => Array.from({ length: n }, () => int(256));
  const corpus = validCorpus();
  const pick = (): Uint8Array => corpus[int(corpus.length)] ?? new Uint8Array([0]);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    switch (i % 5) {
      case 0: // random bytes, now and then a large blob
        frames.push(new Uint8Array(bytes(int(10) === 0 ? int(8192) : int(64))));
        break;
      case 1: {
        // a valid message cut short
        const m = pick();
        frames.push(m.slice(0, int(m.length)));
        break;
      }
      case 2: {
        // valid header, garbage payload
        const garbage = bytes(int(48));
        const header = [[0, 0], [0, 1], [0, 2], [1], [100], [2], [3]][int(7)] ?? [0, 2];
        const lenPrefix = header[0] === 2 || header[0] === 3 ? [] : varUint(garbage.length);
        frames.push(new Uint8Array([...header, ...lenPrefix, ...garbage]));
        break;
      }
      case 3: {
        // huge or over-long varints
        const variants = [
          [...Array(int(12) + 9).fill(0x80), 0x01],
          [0, 2, ...Array(int(6) + 8).fill(0xff), 0x01],
          [0, int(3), ...varUint(2 ** 31 + int(1000)), ...bytes(int(8))],
          [1, ...varUint(2 ** 45), ...bytes(int(8))],
          [...varUint(2 ** 40 + int(99)), ...bytes(int(8))],
        ];
        frames.push(new Uint8Array(variants[int(variants.length)] ?? [0x80]));
        break;
      }
      default: {
        // a valid message with its framing mutated
        const m = [...pick()];
        const how = int(3);
        if (how === 0 && m.length > 2) {
          // change the length prefix (the byte after the type / sync sub-type) to another value
          const at = m[0] === 0 ? 2 : 1;
          m[at] = ((m[at] ?? 0) + 1 + int(100)) % 128;
        } else if (how === 1) {
          m.push(...bytes(1 + int(8))); // trailing bytes
        } else if (m[0] === 0) {
          m[1] = 3 + int(253); // unknown sync sub-type
        } else {
          m.push(0);
        }
        frames.push(new Uint8Array(m));
      }
    }
  }
  return frames;
}

let backend: FakeBackend;
let server: TestServer;

beforeAll(async () => {
  backend = new FakeBackend();
  // The fuzz is about decoding and dispatch, and its probe is a sync step 1 after every frame: the rate and the budgets
  // (SYNC7, SYNC9, tested on their own) are lifted.
  const lifted = 1_000_000_000;
  server = await startServer(backend, {
    limits: {
      maxMessagesPerSecond: lifted,
      step1PerMinutePerConnection: lifted,
      step1BurstPerUser: lifted,
      step1PerMinutePerUser: lifted,
      refusalBurstPerConnection: lifted,
      refusalBurstPerUser: lifted,
    },
  });
  backend.serverWrite('ledger', (doc) => doc.getMap('cases').set('c1', 'ledger data'));
  backend.serverWrite('unit:a', (doc) => doc.getMap('cases').set('c1', 'unit data'));
  await backend.whenDurable();
});

afterAll(async () => {
  await server.stop();
});

const isStep2 = (d: Uint8Array): boolean => d[0] === 0 && d[1] === 1;
const PROBE = encodeSyncStep1(new Uint8Array([0]));

/** Resolves when `done()` holds, re-checked on every message and on close. */
function until(c: RawClient, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (!done()) return;
      c.ws.off('message', check);
      c.ws.off('close', check);
      resolve();
    };
    c.ws.on('message', check);
    c.ws.on('close', check);
    check();
  });
}

/**
 * Sends each frame followed by a probe (sync step 1) and waits for the probe's answer or the close. Most frames are fatal,
 * so the next connection is always opened ahead of time.
 */
async function runLane(frames: Uint8Array[], room: string, token: string, closeCodes: number[]): Promise<void> {
  const open = (): Promise<RawClient> => rawClient(`${server.url}/${encodeURIComponent(room)}?token=${token}`);
  let spare = open();
  let c: RawClient | null = null;
  for (const frame of frames) {
    if (c === null || c.ws.readyState !== c.ws.OPEN) {
      c = await spare;
      spare = open();
    }
    const current: RawClient = c;
    const decoded = decodeMessage(frame);
    const expected =
      current.received.filter(isStep2).length + 1 + (decoded.ok && decoded.value.kind === 'sync-step1' ? 1 : 0);
    current.ws.send(frame);
    current.ws.send(PROBE);
    await until(
      current,
      () => current.ws.readyState !== current.ws.OPEN || current.received.filter(isStep2).length >= expected,
    );
    if (current.ws.readyState !== current.ws.OPEN) closeCodes.push((await current.closed).code);
  }
  c?.ws.close();
  (await spare).ws.close();
}

describe('fuzzing the transport', () => {
  it('WIRE1: survives 2,000 random and mutated frames without changing any document', async () => {
    const before = backend.snapshot();
    const frames = generateFrames(20260930, FRAMES);
    const closeCodes: number[] = [];
    await Promise.all(
      Array.from({ length: LANES }, (_, lane) => {
        const mine = frames.filter((_f, i) => i % LANES === lane);
        return lane === 0 ? runLane(mine, 'unit:a', 'unit-a', closeCodes) : runLane(mine, 'ledger', 'good', closeCodes);
      }),
    );
    await backend.whenDurable();
    expect(backend.snapshot()).toEqual(before);

    const stats = server.sync.stats();
    expect(stats.internalErrors).toBe(0);
    expect(stats.messages).toBeGreaterThanOrEqual(FRAMES);
    expect(new Set(closeCodes)).toEqual(new Set([1002, 1007]));
    expect(closeCodes.length).toBe(stats.protocolErrors + stats.invalidUpdates);
    expect(stats.unknownMessages).toBeGreaterThan(0);

    // The corpus was a near miss: the same update, intact, does land.
    const intact = await rawClient(`${server.url}/ledger?token=good`);
    intact.ws.send(validCorpus()[0] ?? new Uint8Array());
    await waitFor(
      () => backend.doc('ledger').getMap('cases').get('fuzz') === 'must never land',
      'intact update applied',
    );
    intact.ws.close();

    // A fresh provider still syncs, both ways.
    const c = connectProvider(server.url, 'ledger', 'good');
    try {
      await whenSynced(c);
      await waitFor(() => c.doc.getMap('cases').get('c1') === 'ledger data', 'initial state');
      c.doc.getMap('cases').set('after-fuzz', true);
      await waitFor(() => backend.doc('ledger').getMap('cases').get('after-fuzz') === true, 'server has the write');
    } finally {
      c.destroy();
    }
  });
});
