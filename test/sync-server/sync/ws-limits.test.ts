// Transport limits over a real server: 1009, 1003, 1002, 1008, unknown paths, keepalive — and the server keeps serving.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as net from 'node:net';
import { WebSocket } from 'ws';
import { encodeSyncStep1 } from '../../../sync-server/sync/protocol';
import { parseSyncTarget } from '../../../sync-server/sync/ws-server';
import { FakeBackend } from './fake-backend';
import type { TestServer } from './net-helpers';
import { connectProvider, rawClient, startServer, waitFor, whenSynced } from './net-helpers';
import type { SyncLog } from '../../../sync-server/sync/stats';

let backend: FakeBackend;
let server: TestServer;

beforeEach(async () => {
  backend = new FakeBackend();
  server = await startServer(backend, { pingIntervalMs: 100 });
});

afterEach(async () => {
  await server.stop();
});

const roomUrl = (room = 'ledger', token = 'good'): string => `${server.url}/${encodeURIComponent(room)}?token=${token}`;

async function stillServes(): Promise<void> {
  const c = connectProvider(server.url, 'ledger', 'good');
  try {
    await whenSynced(c);
    c.doc.getMap('cases').set('alive', Date.now());
    await waitFor(() => backend.doc('ledger').getMap('cases').has('alive'), 'server applied');
  } finally {
    c.destroy();
  }
}

describe('close codes', () => {
  it('WIRE1: closes a 1.5 MiB message with 1009 (ws maxPayload) and keeps serving others', async () => {
    const { ws, closed } = await rawClient(roomUrl());
    ws.send(new Uint8Array(1.5 * 1024 * 1024));
    expect((await closed).code).toBe(1009);
    await stillServes();
  });

  it('WIRE1: accepts a message just under the limit', async () => {
    const { ws, closed, received } = await rawClient(roomUrl());
    const big = new Uint8Array(1024 * 1024 - 16);
    big[0] = 99; // unknown type: ignored
    ws.send(big);
    ws.send(encodeSyncStep1(new Uint8Array([0])));
    await waitFor(() => received.some((d) => d[0] === 0 && d[1] === 1), 'sync step 2');
    expect(server.sync.stats().unknownMessages).toBe(1);
    ws.close();
    expect((await closed).code).toBe(1005);
  });

  it('WIRE1: closes a text frame with 1003', async () => {
    const { ws, closed } = await rawClient(roomUrl());
    ws.send('hello');
    expect(await closed).toEqual({ code: 1003, reason: 'binary frames only' });
  });

  it('WIRE1: closes a malformed frame with 1002 and an undecodable update with 1007', async () => {
    const a = await rawClient(roomUrl());
    a.ws.send(new Uint8Array([0, 2, 50, 1, 2, 3]));
    expect(await a.closed).toEqual({ code: 1002, reason: 'truncated' });
    const b = await rawClient(roomUrl());
    b.ws.send(new Uint8Array([0, 2, 4, 0xff, 0xff, 0xff, 0x01]));
    expect((await b.closed).code).toBe(1007);
    await stillServes();
  });

  it('WIRE1: closes a flood (over 500 messages in a second) with 1008', async () => {
    const { ws, closed } = await rawClient(roomUrl());
    for (let i = 0; i < 1000; i++) ws.send(new Uint8Array([99]));
    expect(await closed).toEqual({ code: 1008, reason: 'too many messages' });
    await stillServes();
  });
});

describe('WIRE3: routing', () => {
  it('parses /sync/<room>?token=… by hand', () => {
    expect(parseSyncTarget('/sync/unit%3Aa?x=1&token=t%2B1', '/sync')).toEqual({
      kind: 'room',
      room: 'unit:a',
      token: 't+1',
    });
    expect(parseSyncTarget('/sync/ledger', '/sync')).toEqual({ kind: 'room', room: 'ledger', token: null });
    expect(parseSyncTarget('/sync/ledger?token=', '/sync')).toEqual({ kind: 'room', room: 'ledger', token: null });
    expect(parseSyncTarget('/syncx/ledger', '/sync')).toEqual({ kind: 'other' });
    expect(parseSyncTarget('//evil/sync/ledger', '/sync')).toEqual({ kind: 'other' });
    expect(parseSyncTarget('/sync/', '/sync')).toEqual({ kind: 'bad' });
    expect(parseSyncTarget(`/sync/${'r'.repeat(201)}`, '/sync')).toEqual({ kind: 'bad' });
  });

  it('answers 404 for other paths and 400 for an undecodable room', async () => {
    await expect(rawClient(`ws://127.0.0.1:${server.port}/other/ledger?token=good`)).rejects.toThrow('HTTP 404');
    await expect(rawClient(`ws://127.0.0.1:${server.port}/sync/%E0%A4%A?token=good`)).rejects.toThrow('HTTP 400');
    expect(backend.authCalls).toBe(0);
  });

  it('leaves other paths to another upgrade handler when there is one', async () => {
    const other = new (await import('ws')).WebSocketServer({ noServer: true });
    server.http.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/other')) other.handleUpgrade(req, socket, head, (ws) => ws.close(4000, 'other'));
    });
    const { closed } = await rawClient(`ws://127.0.0.1:${server.port}/other`);
    expect((await closed).code).toBe(4000);
    other.close();
  });

  it('URL-decodes the room name', async () => {
    const { ws, received } = await rawClient(`${server.url}/unit%3Aa?token=unit-a`);
    await waitFor(() => received.length > 0, 'greeting');
    expect([received[0]?.[0], received[0]?.[1]]).toEqual([0, 0]); // sync step 1: admitted to 'unit:a'
    expect(backend.docs.has('unit:a')).toBe(true);
    ws.close();
  });
});

describe('WIRE4: logging', () => {
  it('never logs the token or the URL, even when authentication throws', async () => {
    const lines: string[] = [];
    const log: SyncLog = (event, detail) => lines.push(JSON.stringify([event, detail]));
    const throwing = new FakeBackend();
    throwing.authenticate = (token: string | null) => Promise.reject(new Error(`token ${token ?? ''} unknown`));
    const s2 = await startServer(throwing, { log });
    try {
      await expect(rawClient(`${s2.url}/ledger?token=SECRET-123`)).rejects.toThrow('HTTP 500');
      const bad = await rawClient(`${s2.url}/ledger?token=SECRET-456`).catch(() => null);
      expect(bad).toBeNull();
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.join('\n')).not.toMatch(/SECRET|token=|\/sync\//);
    } finally {
      await s2.stop();
    }
  });
});

describe('WIRE4: keepalive', () => {
  it('terminates a peer that does not answer pings', async () => {
    // A hand-made handshake on a plain TCP socket: it never answers the server's pings.
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      'GET /sync/ledger?token=good HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    let received = '';
    socket.on('data', (d) => {
      received += d.toString('latin1');
    });
    await waitFor(() => received.startsWith('HTTP/1.1 101'), 'handshake');
    await waitFor(() => server.sync.connections() === 1, 'connected');
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await ended; // two ping intervals (~200 ms) without a pong
    await waitFor(() => server.sync.connections() === 0, 'server forgot it');
  });

  it('keeps a live client that answers pings', async () => {
    const { ws } = await rawClient(roomUrl());
    let closed = false;
    ws.on('close', () => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(closed).toBe(false);
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });
});
