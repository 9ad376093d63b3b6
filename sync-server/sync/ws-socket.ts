// Adapts a `ws` WebSocket to the SyncSocket the connection logic talks to.
import { WebSocket } from 'ws';
import type { SyncSocket } from './socket';

export class WsSocket implements SyncSocket {
  constructor(private readonly ws: WebSocket) {}

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  send(data: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    try {
      // The callback swallows write errors: the socket's 'close' event follows and cleans up.
      this.ws.send(data, { binary: true }, () => {});
    } catch {
      this.ws.terminate();
    }
  }

  close(code: number, reason: string): void {
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }
}

/** A `ws` message payload as one Uint8Array (binaryType 'nodebuffer' gives a Buffer; the others are handled anyway). */
export function messageBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
