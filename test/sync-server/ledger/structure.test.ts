// SYNC10: an update is inspected before anything is applied; whatever is not the ledger's flat shape is refused whole.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { casesOf, removeCase, writeFields, writeMeta, writeUnit } from '../../../shared/ydoc-layout';
import { inspectUpdate } from '../../../sync-server/ledger/structure';
import { caseIn } from '../../shared/fixtures';

/** A server document with one case, one unit and meta, and a client that synced it. */
function setup() {
  const base = caseIn('handling');
  const server = new Y.Doc();
  writeFields(server, base.id, base.fields);
  writeUnit(server, 'u-scjg', '市市场监督管理局');
  writeMeta(server, 2026);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  /** What `fn` writes in the client, as one update against the server's state. */
  const update = (fn: (doc: Y.Doc, caseMap: Y.Map<unknown>) => void): Uint8Array => {
    const before = Y.encodeStateVector(client);
    client.transact(() => fn(client, casesOf(client).get(base.id) as unknown as Y.Map<unknown>));
    return Y.encodeStateAsUpdate(client, before);
  };
  return { base, server, client, update };
}

/** The verdict; an update with the shape is applied, as the server would, so the next one builds on it. */
const verdict = (server: Y.Doc, u: Uint8Array) => {
  const v = inspectUpdate(server, u);
  if (v.ok) Y.applyUpdate(server, u);
  return v.ok ? 'ok' : v.reason;
};

