// Attack: handshakes that are refused (bad room, unknown path, foreign origin) and reset by the client at once.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncServer } from '../../../sync-server/sync/ws-server';
import { attachSync } from '../../../sync-server/sync/ws-server';
import { waitFor } from '../integration/harness';
import { FakeBackend } from '../sync/fake-backend';
import { handshake } from './identity-helpers';

let server: http.Server;
let sync: SyncServer;
let port: number;

beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(404).end());
  sync = attachSync(server, new FakeBackend(), { log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await sync.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends one upgrade request and resets the connection (TCP RST) as soon as it is written. */
function sendAndReset(target: string, extraHeaders: string): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extraHeaders}\r\n`,
      );
      setImmediate(() => {
        s.resetAndDestroy();
        resolve();
      });
    });
    s.on('error', () => resolve());
  });
}

const openConnections = (): Promise<number> =>
  new Promise((resolve, reject) => server.getConnections((e, n) => (e ? reject(e) : resolve(n))));

describe('identity: refused handshakes from clients that vanish', () => {
  it('WIRE2: answering 400/403/404 to a peer that already reset raises no uncaught error; the endpoint keeps serving', async () => {
    const uncaught: unknown[] = [];
    const record = (e: unknown) => uncaught.push(e);
    process.on('uncaughtException', record);
    try {
      const attempts: [string, string][] = [
        ['/sync/%E0%A4%A?token=good', ''],
        ['/elsewhere/ledger?token=good', ''],
        ['/sync/ledger?token=good', 'Origin: https://evil.example\r\n'],
      ];
      for (let i = 0; i < 100; i++) for (const [target, headers] of attempts) await sendAndReset(target, headers);
      let open = -1;
      await waitFor(() => {
        void openConnections().then((n) => (open = n));
        return open === 0;
      }, 'every refused socket to close');
    } finally {
      process.off('uncaughtException', record);
    }
    expect(uncaught).toEqual([]);
    expect(await handshake(`http://127.0.0.1:${port}`, 'ledger', 'good')).toEqual({ kind: 'served' });
  });
});
