// IMP2: 诉求编号 in every form offices write it, normalised; missing, unreadable and duplicate codes are problems.
import { describe, expect, it } from 'vitest';
import { readCaseCode } from '../../../shared/import/codes';
import { readLedger } from '../../../shared/import/read-ledger';
import { annexRow, readOne, sheet } from './grids';

describe('IMP2: 诉求编号 forms', () => {
  it.each([
    ['〔2025〕21号', '〔2025〕21号'],
    ['[2025]22号', '〔2025〕22号'],
    ['（2025）23号', '〔2025〕23号'],
    ['(2025)23号', '〔2025〕23号'],
    ['【2025】23号', '〔2025〕23号'],
    ['2025-24', '〔2025〕24号'],
    ['2025－24号', '〔2025〕24号'],
    ['2025年25号', '〔2025〕25号'],
    ['2025年第25号', '〔2025〕25号'],
    [' 〔 2025 〕 24 号 ', '〔2025〕24号'],
    ['〔２０２５〕２４号', '〔2025〕24号'],
    ['［2025］024号', '〔2025〕24号'],
    ['枣营商〔2025〕7号', '〔2025〕7号'],
  ])('IMP2: %s → %s', (raw, want) => {
    expect(readCaseCode(raw)).toBe(want);
  });

  it.each(['', '24', '〔2025〕督5号', '〔25〕3号', '〔1999〕3号', '〔2025〕0号', '2025', 'abc', '2025-11-03'])(
    'IMP2: %s is not a 诉求编号',
    (raw) => {
      expect(readCaseCode(raw)).toBeNull();
    },
  );
});

describe('IMP2: code problems', () => {
  it('IMP2: a missing code is an error (REQUIRED) on its row and column; the row is not a draft', () => {
    const read = readOne({ code: '' });
    expect(read.drafts).toEqual([]);
    expect(read.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'B', code: 'REQUIRED', severity: 'error' }),
    ]);
    expect(read.problems[0]?.message).toMatch(/^第3行 B列（诉求编号）：缺少诉求编号/);
  });

  it('IMP2: an unreadable code is an error (INVALID_INPUT) that quotes it', () => {
    const read = readOne({ code: '第二十一号' });
    expect(read.drafts).toEqual([]);
    expect(read.problems[0]).toMatchObject({ row: 3, column: 'B', code: 'INVALID_INPUT', severity: 'error' });
    expect(read.problems[0]?.message).toContain('第二十一号');
  });

  it('IMP2: a code on two rows of the file (in any form) is a CONFLICT error on both; neither is imported', () => {
    const read = readLedger(
      sheet(annexRow({ code: '〔2025〕3号' }), annexRow({ code: '〔2025〕4号' }), annexRow({ code: '2025-3' })),
    );
    expect(read.drafts.map((d) => d.code)).toEqual(['〔2025〕4号']);
    const conflicts = read.problems.filter((p) => p.code === 'CONFLICT');
    expect(conflicts.map((p) => [p.row, p.severity])).toEqual([
      [3, 'error'],
      [5, 'error'],
    ]);
    expect(conflicts[0]?.message).toContain('与第5行重复');
  });

  it('IMP2: a code already in the ledger is no problem of the reader: the draft is returned, marked known', () => {
    const read = readLedger(sheet(annexRow({ code: '[2025]1号' }), annexRow({ code: '〔2025〕2号' })), {
      knownCodes: new Set(['〔2025〕1号']),
    });
    expect(read.problems).toEqual([]);
    expect(read.drafts.map((d) => [d.code, d.known === true])).toEqual([
      ['〔2025〕1号', true],
      ['〔2025〕2号', false],
    ]);
  });
});
