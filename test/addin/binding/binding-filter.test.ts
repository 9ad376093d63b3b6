// BIND22: with the table filtered the binding keeps writing values by case id and defers added and removed rows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Refusal } from '../../../addin/binding/binding';
import { LedgerBinding } from '../../../addin/binding/binding';
import { ID_COLUMN } from '../../../addin/binding/columns';
import { createOfficeSheet } from '../../../addin/sheet/office-sheet';
import { casesOf, writeFields } from '../../../shared/ydoc-layout';
import { columnLetters } from '../../excel-sim';
import { actors, caseIn } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

let s: BoundSheet | null = null;
afterEach(() => {
  s?.binding.stop();
  vi.useRealTimers();
});

describe('BIND22: a filtered table', () => {
  it('BIND22: values land in their case’s (hidden) row, rows wait for the filter to go, one notice, no retry storm', async () => {
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'handling' },
      { id: 'c-3', status: 'handling' },
    ]);
    const b = s;
    // the office filters the table to c-1: rows of c-2 and c-3 are hidden
    b.workbook.user.filterTable('LedgerTable', ID_COLUMN, ['c-1']);
    expect(b.workbook.sheet(SHEET).filteredRows).toEqual(new Set([3, 4]));
    vi.useFakeTimers();
    const before = b.binding.counters.hostCalls;
    writeFields(b.server, 'c-2', { handler: '周强' });
    writeFields(b.server, 'c-4', { ...caseIn('handling').fields, seq: 4, code: '〔2026〕4号' });
    casesOf(b.server).delete('c-3');
    await vi.advanceTimersByTimeAsync(120_000);
    const calls = b.binding.counters.hostCalls - before;
    console.log(`[figures] filtered table, 120 s: ${calls} host calls`);
    expect(b.value(1, 'handler')).toBe('周强');
    expect(b.workbook.findTable('LedgerTable')?.rect.rows).toBe(4);
    expect(b.refusals.map((r) => r.code)).toEqual(['CONFLICT']);
    expect(b.refusals[0]?.message).toMatch(/筛选/);
    expect(calls).toBeLessThanOrEqual(8);

    // the filter goes: the deferred rows follow within the retry interval, without another notice
    b.workbook.user.filterTable('LedgerTable', 0, null);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(b.binding.rowOf('c-4')).not.toBeNull();
    expect(b.binding.rowOf('c-3')).toBeNull();
    expect(
      b.workbook
        .values(SHEET, `A2:A10`)
        .flat()
        .filter((v) => v !== '').length,
    ).toBe(4);
    expect(b.refusals).toHaveLength(1);
  });
});

describe('BIND22: starting on a filtered table', () => {
  it('BIND22: a binding starts on a filtered table holding a stray row, keeps the row and says why once', async () => {
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'handling' },
    ]);
    const b = s;
    b.binding.stop();
    b.workbook.sheet(SHEET).protection = null;
    b.workbook.user.type(SHEET, `${columnLetters(ID_COLUMN)}4`, 'c-unknown');
    b.workbook.user.filterTable('LedgerTable', ID_COLUMN, ['c-unknown']);
    const refusals: Refusal[] = [];
    const again = await LedgerBinding.start({
      doc: b.local,
      port: createOfficeSheet({ excel: b.excel }),
      actor: actors.office,
      onRefusal: (r) => refusals.push(r),
      reconcileIntervalMs: 0,
    });
    await again.idle();
    again.stop();
    // BIND12: c-2's row was overwritten while the binding was stopped; the kept state reports it as deleted
    expect(refusals.map((r) => [r.code, r.caseId])).toEqual([
      ['CONFLICT', null],
      ['CASE_DELETE_FORBIDDEN', 'c-2'],
    ]);
    expect(b.workbook.values(SHEET, `${columnLetters(ID_COLUMN)}3:${columnLetters(ID_COLUMN)}4`)).toEqual([
      ['c-1'],
      ['c-unknown'],
    ]);
  });
});
