// BIND37: a workbook another person edits stops the binding once: no writes, nothing sent under the local user's name.
import { afterEach, describe, expect, it } from 'vitest';
import { readCase, writeFields } from '../../../shared/ydoc-layout';
import { actors } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { bound, SHEET } from './binding-harness';

let s: BoundSheet | undefined;
afterEach(() => s?.binding.stop());

describe('BIND37: co-authoring', () => {
  it('BIND37: a co-author’s edit is never sent as the local user’s, even by the re-check', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    s.workbook.remote.type(SHEET, s.cell(0, 'findings'), '同事在另一台电脑上写的');
    await s.binding.reconcile();
    await s.settle();
    await s.binding.reconcile();
    await s.settle();
    expect(readCase(s.server, 'c-1')?.fields.findings).toBeUndefined();
    expect(s.sent).toEqual([]);
  });

  it('BIND37: exactly one thing happens: the binding stops writing and says so once, however many edits follow', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    s.workbook.remote.type(SHEET, s.cell(0, 'findings'), '第一次');
    await s.settle();
    s.workbook.remote.type(SHEET, s.cell(0, 'findings'), '第二次');
    await s.settle();
    expect(s.coAuthored.count).toBe(1);
    s.workbook.resetStats();
    writeFields(s.server, 'c-1', { status: 'fedBack' });
    s.workbook.user.type(SHEET, s.cell(0, 'measures'), '本人的修改也不再同步');
    await s.settle();
    await new Promise((r) => setTimeout(r, 20));
    expect(s.workbook.stats.runs).toBe(0);
    expect(s.value(0, 'status')).toBe('办理中');
    expect(readCase(s.server, 'c-1')?.fields.measures).toBeUndefined();
  });
});
