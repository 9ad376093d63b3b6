// BIND42: cells are locked per case as the shared rules say (mayEdit), for this user, and follow status changes.
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMN_OF } from '../../../addin/binding/columns';
import type { FieldId } from '../../../shared/fields';
import { readCase, writeFields } from '../../../shared/ydoc-layout';
import { actors } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

let s: BoundSheet | null = null;
afterEach(() => s?.binding.stop());

const locked = (b: BoundSheet, row: number, field: FieldId): boolean =>
  b.workbook.sheet(SHEET).cell(row + 2, COLUMN_OF.get(field) as number).f.locked;
const HANDLING: FieldId[] = ['handler', 'handlerPhone', 'findings', 'measures', 'feedbackAt', 'nextPlan'];
const REGISTRATION: FieldId[] = ['receivedAt', 'company', 'address', 'contactPhone', 'summary'];

describe('BIND42: locking per case and user', () => {
  it('BIND42: the lead unit may type handling cells only while handling; before 签收 they are locked', async () => {
    s = await bound(actors.lead, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'assigned' },
      { id: 'c-3', status: 'fedBack' },
    ]);
    for (const f of HANDLING)
      expect([f, locked(s, 0, f), locked(s, 1, f), locked(s, 2, f)]).toEqual([f, false, true, true]);
    for (const f of REGISTRATION) expect([f, locked(s, 0, f)]).toEqual([f, true]);
    expect(() => s?.workbook.user.type(SHEET, s.cell(1, 'handler'), '周强')).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    expect(s.workbook.sheet(SHEET).protection).not.toBeNull();
  });

  it('BIND42: after 签收 the row unlocks, after 反馈 it locks again, each in the status write (one unprotect)', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'assigned' }]);
    expect(locked(s, 0, 'handler')).toBe(true);
    s.workbook.resetStats();
    writeFields(s.server, 'c-1', { status: 'handling' });
    await s.settle();
    expect(locked(s, 0, 'handler')).toBe(false);
    expect([s.workbook.stats.runs, s.workbook.stats.unprotects, s.workbook.stats.protects]).toEqual([1, 1, 1]);
    expect(s.workbook.sheet(SHEET).protection).not.toBeNull();
    s.workbook.user.type(SHEET, s.cell(0, 'handler'), '周强');
    await s.settle();
    expect(readCase(s.server, 'c-1')?.fields.handler).toBe('周强');
    writeFields(s.server, 'c-1', { status: 'fedBack' });
    await s.settle();
    for (const f of HANDLING) expect([f, locked(s, 0, f)]).toEqual([f, true]);
    expect(s.refusals).toEqual([]);
  });

  it('BIND42: a cooperating unit types nothing; the office types registration cells until 归档', async () => {
    s = await bound(actors.co, [{ id: 'c-1', status: 'handling' }]);
    for (const f of [...HANDLING, ...REGISTRATION]) expect([f, locked(s, 0, f)]).toEqual([f, true]);
    s.binding.stop();
    const hostile = '=HYPERLINK("http://example.invalid","点我")';
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling', extra: { company: hostile } },
      { id: 'c-2', status: 'archived', extra: { company: hostile } },
    ]);
    for (const f of REGISTRATION) expect([f, locked(s, 0, f), locked(s, 1, f)]).toEqual([f, false, true]);
    for (const f of HANDLING) expect([f, locked(s, 0, f)]).toEqual([f, true]);
    // hostile text stays text, whatever the locking
    expect([s.value(0, 'company'), s.value(1, 'company')]).toEqual([hostile, hostile]);
    expect(s.workbook.cell(SHEET, s.cell(1, 'company')).format.numberFormat).toBe('@');
  });

  it('BIND42: a case archived while the office works locks its row; a new case arrives with its own locking', async () => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling' }]);
    writeFields(s.server, 'c-1', { status: 'archived' });
    await s.settle();
    for (const f of REGISTRATION) expect([f, locked(s, 0, f)]).toEqual([f, true]);
    s.binding.stop();
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    writeFields(s.server, 'c-2', {
      ...readCase(s.server, 'c-1')?.fields,
      status: 'assigned',
      seq: 2,
      code: '〔2026〕2号',
    });
    await s.settle();
    expect([locked(s, 0, 'handler'), locked(s, 1, 'handler')]).toEqual([false, true]);
    expect(s.workbook.sheet(SHEET).protection).not.toBeNull();
  });

  it('BIND42: the server’s change to a cell locked in its row is written on the protected sheet, protected again', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'fedBack' }]);
    expect(locked(s, 0, 'nextPlan')).toBe(true);
    s.workbook.resetStats();
    writeFields(s.server, 'c-1', { nextPlan: '服务器写入的计划' });
    await s.settle();
    expect(s.value(0, 'nextPlan')).toBe('服务器写入的计划');
    expect(locked(s, 0, 'nextPlan')).toBe(true);
    expect([s.workbook.stats.unprotects, s.workbook.stats.protects]).toEqual([1, 1]);
    expect(s.workbook.sheet(SHEET).protection).not.toBeNull();
    expect(s.refusals).toEqual([]);
  });
});
