// BIND11: a sorted table: writes reach the right cases, the re-check sends nothing, sorting by 办结时限 works.
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMN_OF, ID_COLUMN, TABLE_NAME } from '../../../addin/binding/columns';
import { casesOf, readCase, writeFields } from '../../../shared/ydoc-layout';
import { columnLetters } from '../../excel-sim';
import { actors } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

let s: BoundSheet | null = null;
afterEach(() => s?.binding.stop());

const DUE = COLUMN_OF.get('dueAt') as number;
const three = [
  { id: 'c-1', status: 'handling', extra: { dueAt: '2026-10-20T23:59:59+08:00' } },
  { id: 'c-2', status: 'handling', extra: { dueAt: '2026-10-05T23:59:59+08:00' } },
  { id: 'c-3', status: 'handling', extra: { dueAt: '2026-10-12T23:59:59+08:00' } },
];
const idAt = (b: BoundSheet, row: number) => b.workbook.values(SHEET, `${columnLetters(ID_COLUMN)}${row + 3}`)[0]?.[0];
const rowOfId = (b: BoundSheet, id: string) => [0, 1, 2].find((r) => idAt(b, r) === id) as number;

describe('BIND11: sorting', () => {
  it('BIND11: after a sort of the unprotected table remote writes reach the right cases; the re-check sends nothing', async () => {
    s = await bound(actors.lead, three);
    s.workbook.sheet(SHEET).protection = null; // someone removed the protection (Review ▸ Unprotect Sheet)
    s.workbook.user.sortTable(TABLE_NAME, DUE, true);
    expect([0, 1, 2].map((r) => idAt(s!, r))).toEqual(['c-2', 'c-3', 'c-1']);
    writeFields(s.server, 'c-1', {
      company: '新名称一',
      summary: '新诉求一',
      contactName: '王',
      contactPhone: '13900000000',
    });
    writeFields(s.server, 'c-3', { handler: '周强' });
    await s.settle();
    await s.binding.reconcile();
    await s.settle();
    expect(s.value(rowOfId(s, 'c-1'), 'company')).toBe('新名称一');
    expect(s.value(rowOfId(s, 'c-3'), 'handler')).toBe('周强');
    expect(s.value(rowOfId(s, 'c-2'), 'company')).toBe('枣阳市某某机械有限公司');
    expect(s.value(rowOfId(s, 'c-2'), 'handler') ?? '').toBe('');
    expect(readCase(s.server, 'c-2')?.fields.company).toBe('枣阳市某某机械有限公司');
    expect(s.sent).toEqual([]);
  });

  it('BIND11: a case deleted on the server after a sort removes its own row, not the row now at its old position', async () => {
    s = await bound(actors.lead, three);
    s.workbook.sheet(SHEET).protection = null;
    // the deletion arrives first, the sort right after: the write runs before the onRowSorted event is handled
    s.server.transact(() => casesOf(s!.server).delete('c-2'));
    s.workbook.user.sortTable(TABLE_NAME, DUE, false);
    expect([0, 1, 2].map((r) => idAt(s!, r))).toEqual(['c-1', 'c-3', 'c-2']);
    await s.settle();
    await s.binding.reconcile();
    await s.settle();
    expect([0, 1].map((r) => idAt(s!, r)).sort()).toEqual(['c-1', 'c-3']);
    expect(s.refusals).toEqual([]); // c-3's row was never deleted, so nothing had to be restored
    expect(s.sent).toEqual([]);
  });

  it('BIND11: the user cannot sort the protected table; sorting by 办结时限 through the binding works and stays protected', async () => {
    s = await bound(actors.lead, three);
    expect(() => s!.workbook.user.sortTable(TABLE_NAME, DUE, true)).toThrow(/protected/i);
    await s.binding.sortByDue();
    await s.settle();
    expect([0, 1, 2].map((r) => idAt(s!, r))).toEqual(['c-2', 'c-3', 'c-1']);
    expect(s.binding.caseAtRow(0)?.id).toBe('c-2');
    expect(s.workbook.sheet(SHEET).protection).not.toBeNull();
    writeFields(s.server, 'c-1', { handler: '李四' });
    await s.settle();
    expect(s.value(2, 'handler')).toBe('李四');
    s.workbook.user.type(SHEET, s.cell(0, 'findings'), '核查属实');
    await s.settle();
    expect(readCase(s.server, 'c-2')?.fields.findings).toBe('核查属实');
    expect(s.refusals).toEqual([]);
  });
});
