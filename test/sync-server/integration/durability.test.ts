// STORE1/SYNC6: SIGKILL right after N acknowledged edits loses nothing; stale clients converge; nothing resurrects.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { casesOf, readCase } from '../../../shared/ydoc-layout';
import type { ChildServer } from './child-server';
import { startChildServer } from './child-server';
import { ADMIN_TOKEN, REGISTRATION, canonical, tempDir, waitFor } from './harness';

const dataDir = tempDir();
const env = { DATA_DIR: dataDir, LEDGER_ADMIN_TOKEN: ADMIN_TOKEN };
const providers: WebsocketProvider[] = [];
let server: ChildServer | null = null;

async function api<T>(url: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

function connect(url: string, room: string, token: string, doc: Y.Doc): WebsocketProvider {
  const p = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: { token },
  });
  providers.push(p);
  return p;
}

const synced = (p: WebsocketProvider) =>
  p.synced ? Promise.resolve() : new Promise<void>((r) => p.once('sync', () => r()));
const content = canonical;

afterAll(async () => {
  for (const p of providers) p.destroy();
  await server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('durability across SIGKILL', () => {
  it('STORE1/SYNC5/SYNC6: all N acknowledged edits survive; stale clients converge; no stale value or moved case comes back', async () => {
    const N = 60;
    server = await startChildServer(env);
    let url = server.url;
    const unit = await api<{ id: string }>(url, ADMIN_TOKEN, 'POST', '/api/units', { name: '市市场监督管理局' });
    const other = await api<{ id: string }>(url, ADMIN_TOKEN, 'POST', '/api/units', { name: '市税务局' });
    const leadToken = (
      await api<{ token: string }>(url, ADMIN_TOKEN, 'POST', '/api/users', {
        name: '联络员',
        role: 'unit',
        unitId: unit.id,
      })
    ).token;
    const caseIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await api<{ id: string }>(url, ADMIN_TOKEN, 'POST', '/api/cases', {
        ...REGISTRATION,
        company: `企业${i}`,
      });
      await api(url, ADMIN_TOKEN, 'POST', `/api/cases/${id}/assign`, { leadUnit: unit.id, kind: 'general' });
      await api(url, leadToken, 'POST', `/api/cases/${id}/accept`, {});
      caseIds.push(id);
    }
    const [main, moved] = caseIds as [string, string, string];

    const leadDoc = new Y.Doc();
    const officeDoc = new Y.Doc();
    let lead = connect(url, `unit:${unit.id}`, leadToken, leadDoc);
    let office = connect(url, 'ledger', ADMIN_TOKEN, officeDoc);
    await Promise.all([synced(lead), synced(office)]);

    // N accepted edits, each acknowledged by the office seeing it (broadcast happens only after commit)
    for (let i = 1; i <= N; i++) {
      (casesOf(leadDoc).get(caseIds[i % 3] as string) as Y.Map<unknown>).set('measures', `第${i}次修改`);
      if (i % 2 === 0) (casesOf(leadDoc).get(main) as Y.Map<unknown>).set('findings', `核查${i}`);
    }
    await waitFor(
      () =>
        readCase(officeDoc, caseIds[N % 3] as string)?.fields.measures === `第${N}次修改` &&
        readCase(officeDoc, main)?.fields.findings === `核查${N}`,
      'office acknowledges the last edit',
    );

    // the lead goes offline with its document; meanwhile the office moves a case away and a value is overwritten
    lead.destroy();
    await api(url, leadToken, 'POST', `/api/cases/${moved}/return`, { reason: '非本单位职责' });
    await api(url, ADMIN_TOKEN, 'POST', `/api/cases/${moved}/assign`, { leadUnit: other.id, kind: 'general' });
    (casesOf(officeDoc).get(main) as Y.Map<unknown>).set('summary', '摘要已更正');
    await waitFor(() => readCase(officeDoc, moved)?.fields.leadUnit === other.id, 'office sees the move');
    await new Promise((r) => setTimeout(r, 200));
    office.destroy();

    expect(await server.kill('SIGKILL')).toBeNull();
    server = await startChildServer(env);
    url = server.url;

    // a fresh office client sees every acknowledged edit
    const fresh = new Y.Doc();
    await synced(connect(url, 'ledger', ADMIN_TOKEN, fresh));
    for (let i = N - 2; i <= N; i++)
      expect(readCase(fresh, caseIds[i % 3] as string)?.fields.measures).toBe(`第${i}次修改`);
    expect(readCase(fresh, main)?.fields.findings).toBe(`核查${N}`);
    expect(readCase(fresh, main)?.fields.summary).toBe('摘要已更正');
    const audit = await api<{ entries: { command: string; field: string | null; accepted: boolean }[] }>(
      url,
      ADMIN_TOKEN,
      'GET',
      `/api/audit?caseId=${main}&limit=1000`,
    );
    expect(audit.entries.filter((e) => e.command === 'edit' && e.accepted && e.field !== 'summary').length).toBe(
      N / 3 + N / 2,
    );

    // stale clients reconnect with their old documents and converge exactly; the moved case does not come back
    lead = connect(url, `unit:${unit.id}`, leadToken, leadDoc);
    office = connect(url, 'ledger', ADMIN_TOKEN, officeDoc);
    await Promise.all([synced(lead), synced(office)]);
    const freshLead = new Y.Doc();
    await synced(connect(url, `unit:${unit.id}`, leadToken, freshLead));
    await waitFor(() => readCase(leadDoc, moved) === null, 'moved case leaves the stale unit document');
    await waitFor(() => content(leadDoc) === content(freshLead), 'the stale unit document converges');
    await waitFor(() => content(officeDoc) === content(fresh), 'the stale office document converges');
    expect(content(leadDoc)).toBe(content(freshLead));
    expect(readCase(freshLead, moved)).toBeNull();
    expect(content(officeDoc)).toBe(content(fresh));
    expect(readCase(fresh, main)?.fields.summary).toBe('摘要已更正');
  });
});
