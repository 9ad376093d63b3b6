// An in-memory SyncSocket that records what the server sends, for network-free connection tests.
import type { SyncSocket } from '../../../sync-server/sync/socket';
import type { SyncMessage } from '../../../sync-server/sync/protocol';
import { decodeMessage } from '../../../sync-server/sync/protocol';

export class FakeSocket implements SyncSocket {
  readonly sent: Uint8Array[] = [];
  closed: { code: number; reason: string } | null = null;
  bufferedAmount = 0;

  send(data: Uint8Array): void {
    if (this.closed === null) this.sent.push(data);
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason };
  }

  /** Decodes and removes everything sent so far. */
  take(): SyncMessage[] {
    return this.sent.splice(0).map((frame) => {
      const d = decodeMessage(frame);
      if (!d.ok) throw new Error(`server sent a malformed frame: ${d.error.reason}`);
      return d.value;
    });
  }
}

/** Lets pending promise callbacks (whenDurable continuations) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}
