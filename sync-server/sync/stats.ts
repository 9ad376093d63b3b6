// Counters and the log hook of the sync server (events carry codes, room names and user ids, never tokens or URLs).

export interface SyncStats {
  /** Frames received on open connections. */
  messages: number;
  /** Frames of a type the server does not handle (ignored, connection kept). */
  unknownMessages: number;
  /** Malformed or truncated frames (connection closed with 1002). */
  protocolErrors: number;
  /** Updates the backend could not decode (connection closed with 1007). */
  invalidUpdates: number;
  /** Updates the backend refused whole (rejections sent, then 1007). */
  refusedUpdates: number;
  /** Updates whose application failed and was rolled back (connection closed with 1011). */
  failedUpdates: number;
  /** Rejections reported to senders. */
  rejections: number;
  /** Unexpected exceptions caught at a handler boundary. */
  internalErrors: number;

  /** SYNC7: connections closed with 1008 because a refusal budget ran out. */
  refusalBudgetExceeded: number;
  /** SYNC9: connections closed with 1008 because a sync step 1 budget ran out. */
  step1BudgetExceeded: number;
  /** SYNC7/SYNC9: users banned. */
  bans: number;
  /** Other connections of a banned user closed with 1008. */
  bannedConnectionsClosed: number;
  /** Handshakes answered 429 because the user is banned. */
  bannedHandshakes: number;
  /** SYNC9: handshakes answered 429 because the user holds the most connections allowed. */
  tooManyConnections: number;
  /** Handshakes answered 503 because storage is unavailable. */
  unavailableHandshakes: number;

  /** SYNC8: awareness payloads dropped whole for their size. */
  droppedAwareness: number;
  /** SYNC8: awareness messages that would change a state, and queries, dropped over the per-connection rate. */
  awarenessRateLimited: number;
  /** SYNC8: awareness states dropped for their size. */
  awarenessStateTooLarge: number;
  /** SYNC8: awareness entries dropped because they set or removed another user's client id. */
  awarenessForeign: number;
  /** SYNC8: awareness entries dropped because the connection already speaks for the most client ids allowed. */
  awarenessTooManyIds: number;
  /** SYNC8: coalesced awareness frames relayed to rooms. */
  awarenessRelays: number;
  /** SYNC8: bytes of awareness relayed (frame size times the members it went to). */
  awarenessRelayedBytes: number;

  /** SYNC9: sync step 2 answers served from the per-version cache. */
  step2CacheHits: number;
  /** SYNC9: sync step 2 answers encoded from the document. */
  step2Encoded: number;
}

export function createStats(): SyncStats {
  return {
    messages: 0,
    unknownMessages: 0,
    protocolErrors: 0,
    invalidUpdates: 0,
    refusedUpdates: 0,
    failedUpdates: 0,
    rejections: 0,
    internalErrors: 0,
    refusalBudgetExceeded: 0,
    step1BudgetExceeded: 0,
    bans: 0,
    bannedConnectionsClosed: 0,
    bannedHandshakes: 0,
    tooManyConnections: 0,
    unavailableHandshakes: 0,
    droppedAwareness: 0,
    awarenessRateLimited: 0,
    awarenessStateTooLarge: 0,
    awarenessForeign: 0,
    awarenessTooManyIds: 0,
    awarenessRelays: 0,
    awarenessRelayedBytes: 0,
    step2CacheHits: 0,
    step2Encoded: 0,
  };
}

/** Receives notable events. Details hold only room names, user ids, close codes, counts and error names. */
export type SyncLog = (event: string, detail?: Readonly<Record<string, string | number>>) => void;

export const consoleLog: SyncLog = (event, detail) => {
  console.warn(`[sync] ${event}`, detail ?? {});
};

/** The name of a caught value: all that is logged for errors that might quote a token. */
export function errorName(e: unknown): string {
  return e instanceof Error ? e.name : typeof e;
}

/** Name and the start of the message of a caught value, for errors raised while handling document data. */
export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : typeof e;
}
