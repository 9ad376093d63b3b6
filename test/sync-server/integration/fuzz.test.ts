// WIRE1: 10,000 random and mutated frames from a signed-in client: the server stays up and the ledger is unchanged.
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { casesOf } from '../../../shared/ydoc-layout';
import { prng } from '../../../shared/prng';
import { ADMIN_TOKEN, Harness, REGISTRATION, canonical, scene, waitFor } from './harness';

let h: Harness;
let viewerToken: string;
let caseId: string;

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Valid frames a client could send: updates touching fields, a forged case, awareness, step 1. */
function validFrames(serverState: Uint8Array): Uint8Array[] {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, serverState);
  const out: Uint8Array[] = [];
  const capture = (fn: () => void) => {
    const sv = Y.encodeStateVector(doc);
    fn();
    const u = Y.encodeStateAsUpdate(doc, sv);
    out.push(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        syncProtocol.writeUpdate(e, u);
      }),
    );
    out.push(
      frame((e) => {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint8Array(e, u);
      }),
    );
  };
  const map = casesOf(doc).get(caseId) as Y.Map<unknown>;
  capture(() => map.set('status', 'closed'));
  capture(() => map.set('company', '<script>alert(1)</script>'));
  capture(() => map.set('handler', "=cmd|' /C calc'!A0"));
  capture(() => casesOf(doc).set('c-x', new Y.Map() as never));
  capture(() => casesOf(doc).delete(caseId));
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: '测试' } });
  out.push(
    frame((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    }),
  );
  out.push(
    frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    }),
  );
  out.push(frame((e) => encoding.writeVarUint(e, 3)));
  return out;
}

function mutate(rand: () => number, valid: Uint8Array[]): Uint8Array {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const base = pick(valid);
  switch (Math.floor(rand() * 6)) {
    case 0:
      return Uint8Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256));
    case 1:
      return base.slice(0, Math.floor(rand() * base.length));
    case 2: {
      const b = base.slice();
      for (let i = 0; i < 1 + rand() * 4; i++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      return b;
    }
    case 3:
      return Uint8Array.from([
        ...base,
        ...Array.from({ length: 1 + Math.floor(rand() * 16) }, () => Math.floor(rand() * 256)),
      ]);
    case 4:
      return Uint8Array.from([Math.floor(rand() * 4), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    default:
      return Uint8Array.from([Math.floor(rand() * 256), ...base.slice(1)]);
  }
}

beforeAll(async () => {
  h = await Harness.start();
  const s = await scene(h);
  viewerToken = s.tokens.viewer;
  caseId = (await h.ok<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/cases', REGISTRATION)).id;
  await h.ok(ADMIN_TOKEN, 'POST', `/api/cases/${caseId}/assign`, { leadUnit: s.units.lead, kind: 'general' });
});

afterAll(async () => {
  await h.stop();
});

describe('fuzzing the sync endpoint', () => {
  it('WIRE1: 10,000 random and mutated frames: server up, ledger content unchanged, a fresh client still syncs', async () => {
    const ledgerDoc = h.server.ledger.doc('ledger');
    const before = canonical(ledgerDoc);
    const valid = validFrames(Y.encodeStateAsUpdate(ledgerDoc));
    const rand = prng(20261129);
    const wsUrl = `${h.url.replace(/^http/, 'ws')}/sync/ledger?token=${encodeURIComponent(viewerToken)}`;
    let sent = 0;
    let connections = 0;
    const closeCodes = new Map<number, number>();
    while (sent < 10_000) {
      const ws = new WebSocket(wsUrl);
      connections++;
      await new Promise<void>((resolve) => {
        ws.once('open', () => {
          const burst = Math.min(10_000 - sent, 1 + Math.floor(rand() * 200));
          for (let i = 0; i < burst && ws.readyState === WebSocket.OPEN; i++) {
            ws.send(mutate(rand, valid));
            sent++;
          }
          ws.close();
        });
        ws.once('close', (code) => {
          closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
          resolve();
        });
        ws.once('error', () => undefined);
      });
    }
    expect(sent).toBe(10_000);
    expect(connections).toBeGreaterThan(10);
    const health = await fetch(`${h.url}/health`);
    expect(health.status).toBe(200);
    await h.server.ledger.whenDurable();
    expect(canonical(ledgerDoc)).toBe(before);
    const fresh = h.connect('ledger', ADMIN_TOKEN);
    await fresh.synced();
    await waitFor(() => canonical(fresh.doc) === before, 'a fresh client converges to the unchanged ledger');
    expect(canonical(fresh.doc)).toBe(before);
  });
});
