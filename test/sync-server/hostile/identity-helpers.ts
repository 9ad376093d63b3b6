// Helpers of the identity attacks: raw HTTP calls and raw WebSocket handshakes against a real server.
import WebSocket from 'ws';

export interface ApiReply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are inspected loosely in tests
  body: any;
  headers: Headers;
}

/** One HTTP request with a Bearer token (or none); the body is sent as JSON. */
export async function api(
  base: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiReply> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : JSON.parse(text), headers: res.headers };
}

/**
 * What became of a WebSocket handshake to /sync/<room>: refused at the HTTP level (status and Retry-After), accepted and
 * then closed by the server (close code, as for a bad token), or accepted and served (the server's first sync frame).
 */
export type Handshake =
  | { kind: 'refused'; status: number; retryAfter: string | null }
  | { kind: 'closed'; code: number }
  | { kind: 'served' };

export function handshake(base: string, room: string, token: string | null, origin?: string): Promise<Handshake> {
  const url = `${base.replace(/^http/, 'ws')}/sync/${encodeURIComponent(room)}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.once('unexpected-response', (_req, res) => {
      resolve({
        kind: 'refused',
        status: res.statusCode ?? 0,
        retryAfter: (res.headers['retry-after'] as string | undefined) ?? null,
      });
      res.resume();
      ws.terminate();
    });
    ws.once('message', () => {
      resolve({ kind: 'served' });
      ws.close();
    });
    ws.once('close', (code) => resolve({ kind: 'closed', code }));
    ws.once('error', (e) => {
      if (!/Unexpected server response/.test(e.message)) reject(e);
    });
  });
}