describe('inspectUpdate', () => {
  it('SYNC10: primitive field values and unknown keys such as toString and __proto__ have the shape (content is checked later)', () => {
    const s = setup();
    expect(
      verdict(
        s.server,
        s.update((_d, m) => m.set('handler', '李四')),
      ),
    ).toBe('ok');
    expect(
      verdict(
        s.server,
        s.update((_d, m) => {
          m.set('toString', 'x');
          m.set('__proto__', 'y');
          m.set('constructor', 1);
          m.delete('company');
        }),
      ),
    ).toBe('ok');
  });

  it.each([
    ['creating a case', (d: Y.Doc) => casesOf(d).set('c-forged', new Y.Map() as never), 'CASE_CREATE_FORBIDDEN'],
    ['replacing a case', (d: Y.Doc) => casesOf(d).set('c-1', new Y.Map() as never), 'CASE_CREATE_FORBIDDEN'],
    ['deleting a case', (d: Y.Doc) => casesOf(d).delete('c-1'), 'CASE_DELETE_FORBIDDEN'],
    [
      'renaming a unit',
      (d: Y.Doc) => (d.getMap('units').get('u-scjg') as Y.Map<unknown>).set('name', '改名'),
      'FIELD_SERVER_OWNED',
    ],
    ['deleting a unit', (d: Y.Doc) => d.getMap('units').delete('u-scjg'), 'FIELD_SERVER_OWNED'],
    ['changing meta', (d: Y.Doc) => d.getMap('meta').set('year', 1999), 'FIELD_SERVER_OWNED'],
  ])('PERM8/SYNC10: %s is refused whole, before it is applied', (_what, fn, code) => {
    const s = setup();
    const v = inspectUpdate(s.server, s.update(fn));
    expect(v.ok ? 'ok' : v.code).toBe(code);
  });

  it('SYNC10: 5,000 nested maps under a new root are refused whole before Yjs sees them', () => {
    const s = setup();
    const u = s.update((d) => {
      let m = d.getMap('evil');
      for (let i = 0; i < 5000; i++) {
        const next = new Y.Map<unknown>();
        m.set('k', next);
        m = next;
      }
    });
    const t0 = performance.now();
    const v = inspectUpdate(s.server, u);
    console.log(
      `[figures] inspecting a ${u.length}-byte update with 5,000 nested maps: ${(performance.now() - t0).toFixed(1)} ms`,
    );
    expect(v.ok).toBe(false);
    expect(s.server.share.has('evil')).toBe(false);
  });

  it.each([
    ['a nested map in a case field', (_d: Y.Doc, m: Y.Map<unknown>) => m.set('findings', new Y.Map())],
    ['a Y.Text in a case field', (_d: Y.Doc, m: Y.Map<unknown>) => m.set('findings', new Y.Text('嵌套'))],
    ['an object value', (_d: Y.Doc, m: Y.Map<unknown>) => m.set('findings', { a: 1 })],
    ['an array value', (_d: Y.Doc, m: Y.Map<unknown>) => m.set('findings', [1, 2])],
    ['binary content', (_d: Y.Doc, m: Y.Map<unknown>) => m.set('findings', new Uint8Array([1, 2, 3]))],
    ['a subdocument', (_d: Y.Doc, m: Y.Map<unknown>) => m.set('findings', new Y.Doc())],
    ['a key of 65 characters', (_d: Y.Doc, m: Y.Map<unknown>) => m.set('k'.repeat(65), 'x')],
    ['a new root type', (d: Y.Doc) => d.getMap('spam').set('x', 1)],
    ['an array root', (d: Y.Doc) => d.getArray('spam').push([1, 2, 3])],
    ['a nested map in meta', (d: Y.Doc) => d.getMap('meta').set('x', new Y.Map())],
    [
      'a nested map inside a unit',
      (d: Y.Doc) => (d.getMap('units').get('u-scjg') as Y.Map<unknown>).set('x', new Y.Map()),
    ],
    ['a primitive where a case map belongs', (d: Y.Doc) => d.getMap('cases').set('c-2', 'not a case')],
    [
      'a forged case with a nested field',
      (d: Y.Doc) => {
        const forged = new Y.Map<unknown>();
        forged.set('findings', new Y.Array());
        casesOf(d).set('c-forged', forged as never);
      },
    ],
  ])('SYNC10: %s is refused whole', (_what, fn) => {
    const s = setup();
    expect(verdict(s.server, s.update(fn))).not.toBe('ok');
  });

  it('SYNC10: a key of 64 characters is still the shape (refused later as an unknown field)', () => {
    const s = setup();
    expect(
      verdict(
        s.server,
        s.update((_d, m) => m.set('k'.repeat(64), 'x')),
      ),
    ).toBe('ok');
  });

  it('SYNC10: a sequence where the ledger has the cases map is refused whole', () => {
    const s = setup();
    const rogue = new Y.Doc();
    rogue.getArray('cases').push([1]);
    expect(verdict(s.server, Y.encodeStateAsUpdate(rogue))).not.toBe('ok');
  });

  it('SYNC10: an update whose dependencies the server lacks is refused whole (never left pending)', () => {
    const s = setup();
    s.update((_d, m) => m.set('handler', '一'));
    const second = s.update((_d, m) => m.set('handler', '二'));
    const v = inspectUpdate(s.server, second);
    expect(v.ok).toBe(false);
    expect(v.ok ? '' : v.message).toContain('缺少前置内容');
  });

  it('SYNC10: a delete set reaching past what the server has is refused whole', () => {
    const s = setup();
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, s.server.clientID);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, Y.getState(s.server.store, s.server.clientID));
    encoding.writeVarUint(e, 100_000);
    expect(verdict(s.server, encoding.toUint8Array(e))).not.toBe('ok');
  });

  it('SYNC10: a client listed in two blocks is refused whole; two blocks in a row are read as one, as applied', () => {
    const s = setup();
    const a = s.update((_d, m) => m.set('handler', 'a'));
    const b = s.update((_d, m) => m.set('nextPlan', 'b'));
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(s.server));
    const sv = Y.encodeStateVector(other);
    (casesOf(other).get('c-1') as unknown as Y.Map<unknown>).set('findings', 'c');
    const c = Y.encodeStateAsUpdate(other, sv);
    // each is `1 <block> 0` (one client, no deletes)
    const split = new Uint8Array([3, ...a.slice(1, -1), ...c.slice(1, -1), ...b.slice(1, -1), 0]);
    expect(() => Y.decodeUpdate(split)).not.toThrow();
    expect(verdict(s.server, split)).not.toBe('ok');
    const inRow = new Uint8Array([2, ...a.slice(1, -1), ...b.slice(1, -1), 0]);
    const v = inspectUpdate(s.server, inRow);
    expect(v.ok).toBe(true);
    if (v.ok) Y.applyUpdate(s.server, v.update);
    expect(casesOf(s.server).get('c-1')?.get('nextPlan')).toBe('b');
    expect(casesOf(s.server).get('c-1')?.get('handler')).toBe('a');
  });

  it('SYNC6/SYNC10: an offline edit to a case the server has since removed from the room is harmless (Yjs drops it) and passes', () => {
    const s = setup();
    removeCase(s.server, s.base.id);
    expect(
      verdict(
        s.server,
        s.update((_d, m) => m.set('handler', '离线时写的')),
      ),
    ).toBe('ok');
  });

  it('SYNC10: an undecodable update throws (the transport closes with 1007)', () => {
    const s = setup();
    expect(() => inspectUpdate(s.server, new Uint8Array([1, 2, 3, 250, 250]))).toThrow();
  });
});
