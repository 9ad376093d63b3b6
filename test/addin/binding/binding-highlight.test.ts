// Highlighting with the add-in closed: rows turn red and amber from 办结时限 and the computer's clock (BIND30).
import { afterEach, describe, expect, it } from 'vitest';
import { writeFields } from '../../../shared/ydoc-layout';
import { effectiveFill } from '../../excel-sim';
import type { BoundSheet } from './binding-harness';
import { bound, SHEET } from './binding-harness';
import { actors } from '../../shared/fixtures';

const RED = '#FFC7CE';
const AMBER = '#FFEB9C';
let s: BoundSheet | undefined;
afterEach(() => s?.binding.stop());

/** Fill of data row r as Excel shows it at Shanghai time `at`. */
function fillAt(sheet: BoundSheet, at: string, r: number): string | null {
  sheet.workbook.clock.nowMs = Date.parse(at);
  return effectiveFill(sheet.workbook.sheet(SHEET), 2 + r, 2);
}

describe('BIND30: deadline highlighting from 办结时限 and TODAY()/NOW(), with the add-in closed', () => {
  it('BIND30: a row whose 办结时限 passed while the add-in was closed shows red', async () => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling', extra: { dueAt: '2026-10-13T23:59:59+08:00' } }]);
    s.binding.stop();
    expect(fillAt(s, '2026-10-09T09:00:00+08:00', 0)).toBeNull();
    expect(fillAt(s, '2026-10-13T08:00:00+08:00', 0)).toBe(AMBER);
    expect(fillAt(s, '2026-10-16T09:00:00+08:00', 0)).toBe(RED);
  });

  it('BIND30: due-soon skips the weekend (Friday → Monday) and never runs ahead of the server', async () => {
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling', extra: { dueAt: '2026-10-19T23:59:59+08:00' } },
      { id: 'c-2', status: 'assigned', extra: { kind: 'consult', dueAt: '2026-10-13T15:30:20+08:00' } },
    ]);
    s.binding.stop();
    expect(fillAt(s, '2026-10-15T18:00:00+08:00', 0)).toBeNull();
    expect(fillAt(s, '2026-10-16T09:00:00+08:00', 0)).toBe(AMBER);
    expect(fillAt(s, '2026-10-13T11:00:00+08:00', 1)).toBeNull();
    expect(fillAt(s, '2026-10-13T11:40:00+08:00', 1)).toBe(AMBER);
    expect(fillAt(s, '2026-10-13T15:30:50+08:00', 1)).toBe(AMBER);
    expect(fillAt(s, '2026-10-13T15:31:10+08:00', 1)).toBe(RED);
  });

  it('BIND30: only cases under the clock turn; the server’s 预警 stays the first signal', async () => {
    s = await bound(actors.office, [
      { id: 'c-1', status: 'closed', extra: { dueAt: '2026-10-13T23:59:59+08:00' } },
      { id: 'c-2', status: 'handling', extra: { dueAt: '2026-12-31T23:59:59+08:00', warning: 'overdue' } },
      { id: 'c-3', status: 'handling', extra: { dueAt: '2026-10-13T23:59:59+08:00', warning: 'dueSoon' } },
    ]);
    expect(fillAt(s, '2026-10-20T09:00:00+08:00', 0)).toBeNull();
    expect(fillAt(s, '2026-10-20T09:00:00+08:00', 1)).toBe(RED);
    expect(fillAt(s, '2026-10-20T09:00:00+08:00', 2)).toBe(RED);
    writeFields(s.server, 'c-3', { dueAt: '2026-10-30T23:59:59+08:00', warning: 'normal' });
    await s.settle();
    expect(fillAt(s, '2026-10-20T09:00:00+08:00', 2)).toBeNull();
  });
});
