// The minimal socket the connection logic talks to, so it can be driven without a network.

/** One peer's outbound channel. Implementations must never throw. */
export interface SyncSocket {
  /** Queues one binary message. A no-op once the socket is closing or closed. */
  send(data: Uint8Array): void;
  /** Starts the closing handshake with a WebSocket close code and a short ASCII reason. */
  close(code: number, reason: string): void;
  /** Bytes queued for sending but not yet handed to the network. */
  readonly bufferedAmount: number;
}

/** WebSocket close codes used by the sync server. */
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
  /** Token missing, unknown or revoked (y-websocket does not reconnect on 4400–4499). */
  UNAUTHORIZED: 4401,
  /** The actor may not join this room. */
  FORBIDDEN: 4403,
} as const;
