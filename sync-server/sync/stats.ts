// Counters and the log hook of the sync server (events carry codes and room names, never tokens or URLs).

export interface SyncStats {
  /** Frames received on open connections. */
  messages: number;
  /** Frames of a type the server does not handle (ignored, connection kept). */
  unknownMessages: number;
  /** Awareness payloads dropped for size or for speaking for too many clients. */
  droppedAwareness: number;
  /** Malformed or truncated frames (connection closed with 1002). */
  protocolErrors: number;
  /** Updates the backend could not decode (connection closed with 1007). */
  invalidUpdates: number;
  /** Rejections reported to senders. */
  rejections: number;
  /** Unexpected exceptions caught at a handler boundary. */
  internalErrors: number;
}

export function createStats(): SyncStats {
  return { messages: 0, unknownMessages: 0, droppedAwareness: 0, protocolErrors: 0, invalidUpdates: 0, rejections: 0, internalErrors: 0 };
}

/** Receives notable events. Details hold only room names, close codes, counts and error names. */
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
