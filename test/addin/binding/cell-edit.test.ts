// BIND37 in cell-edit.ts: a stopped binding takes no cell into the Y.Doc, whichever path found the edit.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Refusal } from '../../../addin/binding/cell-edit';
import { takeCellEdit } from '../../../addin/binding/cell-edit';
import { COLUMN_OF, rowOf } from '../../../addin/binding/columns';
import { SheetModel, emptyBatch } from '../../../addin/binding/sheet-model';
import { readCase, readUnits, writeFields, writeUnit } from '../../../shared/ydoc-layout';
import { LEAD, actors, caseIn } from '../../shared/fixtures';

function setup(stopped: boolean) {
  const doc = new Y.Doc();
  writeUnit(doc, LEAD, '市市场监督管理局');
  writeFields(doc, 'c-1', { ...caseIn('handling').fields, seq: 1, code: '〔2026〕1号' });
  const c = readCase(doc, 'c-1');
  if (c === null) throw new Error('no case');
  const units = readUnits(doc);
  const row = rowOf(c, (id) => units.get(id) ?? null);
  const model = new SheetModel();
  model.adopt([row]);
  model.remember('c-1', row);
  const refusals: Refusal[] = [];
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const x = {
    doc,
    actor: actors.lead,
    model,
    now: () => Date.parse('2026-03-02T02:00:00Z'),
    onRefusal: (r: Refusal) => refusals.push(r),
    stopped: () => stopped,
  };
  return { doc, x, refusals, updates };
}

describe('BIND37: takeCellEdit on a stopped binding', () => {
  const col = COLUMN_OF.get('findings') as number;

  it('BIND37: an allowed edit goes into the Y.Doc while the binding runs', () => {
    const { doc, x, updates } = setup(false);
    expect(takeCellEdit(x, 'c-1', 0, col, '核实情况', emptyBatch())).toBe(true);
    expect(readCase(doc, 'c-1')?.fields.findings).toBe('核实情况');
    expect(updates).toHaveLength(1);
  });

  it('BIND37: once stopped, the same edit never reaches the Y.Doc', () => {
    const { doc, x, updates, refusals } = setup(true);
    expect(takeCellEdit(x, 'c-1', 0, col, '同事写的', emptyBatch())).toBe(false);
    expect(readCase(doc, 'c-1')?.fields.findings).toBeUndefined();
    expect(updates).toEqual([]);
    expect(refusals).toEqual([]);
  });
});
