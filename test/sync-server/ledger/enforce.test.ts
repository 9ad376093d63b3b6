// SYNC3: per-operation enforcement on a Yjs document — refused changes are compensated in the same update.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor, CaseData } from '../../../shared/case';
import { casesOf, readCase, writeFields, writeUnit } from '../../../shared/ydoc-layout';
import type { EnforcementScope } from '../../../sync-server/ledger/enforce';
import { applyWithEnforcement } from '../../../sync-server/ledger/enforce';
import { actors, caseIn } from '../../shared/fixtures';

/** A server document holding one case, a client that synced it, and a peer that only sees net updates. */
function setup(status = 'handling') {
  const base = caseIn(status);
  const server = new Y.Doc();
  writeFields(server, base.id, base.fields);
  writeUnit(server, 'u-scjg', '市市场监督管理局');
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(server));
  const seen: unknown[] = [];
  peer.on('afterTransaction', () => seen.push(readCase(peer, base.id)?.fields.status));
  const netUpdates: Uint8Array[] = [];
  server.on('update', (u: Uint8Array) => {
    netUpdates.push(u);
    Y.applyUpdate(peer, u);
  });
  let accepted: CaseData = base;
  const scope: EnforcementScope = {
    caseInRoom: (id) => (id === base.id ? accepted : null),
    restoreServerMaps: (doc) => writeUnit(doc, 'u-scjg', '市市场监督管理局'),
  };
  const edit = (fn: (doc: Y.Doc) => void, actor: Actor = actors.lead) => {
    const before = Y.encodeStateVector(client);
    fn(client);
    const update = Y.encodeStateAsUpdate(client, before);
    const result = applyWithEnforcement(server, actor, {}, update, scope, '2026-11-29');
    for (const e of result.edits) accepted = { id: base.id, fields: { ...accepted.fields, [e.field]: e.value } };
    return result;
  };
  const caseMap = (doc: Y.Doc) => casesOf(doc).get(base.id) as Y.Map<unknown>;
  return { base, server, client, peer, seen, netUpdates, edit, caseMap };
}

describe('applyWithEnforcement', () => {
  it('SYNC3: a permitted edit is accepted and reaches peers as one update', () => {
    const s = setup();
    const r = s.edit((d) => s.caseMap(d).set('handler', '李四'));
    expect(r.rejections).toEqual([]);
    expect(r.edits).toEqual([{ caseId: s.base.id, field: 'handler', old: undefined, value: '李四' }]);
    expect(s.netUpdates).toHaveLength(1);
    expect(readCase(s.peer, s.base.id)?.fields.handler).toBe('李四');
  });

  it('SYNC3: a forbidden edit is compensated in the same update; the peer never sees the refused value', () => {
    const s = setup();
    const r = s.edit((d) => {
      s.caseMap(d).set('status', 'closed');
      s.caseMap(d).set('handler', '李四');
    });
    expect(r.rejections.map((x) => [x.field, x.code])).toEqual([['status', 'FIELD_SERVER_OWNED']]);
    expect(r.edits.map((e) => e.field)).toEqual(['handler']);
    expect(s.netUpdates).toHaveLength(1);
    expect(s.seen).not.toContain('closed');
    expect(readCase(s.server, s.base.id)?.fields.status).toBe('handling');
    // the sender converges to the server's value once it applies the net update
    Y.applyUpdate(s.client, s.netUpdates[0] as Uint8Array);
    expect(readCase(s.client, s.base.id)?.fields.status).toBe('handling');
    expect(readCase(s.client, s.base.id)?.fields.handler).toBe('李四');
  });

  it('PERM8: deleting a case is undone; a forged case is removed', () => {
    const s = setup();
    const r = s.edit((d) => {
      casesOf(d).delete(s.base.id);
      const forged = new Y.Map<unknown>();
      forged.set('company', '伪造企业');
      casesOf(d).set('c-forged', forged as never);
    });
    expect(r.rejections.map((x) => x.code).sort()).toEqual(['CASE_CREATE_FORBIDDEN', 'CASE_DELETE_FORBIDDEN']);
    expect(readCase(s.peer, 'c-forged')).toBeNull();
    expect(readCase(s.peer, s.base.id)?.fields).toEqual(s.base.fields);
    Y.applyUpdate(s.client, s.netUpdates[0] as Uint8Array);
    expect(readCase(s.client, s.base.id)?.fields).toEqual(s.base.fields);
    expect(readCase(s.client, 'c-forged')).toBeNull();
  });

  it('SYNC3: unknown fields, nested types, unknown root types and the units map are all refused', () => {
    const s = setup();
    const r = s.edit((d) => {
      s.caseMap(d).set('secret', 'x');
      s.caseMap(d).set('findings', new Y.Text('嵌套'));
      d.getArray('spam').push([1, 2, 3]);
      (d.getMap('units').get('u-scjg') as Y.Map<unknown>).set('name', '被篡改');
    });
    expect(r.rejections.map((x) => x.code).sort()).toEqual(['FIELD_SERVER_OWNED', 'INVALID_INPUT', 'UNKNOWN_FIELD', 'UNKNOWN_FIELD']);
    expect(s.caseMap(s.server).has('secret')).toBe(false);
    expect(s.caseMap(s.server).get('findings')).toBeUndefined();
    expect(s.server.getArray('spam').length).toBe(0);
    expect((s.server.getMap('units').get('u-scjg') as Y.Map<unknown>).get('name')).toBe('市市场监督管理局');
  });

  it('PERM1: every change by a viewer is refused', () => {
    const s = setup();
    const r = s.edit((d) => s.caseMap(d).set('company', '改名'), actors.viewer);
    expect(r.rejections.map((x) => x.code)).toEqual(['READ_ONLY']);
    expect(readCase(s.peer, s.base.id)?.fields.company).toBe(s.base.fields.company);
  });

  it('SYNC3: a malformed update throws before anything is applied', () => {
    const s = setup();
    const before = Y.encodeStateAsUpdate(s.server);
    expect(() => applyWithEnforcement(s.server, actors.lead, {}, new Uint8Array([1, 2, 3, 250, 250]), {
      caseInRoom: () => null, restoreServerMaps: () => undefined,
    }, '2026-11-29')).toThrow();
    expect(Y.encodeStateAsUpdate(s.server)).toEqual(before);
  });

  it('SYNC3: deletions aimed at the server’s future writes are dropped, not kept waiting to apply later', async () => {
    const s = setup();
    const server = s.server;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, 1); // delete set: one client
    encoding.writeVarUint(e, server.clientID);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, Y.getState(server.store, server.clientID));
    encoding.writeVarUint(e, 100_000);
    const r = applyWithEnforcement(server, actors.lead, {}, encoding.toUint8Array(e), {
      caseInRoom: () => s.base, restoreServerMaps: () => undefined,
    }, '2026-11-29');
    expect(r.rejections.map((x) => x.code)).toEqual(['INVALID_INPUT']);
    expect(server.store.pendingDs).toBeNull();
    writeFields(server, s.base.id, { handler: '服务器写入' });
    s.edit((d) => s.caseMap(d).set('findings', '一次正常的修改'));
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    expect(readCase(server, s.base.id)?.fields.handler).toBe('服务器写入');
    expect(readCase(fresh, s.base.id)?.fields.handler).toBe('服务器写入');
  });
});
