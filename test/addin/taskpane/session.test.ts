// Sign-in wiring against a real server: me → room → doc + sync → binding; refusals from both sides; offline start; sign-in errors.
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Refusal } from '../../../addin/binding/binding';
import { COLUMN_OF } from '../../../addin/binding/columns';
import { localCopyName } from '../../../addin/client/local-copy';
import type { SessionDeps } from '../../../addin/taskpane/session';
import { Session, SignInError } from '../../../addin/taskpane/session';
import { casesOf } from '../../../shared/ydoc-layout';
import { Harness, REGISTRATION, scene, waitFor } from '../../sync-server/integration/harness';
import { MemorySheet } from './memory-sheet';
import { MemoryCopies } from './memory-copy';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function deps(sheet: MemorySheet, extra: Partial<SessionDeps> = {}): SessionDeps {
  return {
    createPort: () => sheet,
    localCopy: null,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    ...extra,
  };
}

describe('ADDIN4: Session', () => {
  it('BIND5: signs in, joins the unit room, binds the sheet and reports refusals (local and server)', async () => {
    const h = await Harness.start();
    cleanups.push(() => h.stop());
    const s = await scene(h);
    const { id } = await h.ok<{ id: string }>(s.tokens.office, 'POST', '/api/cases', REGISTRATION);
    await h.ok(s.tokens.office, 'POST', `/api/cases/${id}/assign`, { leadUnit: s.units.lead, kind: 'general' });
    const sheet = new MemorySheet();
    const session = await Session.open({ serverUrl: h.url, token: s.tokens.lead }, deps(sheet), null);
    cleanups.push(() => session.stop());
    expect(session.me).toMatchObject({ role: 'unit', unitId: s.units.lead, room: `unit:${s.units.lead}` });
    expect(session.offlineStart).toBe(false);
    const refusals: Refusal[] = [];
    const binding = await session.bindSheet(deps(sheet), (r) => refusals.push(r));
    expect(binding?.caseAtRow(0)?.id).toBe(id);
    expect(session.unitName(s.units.lead)).toBe('市市场监督管理局');
    expect((await session.units()).map((u) => u.name)).toContain('市税务局');

    // a forbidden edit typed in the sheet: refused locally, restored
    const company = COLUMN_OF.get('company') as number;
    sheet.type(0, company, '别的公司');
    await waitFor(() => refusals.length === 1, 'the local refusal');
    expect(refusals[0]).toMatchObject({ caseId: id, field: 'company', code: 'FIELD_OWNED_BY_OFFICE', source: 'local' });
    await waitFor(() => sheet.rows[0]?.[company] === REGISTRATION.company, 'the restored cell');

    // a change that slips past the local check (written straight into the doc) is refused by the server and shown too
    session.doc.transact(() => casesOf(session.doc).get(id)?.set('summary', '偷改'));
    await waitFor(() => refusals.length === 2, 'the server refusal');
    expect(refusals[1]).toMatchObject({
      caseId: id,
      field: 'summary',
      source: 'server',
      message: expect.stringContaining('市营商办'),
    });
  });

  it('explains a bad token, an unreachable server, and starts offline with the remembered identity', async () => {
    const h = await Harness.start();
    cleanups.push(() => h.stop());
    const sheet = new MemorySheet();
    const bad = await Session.open({ serverUrl: h.url, token: 'u-1.wrong' }, deps(sheet), null).catch(
      (e: unknown) => e,
    );
    expect(bad).toBeInstanceOf(SignInError);
    expect((bad as Error).message).toBe('令牌无效或已吊销，请向市营商办索取新的令牌');
    expect((bad as SignInError).tokenRejected).toBe(true);

    const down = 'http://127.0.0.1:9';
    const none = await Session.open({ serverUrl: down, token: 't' }, deps(sheet), null).catch((e: unknown) => e);
    expect((none as Error).message).toContain('无法连接台账服务器');
    const me = { id: 'u-1', name: '李四', role: 'unit' as const, unitId: 'x', unitName: '市税务局', room: 'unit:x' };
    const offline = await Session.open({ serverUrl: down, token: 't' }, deps(sheet), me);
    cleanups.push(() => offline.stop());
    expect(offline.offlineStart).toBe(true);
    expect(offline.actor).toEqual({ userId: 'u-1', name: '李四', role: 'unit', unitId: 'x' });
    await waitFor(() => offline.sync.state.kind === 'offline', 'offline');

    // a refused token also takes the cases kept for it off this computer
    const copies = new MemoryCopies();
    const name = localCopyName(down, me.id, 'unit:x');
    copies.factory(name, new Y.Doc()).set('k', Uint8Array.of(1));
    expect(copies.values.has(name)).toBe(true);
    await Session.eraseLocalCopy({ serverUrl: `${down}/`, token: 't' }, me, deps(sheet, { localCopy: copies.factory }));
    expect(copies.values.has(name)).toBe(false);

    const noRoom = await Session.open({ serverUrl: down, token: 't' }, deps(sheet), { ...me, room: null }).catch(
      (e: unknown) => e,
    );
    expect((noRoom as Error).message).toContain('没有关联承办单位');
  });
});
