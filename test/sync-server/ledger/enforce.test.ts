// SYNC3: per-operation enforcement on a Yjs document — refused changes are compensated in the same update.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Actor, CaseData } from '../../../shared/case';
import { casesOf, readCase, writeFields, writeUnit } from '../../../shared/ydoc-layout';
import type { EnforcementScope } from '../../../sync-server/ledger/enforce';
import { applyWithEnforcement, EnforcementError } from '../../../sync-server/ledger/enforce';
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

  it('SYNC3: unknown fields (own keys only: toString, __proto__) are refused and undone', () => {
    const s = setup();
    const r = s.edit((d) => {
      s.caseMap(d).set('secret', 'x');
      s.caseMap(d).set('toString', 'x');
      s.caseMap(d).set('__proto__', 'x');
      s.caseMap(d).set('handler', '李四');
    });
    expect(r.rejections.map((x) => x.code).sort()).toEqual(['UNKNOWN_FIELD', 'UNKNOWN_FIELD', 'UNKNOWN_FIELD']);
    expect(r.edits.map((e) => e.field)).toEqual(['handler']);
    for (const key of ['secret', 'toString', '__proto__']) expect(s.caseMap(s.server).has(key)).toBe(false);
    expect(readCase(s.peer, s.base.id)?.fields.handler).toBe('李四');
  });

  it('SYNC3: writing a field one may not edit is refused even when the value does not change', () => {
    const s = setup();
    const r = s.edit((d) => s.caseMap(d).set('company', s.base.fields.company as string));
    expect(r.rejections.map((x) => [x.field, x.code])).toEqual([['company', 'FIELD_OWNED_BY_OFFICE']]);
    expect(r.edits).toEqual([]);
  });

  it('SYNC3: a change outside the case fields (which SYNC10 refuses before) throws, so the caller rolls back', () => {
    const s = setup();
    expect(() => s.edit((d) => casesOf(d).delete(s.base.id))).toThrow(EnforcementError);
  });

  it('VAL6: a permitted value is stored normalised and the sender receives the normalised value', () => {
    const s = setup();
    const r = s.edit((d) => {
      s.caseMap(d).set('handler', '  李四  ');
      s.caseMap(d).set('feedbackMethod', ' 电话 ');
    });
    expect(r.edits.map((e) => [e.field, e.value])).toEqual([
      ['handler', '李四'],
      ['feedbackMethod', '电话'],
    ]);
    expect(readCase(s.peer, s.base.id)?.fields.handler).toBe('李四');
    Y.applyUpdate(s.client, s.netUpdates[0] as Uint8Array);
    expect(readCase(s.client, s.base.id)?.fields.feedbackMethod).toBe('电话');
  });

  it('VAL7: a 反馈日期 in the future is refused on the wire as in the 承办单', () => {
    const s = setup();
    const r = s.edit((d) => s.caseMap(d).set('feedbackAt', '2099-12-31'));
    expect(r.rejections.map((x) => x.code)).toEqual(['DATE_IN_FUTURE']);
    expect(readCase(s.peer, s.base.id)?.fields.feedbackAt).toBeUndefined();
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
    expect(() =>
      applyWithEnforcement(
        s.server,
        actors.lead,
        {},
        new Uint8Array([1, 2, 3, 250, 250]),
        {
          caseInRoom: () => null,
        },
        '2026-11-29',
      ),
    ).toThrow();
    expect(Y.encodeStateAsUpdate(s.server)).toEqual(before);
  });

  it('SYNC3: parts Yjs could not apply are never kept waiting: enforcement throws so the caller rolls back', () => {
    const s = setup();
    const server = s.server;
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0); // no structs
    encoding.writeVarUint(e, 1); // delete set: one client
    encoding.writeVarUint(e, server.clientID);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, Y.getState(server.store, server.clientID));
    encoding.writeVarUint(e, 100_000);
    expect(() =>
      applyWithEnforcement(
        server,
        actors.lead,
        {},
        encoding.toUint8Array(e),
        {
          caseInRoom: () => s.base,
        },
        '2026-11-29',
      ),
    ).toThrow(EnforcementError);
  });
});
