// Refuses an authenticated handshake before the upgrade: 429 (ban, connection cap) or 503 (storage), with a JSON body.
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
