// GET /health (HTTP18): liveness for the installer and monitoring, without authentication; 503 while storage is unavailable (STORE6).
import { Hono } from 'hono';
import type { Ledger } from '../ledger/ledger';
import { sendJson } from './respond';

export function healthApp(ledger: Pick<Ledger, 'storageState'>): Hono {
  return new Hono().get('/health', (c) => {
    const h = ledger.storageState();
    if (h.ok) return sendJson(c, { ok: true });
    return sendJson(c, { ok: false, status: 'degraded', since: h.since, reason: h.reason }, 503);
  });
}
