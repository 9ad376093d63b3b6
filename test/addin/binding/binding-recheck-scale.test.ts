// BIND36 figures: the 30-second re-check of a 10,000-case ledger reads only the id and editable columns.
import { describe, expect, it } from 'vitest';
import { readCase } from '../../../shared/ydoc-layout';
import { actors } from '../../shared/fixtures';
import { bound } from './binding-harness';

describe('the periodic re-check of a 10,000-case ledger', () => {
  it('BIND36: reads the id and editable columns only while the sheet is protected, and still finds a missed edit', async () => {
    const cases = Array.from({ length: 10_000 }, (_, i) => ({
      id: `c-${i + 1}`,
      status: 'handling',
      extra: { summary: `企业反映第${i + 1}号问题：${'办理施工许可被反复要求补充材料，'.repeat(4)}` },
    }));
    const s = await bound(actors.lead, cases);
    s.workbook.resetStats();
    await s.binding.reconcile();
    await s.settle();
    const st = s.workbook.stats;
    const bytes = st.responseBytes.reduce((a, b) => a + b, 0);
    console.log(
      `[figures] re-check of 10,000 cases: ${st.runs} Excel.run, ${st.syncs} context.sync, ${(bytes / 1024 / 1024).toFixed(2)} MiB read`,
    );
    expect(bytes).toBeLessThan(2 * 1024 * 1024);

    s.workbook.dropEvents(1);
    s.workbook.user.type('台账', s.cell(7777, 'findings'), '下拉选择没有触发事件');
    await s.settle();
    await s.binding.reconcile();
    await s.settle();
    expect(readCase(s.server, 'c-7778')?.fields.findings).toBe('下拉选择没有触发事件');
    s.binding.stop();
  }, 120_000);

  it('BIND36: reads the whole table when someone removed the protection, and restores a changed locked cell', async () => {
    const s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    s.workbook.sheet('台账').protection = null;
    s.workbook.dropEvents(1);
    s.workbook.user.type('台账', s.cell(0, 'status'), '已办结');
    await s.settle();
    await s.binding.reconcile();
    await s.settle();
    expect(s.value(0, 'status')).toBe('办理中');
    s.binding.stop();
  });
});
