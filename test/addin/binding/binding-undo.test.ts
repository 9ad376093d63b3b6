// Undo survives remote updates that need no protection change; a flush protects and unprotects at most once (BIND32).
import { afterEach, describe, expect, it } from 'vitest';
import { writeFields } from '../../../shared/ydoc-layout';
import { actors } from '../../shared/fixtures';
import { readyHarness } from '../sheet/harness';
import { ledgerRows } from '../sheet/ledger-fixture';
import type { BoundSheet } from './binding-harness';
import { bound } from './binding-harness';

let s: BoundSheet | undefined;
afterEach(() => s?.binding.stop());

function protections(sheet: BoundSheet): { protects: number; unprotects: number } {
  return { protects: sheet.workbook.stats.protects, unprotects: sheet.workbook.stats.unprotects };
}

describe('BIND32: protect/unprotect (each clears Excel’s undo stack) only where a write needs it', () => {
  it('BIND32: a remote update of locked cells unprotects and protects once; one of unlocked cells not at all', async () => {
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'handling' },
    ]);
    s.workbook.resetStats();
    writeFields(s.server, 'c-1', { company: '改名后的企业', address: '新地址' });
    writeFields(s.server, 'c-2', { company: '另一家企业' });
    await s.settle();
    expect(s.value(0, 'company')).toBe('改名后的企业');
    expect(protections(s)).toEqual({ protects: 0, unprotects: 0 });

    writeFields(s.server, 'c-1', { status: 'fedBack', company: '第三个名字' });
    writeFields(s.server, 'c-2', { status: 'fedBack' });
    await s.settle();
    expect(s.value(1, 'status')).toBe('已反馈');
    expect(protections(s)).toEqual({ protects: 1, unprotects: 1 });
    expect(s.workbook.sheet('台账').protection).not.toBeNull();
  });

  it('BIND32: a flush sent in several requests still unprotects and protects once', async () => {
    const h = await readyHarness({ port: { requestBudgetBytes: 4000 } });
    await h.port.write({ cells: [], rows: [], append: ledgerRows(40), remove: [] });
    expect(h.workbook.stats.syncs).toBeGreaterThan(3);
    expect({ protects: h.workbook.stats.protects, unprotects: h.workbook.stats.unprotects }).toEqual({
      protects: 1,
      unprotects: 1,
    });
    expect(h.workbook.sheet('台账').protection).not.toBeNull();
  });
});
