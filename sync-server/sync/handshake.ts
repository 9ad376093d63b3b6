// Refuses a sync handshake before the upgrade: a bare status, or 429 (ban, connection cap) / 503 (storage) with a JSON body.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Admission } from './users';

type Refusal = Exclude<Admission, { ok: true }>;

/** The HTTP response for a refused admission: status, Retry-After when known, and `{"error":{"code","message"}}`. */
export function admissionResponse(r: Refusal): string {
  const body = JSON.stringify({ error: { code: r.code, message: r.message } });
  const headers = [
    `HTTP/1.1 ${r.status} ${STATUS_CODES[r.status] ?? ''}`,
    'Connection: close',
    'Content-Type: application/json; charset=utf-8',
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    ...(r.retryAfter === null ? [] : [`Retry-After: ${r.retryAfter}`]),
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

/** Writes the refusal and closes the socket once it is flushed. */
export function refuseAdmission(socket: Duplex, r: Refusal): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(admissionResponse(r));
}

/** Answers a handshake with a bare status and closes the socket; a peer that resets meanwhile is ignored. */
export function refuseHandshake(socket: Duplex, status: number, extraHeaders = ''): void {
  // the HTTP server removed its own error listener at the upgrade: a peer that resets now must not crash the process
  socket.on('error', () => socket.destroy());
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${extraHeaders}Connection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}
