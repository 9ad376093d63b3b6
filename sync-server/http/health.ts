// GET /health (HTTP18): liveness for the installer and monitoring, without authentication.
import { Hono } from 'hono';
import { sendJson } from './respond';

export function healthApp(): Hono {
  return new Hono().get('/health', (c) => sendJson(c, { ok: true }));
}
