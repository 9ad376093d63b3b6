// CON2: the sync wire agreement beyond y-protocols: message types, the rejection message (100) and the close codes (docs/PROTOCOL.md).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ErrorCode } from '../errors';
import { isErrorCode } from '../errors';

/** The first varUint of every frame. 0–3 are y-websocket's; 100 is this server's. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
/** Server → client: what it refused of the client's edits (payload: one varString holding a JSON `Rejection`). */
export const MESSAGE_REJECTION = 100;

/** The second varUint of a sync message (y-protocols/sync's messageYjsSyncStep1, …Step2, …Update). */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** CON2: one refused edit, reported to its sender. `caseId` null for a refusal of the whole update. */
export interface Rejection {
  caseId: string | null;
  /** The field id, or null when the refusal is not about one field. */
  field: string | null;
  code: ErrorCode;
  /** Chinese, shown to the user as is. */
  message: string;
}

/** CON2: WebSocket close codes of the sync server. y-websocket does not reconnect after a code in 4400–4499. */
export const CLOSE = {
  /** Server shutting down. */
  GOING_AWAY: 1001,
  /** Malformed or truncated frame. */
  PROTOCOL_ERROR: 1002,
  /** Text frame where only binary frames are allowed. */
  UNSUPPORTED_DATA: 1003,
  /** A Yjs update the backend could not decode, or refused whole. */
  INVALID_PAYLOAD: 1007,
  /** Too many messages per second, or a refusal or sync step 1 budget ran out (SYNC7, SYNC9). */
  POLICY_VIOLATION: 1008,
  /** Message larger than the limit (sent by `ws` itself through maxPayload). */
  MESSAGE_TOO_BIG: 1009,
  /** Unexpected failure in the server or the backend, a failed (rolled back) update, or storage failing. */
  INTERNAL_ERROR: 1011,
  /** Outbound buffer over the cap (the peer does not keep up), or storage unavailable (SyncServer.closeAll). */
  TRY_AGAIN_LATER: 1013,
  /** Token missing, unknown or revoked: terminal, the client signs out. */
  UNAUTHORIZED: 4401,
  /** The actor may not join this room: terminal. */
  FORBIDDEN: 4403,
} as const;

export type CloseCode = (typeof CLOSE)[keyof typeof CLOSE];

/** A parsed JSON payload as a Rejection, or null when it is not exactly one (unknown code, wrong types). */
export function asRejection(v: unknown): Rejection | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const r = v as Record<string, unknown>;
  const nullableString = (x: unknown): x is string | null => x === null || typeof x === 'string';
  if (!nullableString(r.caseId) || !nullableString(r.field) || !isErrorCode(r.code) || typeof r.message !== 'string')
    return null;
  return { caseId: r.caseId, field: r.field, code: r.code, message: r.message };
}

/** The JSON text of a rejection payload as a Rejection; null for anything else (never throws). */
export function parseRejection(json: string): Rejection | null {
  try {
    return asRejection(JSON.parse(json) as unknown);
  } catch {
    return null;
  }
}

/** The whole frame: varUint 100, then varString JSON of exactly the four keys. */
export function encodeRejection(r: Rejection): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_REJECTION);
  encoding.writeVarString(e, JSON.stringify({ caseId: r.caseId, field: r.field, code: r.code, message: r.message }));
  return encoding.toUint8Array(e);
}

/**
 * The rest of a rejection frame once its message type has been read (as y-websocket's messageHandlers are called).
 * Null when the payload is not a Rejection: a broken or hostile server must not crash the client.
 */
export function readRejection(decoder: decoding.Decoder): Rejection | null {
  try {
    return parseRejection(decoding.readVarString(decoder));
  } catch {
    return null;
  }
}
