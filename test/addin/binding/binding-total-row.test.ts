// BIND20: a total row switched on by the office (while the add-in was closed, or since) is never taken for data.
import { afterEach, describe, expect, it } from 'vitest';
import type { Refusal } from '../../../addin/binding/binding';
import { LedgerBinding } from '../../../addin/binding/binding';
import { createOfficeSheet } from '../../../addin/sheet/office-sheet';
import { writeFields } from '../../../shared/ydoc-layout';
import { actors, caseIn } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

let s: BoundSheet | null = null;
let again: LedgerBinding | null = null;
afterEach(() => {
  s?.binding.stop();
  again?.stop();
});

describe('BIND20: total row', () => {
  it('BIND20: a binding started on a table with a total row hides it and keeps every case row', async () => {
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'handling' },
    ]);
    s.binding.stop();
    // the office unprotects the sheet while the add-in is closed and switches the total row on
    s.workbook.sheet(SHEET).protection = null;
    s.workbook.user.setTotalRow('LedgerTable', true);
    const refusals: Refusal[] = [];
    again = await LedgerBinding.start({
      doc: s.local,
      port: createOfficeSheet({ excel: s.excel }),
      actor: actors.office,
      onRefusal: (r) => refusals.push(r),
      reconcileIntervalMs: 0,
    });
    await s.workbook.settle();
    await again.idle();
    const table = s.workbook.findTable('LedgerTable');
    expect(table?.showTotals ?? false).toBe(false);
    expect(table?.rect.rows).toBe(3);
    expect(again.caseAtRow(1)?.id).toBe('c-2');
    expect(refusals).toEqual([]);
  });

  it('BIND20: a total row switched on later is not read as a row: a reconcile neither deletes nor refuses', async () => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling' }]);
    s.workbook.sheet(SHEET).protection = null;
    s.workbook.user.setTotalRow('LedgerTable', true);
    s.workbook.resetStats();
    await s.binding.reconcile();
    await s.settle();
    expect(s.refusals).toEqual([]);
    expect(s.binding.caseAtRow(0)?.id).toBe('c-1');
    expect(s.binding.caseAtRow(1)).toBeNull();
    expect(s.workbook.values(SHEET, 'A4')[0]?.[0]).toBe('Total');
  });

  it('BIND20: a new case arriving while a total row is on is appended as a data row, the total row switched off', async () => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling' }]);
    s.workbook.sheet(SHEET).protection = null;
    s.workbook.user.setTotalRow('LedgerTable', true);
    writeFields(s.server, 'c-2', { ...caseIn('handling').fields, seq: 2, code: '〔2026〕2号' });
    await s.settle();
    expect(s.binding.rowOf('c-2')).toBe(1);
    expect(s.workbook.findTable('LedgerTable')?.showTotals).toBe(false);
    expect(s.workbook.values(SHEET, 'A4')[0]?.[0]).not.toBe('Total');
    expect(s.refusals).toEqual([]);
  });
});
