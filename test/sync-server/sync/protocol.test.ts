// The wire format: compatibility with y-protocols, strict decoding of malformed frames, and a never-throwing reader.
import type { Rejection } from '../../../shared/contract/sync';
import { MESSAGE_REJECTION, encodeRejection, readRejection } from '../../../shared/contract/sync';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  decodeAwarenessUpdate,
  decodeMessage,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
} from '../../../sync-server/sync/protocol';

function docWithData(): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('cases').set('c1', 'hello');
  return doc;
}

function reason(frame: Uint8Array): string {
  const d = decodeMessage(frame);
  if (d.ok) throw new Error(`expected an error, got ${d.value.kind}`);
  expect(d.error).toBeInstanceOf(ProtocolError);
  return d.error.reason;
}

describe('WIRE3: encoders match y-protocols', () => {
  it('sync step 1 / step 2 / update', () => {
    const doc = docWithData();
    const e1 = encoding.createEncoder();
    encoding.writeVarUint(e1, 0);
    syncProtocol.writeSyncStep1(e1, doc);
    expect(encodeSyncStep1(Y.encodeStateVector(doc))).toEqual(encoding.toUint8Array(e1));

    const e2 = encoding.createEncoder();
    encoding.writeVarUint(e2, 0);
    syncProtocol.writeSyncStep2(e2, doc);
    expect(encodeSyncStep2(Y.encodeStateAsUpdate(doc))).toEqual(encoding.toUint8Array(e2));

    const update = Y.encodeStateAsUpdate(doc);
    const e3 = encoding.createEncoder();
    encoding.writeVarUint(e3, 0);
    syncProtocol.writeUpdate(e3, update);
    expect(encodeSyncUpdate(update)).toEqual(encoding.toUint8Array(e3));
  });

  it('awareness entries round-trip through y-protocols', () => {
    const doc = new Y.Doc();
    const aw = new awarenessProtocol.Awareness(doc);
    aw.setLocalState({ user: { name: '张三' }, cell: 'B7' });
    const bytes = awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]);
    const decoded = decodeAwarenessUpdate(bytes);
    expect(decoded.ok && decoded.value).toEqual([
      { clientID: doc.clientID, clock: 1, state: { user: { name: '张三' }, cell: 'B7' } },
    ]);
    expect(decoded.ok && encodeAwarenessEntries(decoded.value)).toEqual(bytes);
    aw.destroy();
    doc.destroy();
  });
});

describe('WIRE3: decodeMessage', () => {
  it('reads every message kind', () => {
    const sv = Y.encodeStateVector(docWithData());
    expect(decodeMessage(encodeSyncStep1(sv))).toEqual({ ok: true, value: { kind: 'sync-step1', stateVector: sv } });
    expect(decodeMessage(encodeSyncStep2(sv)).ok && 'sync-step2').toBe('sync-step2');
    expect(decodeMessage(encodeSyncUpdate(sv)).ok && 'sync-update').toBe('sync-update');
    expect(decodeMessage(encodeAwarenessMessage(new Uint8Array([0])))).toEqual({
      ok: true,
      value: { kind: 'awareness', update: new Uint8Array([0]) },
    });
    expect(decodeMessage(encodeQueryAwareness())).toEqual({ ok: true, value: { kind: 'query-awareness' } });
    expect(decodeMessage(new Uint8Array([2, 0, 5, 1, 2]))).toEqual({ ok: true, value: { kind: 'auth' } });
    expect(decodeMessage(new Uint8Array([99, 1, 2, 3]))).toEqual({
      ok: true,
      value: { kind: 'unknown', messageType: 99 },
    });
    const r: Rejection = { caseId: 'c-1', field: 'status', code: 'FIELD_SERVER_OWNED', message: '此列由系统填写' };
    expect(decodeMessage(encodeRejection(r))).toEqual({ ok: true, value: { kind: 'rejection', rejection: r } });
  });

  it('copies payloads instead of aliasing the frame', () => {
    const frame = encodeSyncUpdate(new Uint8Array([7, 7, 7]));
    const d = decodeMessage(frame);
    frame.fill(0);
    expect(d.ok && d.value.kind === 'sync-update' && [...d.value.update]).toEqual([7, 7, 7]);
  });

  it('stays inside a view on a larger buffer', () => {
    // A frame whose length prefix points past its end, sitting inside a bigger ArrayBuffer (like Node's pooled Buffers).
    const pool = new Uint8Array(64).fill(1);
    pool.set([0, 2, 10, 1, 2], 0);
    expect(reason(pool.subarray(0, 5))).toBe('truncated');
  });

  it('names what is wrong with a malformed frame', () => {
    expect(reason(new Uint8Array([]))).toBe('empty');
    expect(reason(new Uint8Array([0]))).toBe('truncated');
    expect(reason(new Uint8Array([0, 2, 5, 1]))).toBe('truncated');
    expect(reason(new Uint8Array([0, 2, 1, 1, 9]))).toBe('trailing-bytes');
    expect(reason(new Uint8Array([0, 7, 0]))).toBe('unknown-sync-type');
    expect(reason(new Uint8Array([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]))).toBe('varint-overflow');
    expect(reason(new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]))).toBe('varint-overflow');
    expect(reason(new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toBe('truncated');
    expect(reason(new Uint8Array([0x80]))).toBe('truncated');
    expect(reason(new Uint8Array([1, 3, 1, 2]))).toBe('truncated');
    expect(reason(new Uint8Array([100, 2, 0xc3, 0x28]))).toBe('invalid-utf8');
    expect(reason(new Uint8Array([100, 1, 0x7b]))).toBe('invalid-json');
    const bad = encoding.createEncoder();
    encoding.writeVarUint(bad, MESSAGE_REJECTION);
    encoding.writeVarString(bad, JSON.stringify({ caseId: 1, field: null, code: 'NOPE', message: 'x' }));
    expect(reason(encoding.toUint8Array(bad))).toBe('invalid-rejection');
  });

  it('WIRE1: never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 0, max: 3 }), (bytes, prefix) => {
        const frame = prefix === 3 ? bytes : new Uint8Array([prefix === 2 ? 100 : prefix, ...bytes]);
        const d = decodeMessage(frame);
        if (!d.ok) expect(d.error).toBeInstanceOf(ProtocolError);
        if (d.ok && d.value.kind === 'awareness') decodeAwarenessUpdate(d.value.update);
      }),
      { seed: 42, numRuns: 5000 },
    );
  });
});

describe('WIRE3: decodeAwarenessUpdate', () => {
  it('refuses bad JSON, bad counts and trailing bytes', () => {
    const bad = (bytes: number[]): string => {
      const d = decodeAwarenessUpdate(new Uint8Array(bytes));
      return d.ok ? 'ok' : d.error.reason;
    };
    expect(bad([1, 5, 1, 1, 0x7b])).toBe('invalid-json');
    expect(bad([0xff, 0xff, 0x03, 1])).toBe('truncated');
    expect(bad([0, 1])).toBe('trailing-bytes');
    expect(bad([0])).toBe('ok');
  });
});

describe('SYNC3: readRejection (for the add-in)', () => {
  it('reads the payload after y-websocket has consumed the message type', () => {
    const r: Rejection = { caseId: null, field: null, code: 'CASE_CREATE_FORBIDDEN', message: '不能新增' };
    const decoder = decoding.createDecoder(encodeRejection(r));
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_REJECTION);
    expect(readRejection(decoder)).toEqual(r);
    expect(readRejection(decoding.createDecoder(new Uint8Array([3, 0x7b, 0x7d, 0x20])))).toBeNull();
  });
});
