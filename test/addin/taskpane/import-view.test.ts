// IMP6: the preview of an import as plain data: counts, problems in row order (capped), and when 确认导入 is on.
import { describe, expect, it } from 'vitest';
import { MAX_LISTED_PROBLEMS, previewModel, resultText } from '../../../addin/taskpane/import-view';
import type { ImportReport } from '../../../shared/contract/http';

const base: ImportReport = {
  sheet: '台账',
  headerRow: 2,
  rows: 3,
  created: 3,
  unchanged: 0,
  skipped: 0,
  unknownUnits: [],
  toComplete: 1,
  problems: [],
};
const error = (row: number) => ({
  row,
  column: 'B',
  code: 'INVALID_INPUT' as const,
  message: '诉求编号重复',
  severity: 'error' as const,
});
const off = { createUnits: false, skipInvalid: false };

describe('IMP6: the import preview', () => {
  it('lets the office confirm only what would import something', () => {
    expect(previewModel(base, off)).toMatchObject({
      canConfirm: true,
      hint: '确认后新建 3 件诉求；旧台账不会被改动。',
    });
    expect(previewModel({ ...base, created: 0, unchanged: 3 }, off)).toMatchObject({
      canConfirm: false,
      hint: '没有需要新建的诉求。',
    });
    expect(previewModel({ ...base, headerRow: null, created: 0 }, off).canConfirm).toBe(false);
    const bad = { ...base, created: 0, skipped: 3, problems: [error(4), error(4), error(5)] };
    expect(previewModel(bad, off)).toMatchObject({ canConfirm: false, hint: expect.stringContaining('有 2 行有问题') });
    const skipped = { ...base, created: 1, skipped: 2, problems: [error(4), error(5)] };
    expect(previewModel(skipped, { ...off, skipInvalid: true }).canConfirm).toBe(true);
  });

  it('lists problems by row with the cell to jump to, at most MAX_LISTED_PROBLEMS of them', () => {
    const many = Array.from({ length: MAX_LISTED_PROBLEMS + 5 }, (_, i) => error(1000 - i));
    const m = previewModel({ ...base, problems: [...many, { ...error(3), column: null }] }, off);
    expect(m.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(m.more).toBe(6);
    expect(m.problems[0]).toEqual({ cell: 'A3', text: '第 3 行：诉求编号重复', severity: 'error' });
    expect(m.problems[1]?.cell).toBe(`B${1000 - MAX_LISTED_PROBLEMS - 4}`);
    expect(m.counts.map((c) => `${c.label}${c.value}`)).toEqual([
      '数据行3',
      '将新建3',
      '已导入过0',
      '将跳过0',
      '待补全1',
    ]);
    expect(resultText({ ...base, unchanged: 2 })).toBe('导入完成：新建 3 件，待补全 1 件，已导入过 2 件');
  });
});
