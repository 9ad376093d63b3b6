// The server's strict, never-throwing reader of the wire format (CON2, docs/PROTOCOL.md) and its frame encoders.
import * as encoding from 'lib0/encoding';
import type { Rejection } from '../../shared/contract/sync';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_REJECTION,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  asRejection,
} from '../../shared/contract/sync';

/** A frame as understood by the server (and by raw clients in tests). Byte arrays are private copies. */
export type SyncMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'auth' }
  | { kind: 'query-awareness' }
  | { kind: 'rejection'; rejection: Rejection }
  | { kind: 'unknown'; messageType: number };

export type ProtocolErrorReason =
  | 'empty'
  | 'truncated'
  | 'varint-overflow'
  | 'trailing-bytes'
  | 'unknown-sync-type'
  | 'invalid-utf8'
  | 'invalid-json'
  | 'invalid-rejection'
  | 'malformed';

/** The only error the reader reports: what was wrong with a frame, never its content. */
export class ProtocolError extends Error {
  readonly reason: ProtocolErrorReason;
  constructor(reason: ProtocolErrorReason) {
    super(`malformed frame: ${reason}`);
    this.name = 'ProtocolError';
    this.reason = reason;
  }
}

export type Decoded<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ProtocolError };

/** One entry of an awareness update: a client's clock and JSON state (null = the client left). */
export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: unknown;
}
/** An awareness entry as received: the parsed state and its JSON text (relayed as is), with the text's UTF-8 size. */
export interface RawAwarenessEntry extends AwarenessEntry {
  json: string;
  bytes: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** lib0 varUints are little-endian base-128; 8 bytes hold every safe integer. */
const MAX_VARUINT_BYTES = 8;

/** A bounds-checked cursor over one frame; every failure is a ProtocolError. */
class FrameReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  varUint(): number {
    let value = 0;
    let mult = 1;
    for (let i = 0; i < MAX_VARUINT_BYTES; i++) {
      const byte = this.bytes[this.pos];
      if (byte === undefined) throw new ProtocolError('truncated');
      this.pos++;
      value += (byte & 0x7f) * mult;
      if (byte < 0x80) {
        if (value > Number.MAX_SAFE_INTEGER) throw new ProtocolError('varint-overflow');
        return value;
      }
      mult *= 128;
    }
    throw new ProtocolError('varint-overflow');
  }

  /** A length-prefixed byte array, copied so it never aliases the socket's buffer. */
  varBytes(): Uint8Array {
    const len = this.varUint();
    if (len > this.remaining) throw new ProtocolError('truncated');
    const out = this.bytes.slice(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  varString(): string {
    const bytes = this.varBytes();
    try {
      return utf8.decode(bytes);
    } catch {
      throw new ProtocolError('invalid-utf8');
    }
  }

  end(): void {
    if (this.remaining !== 0) throw new ProtocolError('trailing-bytes');
  }
}

function guard<T>(read: () => T): Decoded<T> {
  try {
    return { ok: true, value: read() };
  } catch (e) {
    return { ok: false, error: e instanceof ProtocolError ? e : new ProtocolError('malformed') };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProtocolError('invalid-json');
  }
}

function rejectionOf(v: unknown): Rejection {
  const r = asRejection(v);
  if (r === null) throw new ProtocolError('invalid-rejection');
  return r;
}

/**
 * Reads one whole frame. Never throws: any malformed, truncated or over-long frame yields a ProtocolError.
 * Sync and awareness frames must have no trailing bytes; auth and queryAwareness payloads are not inspected.
 */
export function decodeMessage(frame: Uint8Array): Decoded<SyncMessage> {
  return guard((): SyncMessage => {
    if (frame.length === 0) throw new ProtocolError('empty');
    const r = new FrameReader(frame);
    const messageType = r.varUint();
    switch (messageType) {
      case MESSAGE_SYNC: {
        const syncType = r.varUint();
        const payload = r.varBytes();
        r.end();
        if (syncType === SYNC_STEP1) return { kind: 'sync-step1', stateVector: payload };
        if (syncType === SYNC_STEP2) return { kind: 'sync-step2', update: payload };
        if (syncType === SYNC_UPDATE) return { kind: 'sync-update', update: payload };
        throw new ProtocolError('unknown-sync-type');
      }
      case MESSAGE_AWARENESS: {
        const update = r.varBytes();
        r.end();
        return { kind: 'awareness', update };
      }
      case MESSAGE_AUTH:
        return { kind: 'auth' };
      case MESSAGE_QUERY_AWARENESS:
        return { kind: 'query-awareness' };
      case MESSAGE_REJECTION: {
        const rejection = rejectionOf(parseJson(r.varString()));
        r.end();
        return { kind: 'rejection', rejection };
      }
      default:
        return { kind: 'unknown', messageType };
    }
  });
}

/** Reads the payload of an awareness message (what `encodeAwarenessUpdate` produces), keeping each state's JSON text. */
export function decodeRawAwarenessUpdate(update: Uint8Array): Decoded<RawAwarenessEntry[]> {
  return guard(() => {
    const r = new FrameReader(update);
    const count = r.varUint();
    // Each entry takes at least 3 bytes, so a count beyond that is a lie about the length.
    if (count * 3 > r.remaining) throw new ProtocolError('truncated');
    const entries: RawAwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientID = r.varUint();
      const clock = r.varUint();
      const before = r.remaining;
      const json = r.varString();
      entries.push({ clientID, clock, state: parseJson(json), json, bytes: before - r.remaining });
    }
    r.end();
    return entries;
  });
}

/** Reads the payload of an awareness message into entries with parsed states. */
export function decodeAwarenessUpdate(update: Uint8Array): Decoded<AwarenessEntry[]> {
  const d = decodeRawAwarenessUpdate(update);
  return d.ok ? { ok: true, value: d.value.map(({ clientID, clock, state }) => ({ clientID, clock, state })) } : d;
}

/** Encodes entries whose states are JSON text already (same bytes as y-protocols' encodeAwarenessUpdate). */
export function encodeAwarenessJson(entries: Iterable<{ clientID: number; clock: number; json: string }>): Uint8Array {
  const list = [...entries];
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, list.length);
  for (const entry of list) {
    encoding.writeVarUint(e, entry.clientID);
    encoding.writeVarUint(e, entry.clock);
    encoding.writeVarString(e, entry.json);
  }
  return encoding.toUint8Array(e);
}

/** The inverse of decodeAwarenessUpdate (same bytes as y-protocols' encodeAwarenessUpdate). */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  return encodeAwarenessJson(
    entries.map(({ clientID, clock, state }) => ({ clientID, clock, json: JSON.stringify(state) })),
  );
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncType);
    encoding.writeVarUint8Array(e, payload);
  });
}

export const encodeSyncStep1 = (stateVector: Uint8Array): Uint8Array => syncFrame(SYNC_STEP1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array): Uint8Array => syncFrame(SYNC_STEP2, update);
export const encodeSyncUpdate = (update: Uint8Array): Uint8Array => syncFrame(SYNC_UPDATE, update);

export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

export const encodeQueryAwareness = (): Uint8Array => frame((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS));
