// BIND3 figures: a 10,000-case ledger renders in a handful of syncs under Excel's 5 MB request limit; one change is one write.
import { describe, expect, it } from 'vitest';
import { writeFields } from '../../../shared/ydoc-layout';
import { actors } from '../../shared/fixtures';
import { bound } from './binding-harness';

const EXCEL_REQUEST_LIMIT = 5 * 1024 * 1024;

describe('a 10,000-case ledger', () => {
  it('BIND3: initial render in few context.sync calls, each request well under 5 MB; a remote change is 1 run and 1 range write', async () => {
    const cases = Array.from({ length: 10_000 }, (_, i) => ({
      id: `c-${i + 1}`,
      status: i % 3 === 0 ? 'handling' : 'assigned',
      extra: {
        summary: `企业反映第${i + 1}号问题：${'办理施工许可被反复要求补充材料，'.repeat(4)}`,
        findings: i % 3 === 0 ? '经查属实，已督促整改。'.repeat(5) : null,
      },
    }));
    const s = await bound(actors.office, cases);
    const render = { ...s.workbook.stats };
    console.log(
      `[figures] 10,000-case initial render: ${render.runs} Excel.run, ${render.syncs} context.sync, largest request ${(render.largestRequestBytes / 1024).toFixed(0)} KiB`,
    );
    expect(s.binding.rowOf('c-10000')).toBe(9999);
    expect(s.value(9999, 'summary')).toBe(cases[9999]?.extra.summary);
    expect(render.largestRequestBytes).toBeLessThan(EXCEL_REQUEST_LIMIT / 2);
    expect(render.syncs).toBeLessThanOrEqual(40);

    s.workbook.resetStats();
    writeFields(s.server, 'c-5000', { assignNote: '请于本周内办结' });
    await s.settle();
    console.log(
      `[figures] one remote change on that ledger: ${s.workbook.stats.runs} Excel.run, ${s.workbook.stats.rangeWrites} range write(s), ${s.sent.length} echoes`,
    );
    // one range write into the table, one into the state kept in the workbook (BIND12), in the same Excel.run
    expect([s.workbook.stats.runs, s.workbook.stats.rangeWrites, s.sent.length]).toEqual([1, 2, 0]);
    s.binding.stop();
  }, 120_000);
});
