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
