// Attack 3: one viewer floods refused edits — it is cut off and banned, the audit stays small, the ledger does not grow.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { casesOf } from '../../../shared/ydoc-layout';
import { ADMIN_TOKEN, waitFor } from '../integration/harness';
import {
  sceneForEachTest,
  assertConsistent,
  assertRoomAlive,
  auditLog,
  handlingCase,
  registeredCase,
} from './invariants';

const SECONDS = Number(process.env.FLOOD_SECONDS ?? 3);

const t = sceneForEachTest();

/** The HTTP status a WebSocket handshake gets (101 when it opens). */
function handshakeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('error', () => undefined);
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
  });
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** An office edit every 50 ms observed by a second office client: edit → peer latencies in ms. */
async function officeLatency(caseId: string, ms: number, tag: string): Promise<number[]> {
  const editor = t.h.connect('ledger', ADMIN_TOKEN);
  const watcher = t.h.connect('ledger', ADMIN_TOKEN);
  await Promise.all([editor.synced(), watcher.synced()]);
  const sent = new Map<string, number>();
  const seen: number[] = [];
  watcher.doc.on('afterTransaction', () => {
    const v = (casesOf(watcher.doc).get(caseId) as unknown as Y.Map<unknown> | undefined)?.get('address');
    const t = typeof v === 'string' ? sent.get(v) : undefined;
    if (t !== undefined) {
      seen.push(performance.now() - t);
      sent.delete(v as string);
    }
  });
  const end = Date.now() + ms;
  for (let i = 0; Date.now() < end; i++) {
    const value = `${tag}-${i}`;
    sent.set(value, performance.now());
    (casesOf(editor.doc).get(caseId) as unknown as Y.Map<unknown>).set('address', value);
    await new Promise((r) => setTimeout(r, 50));
  }
  await waitFor(() => sent.size === 0, `${tag}: every office edit seen by the other office client`);
  editor.destroy();
  watcher.destroy();
  return seen;
}

interface Flood {
  room: string;
  token: string;
  role: string;
  caseId: string;
  field: string;
}

/** Floods refused edits from one user while two office clients measure their own edits; returns the figures. */
async function flood(f: Flood) {
  const quiet = await officeLatency(f.caseId, 1000, 'quiet');
  const stateBefore = Y.encodeStateAsUpdate(t.h.server.ledger.docs.get(f.room)).length;
  const auditBefore = (await auditLog(t.h)).length;
  const attacker = t.h.connect(f.room, f.token);
  await attacker.synced();
  let sent = 0;
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const m = casesOf(attacker.doc).get(f.caseId) as unknown as Y.Map<unknown> | undefined;
      if (attacker.provider.wsconnected && m !== undefined) m.set(f.field, `伪造${sent++}`);
      await new Promise((r) => setImmediate(r));
    }
  })();
  const during = await officeLatency(f.caseId, SECONDS * 1000, 'flood');
  stop = true;
  await loop;
  await waitFor(() => attacker.closeCodes.includes(1008), 'the flooder closed with 1008 (budget spent, banned)');
  attacker.destroy();
  const banned = await handshakeStatus(
    `${t.h.url.replace(/^http/, 'ws')}/sync/${f.room}?token=${encodeURIComponent(f.token)}`,
  );
  const rows = (await auditLog(t.h)).slice(auditBefore).filter((e) => !e.accepted) as unknown as {
    count: number;
    role: string;
  }[];
  const mine = rows.filter((r) => r.role === f.role);
  const refusals = mine.reduce((n, r) => n + r.count, 0);
  const grown = Y.encodeStateAsUpdate(t.h.server.ledger.docs.get(f.room)).length - stateBefore; // office edits included
  // what the attacker itself left in the room: its structs (its client id's clock on the server)
  const applied = Y.getState(t.h.server.ledger.docs.get(f.room).store, attacker.doc.clientID);
  console.log(
    `[figures] ${f.role} flooding refused ${f.field} for ${SECONDS} s: ${sent} edits made, ${refusals} refusals processed before the ban, ` +
      `${mine.length} audit rows, ${applied} of its structs kept, ${f.room} state +${grown} B (with the office's measured edits); office edit → peer p50/p99: quiet ${pct(quiet, 50).toFixed(1)}/${pct(quiet, 99).toFixed(1)} ms, ` +
      `during the flood ${pct(during, 50).toFixed(1)}/${pct(during, 99).toFixed(1)} ms`,
  );
  return { banned, refusals, rows: mine.length, grown, applied };
}

describe('hostile: a flood of refused edits', () => {
  it('SYNC7/SYNC10/SYNC11: a viewer flooding edits is refused whole each time (nothing applied, nothing grows), then banned (429)', async () => {
    const caseId = await registeredCase(t.h);
    const r = await flood({ room: 'ledger', token: t.s.tokens.viewer, role: 'viewer', caseId, field: 'company' });
    expect(r.banned).toBe(429);
    expect(r.refusals).toBeGreaterThanOrEqual(10); // 60 points a user, 5 for each update refused whole
    expect(r.refusals).toBeLessThan(40);
    expect(r.rows).toBeLessThanOrEqual(2);
    expect(r.applied).toBe(0);
    await assertConsistent(t.h);
    await assertRoomAlive(t.h, 'ledger', ADMIN_TOKEN, caseId, 'address', '洪水之后的修改');
  });

  it('SYNC7/SYNC11: a unit flooding refused edits in its room is compensated, charged per key, banned; audit rows aggregated, growth bounded', async () => {
    const caseId = await handlingCase(t.h, t.s);
    const r = await flood({
      room: `unit:${t.s.units.lead}`,
      token: t.s.tokens.lead,
      role: 'unit',
      caseId,
      field: 'company',
    });
    expect(r.banned).toBe(429);
    expect(r.refusals).toBeGreaterThanOrEqual(20);
    expect(r.refusals).toBeLessThan(200);
    expect(r.rows).toBeLessThanOrEqual(3);
    expect(r.applied).toBeLessThanOrEqual(r.refusals); // one tombstone per refused edit, and the budget bounds them
    expect(r.grown).toBeLessThan(100 * r.refusals);
    await assertConsistent(t.h);
    await assertRoomAlive(t.h, 'ledger', ADMIN_TOKEN, caseId, 'address', '洪水之后的修改');
  });
});
