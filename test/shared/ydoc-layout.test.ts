// YDOC1: one encoding of cases, units and meta in the Y.Doc, shared by server and add-in.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  casesOf,
  readAllCases,
  readCase,
  readUnits,
  removeCase,
  writeFields,
  writeMeta,
  writeUnit,
} from '../../shared/ydoc-layout';

describe('Y.Doc layout', () => {
  it('YDOC1: fields written on one document are read back on a peer after a Yjs update', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (u: Uint8Array) => Y.applyUpdate(b, u));
    writeFields(a, 'c-1', { seq: 1, company: '某公司', dueAt: null });
    writeUnit(a, 'u-1', '市税务局');
    writeMeta(a, 2026);
    expect(readCase(b, 'c-1')).toEqual({ id: 'c-1', fields: { seq: 1, company: '某公司', dueAt: null } });
    expect(readUnits(b)).toEqual(new Map([['u-1', '市税务局']]));
    expect(b.getMap('meta').toJSON()).toEqual({ schemaVersion: 1, year: 2026 });
  });

  it('YDOC1: rewriting an unchanged value produces no update', () => {
    const a = new Y.Doc();
    writeFields(a, 'c-1', { company: '某公司' });
    let updates = 0;
    a.on('update', () => updates++);
    writeFields(a, 'c-1', { company: '某公司' });
    expect(updates).toBe(0);
    writeFields(a, 'c-1', { company: '新公司' });
    expect(updates).toBe(1);
  });

  it('YDOC1: non-primitive values are not field values; removed cases are gone', () => {
    const a = new Y.Doc();
    writeFields(a, 'c-1', { company: 'x' });
    (casesOf(a).get('c-1') as Y.Map<unknown>).set('company', new Y.Map() as never);
    expect(readCase(a, 'c-1')?.fields).toEqual({});
    removeCase(a, 'c-1');
    expect(readAllCases(a)).toEqual([]);
    expect(readCase(a, 'c-1')).toBeNull();
  });
});
