// IMP2: formulas never evaluated, formula-looking text kept, records verbatim, lengths and requirements checked.
import { describe, expect, it } from 'vitest';
import { countSupervisions } from '../../../shared/import/supervision';
import { isPlaceholder } from '../../../shared/import/plain';
import { draftOf, readOne } from './grids';

describe('IMP2: formulas and formula-looking text', () => {
  it('IMP2: a formula cell gives its cached value, as plain text', () => {
    const d = draftOf({ company: { formula: '=VLOOKUP(A3,企业!A:B,2,0)', cached: '枣阳市华宇建材有限公司' } });
    expect(d.fields.company).toBe('枣阳市华宇建材有限公司');
    expect(d.original).toContain('诉求企业：枣阳市华宇建材有限公司');
  });

  it('IMP2: a formula without a cached value is kept as its text, never evaluated', () => {
    const d = draftOf({ summary: { formula: '=CONCATENATE("申请","许可")' } });
    expect(d.fields.summary).toBe('=CONCATENATE("申请","许可")');
  });

  it('IMP2: a formula in 诉求编号 gives its cached code; one without a cache stays its text', () => {
    const d = draftOf({
      code: { formula: '="〔2025〕"&ROW()&"号"', cached: '〔2025〕3号' },
      seq: { formula: '=ROW()-2' },
    });
    expect(d.code).toBe('〔2025〕3号');
    expect(d.original).toContain('序号：=ROW()-2');
  });

  it.each(['=HYPERLINK("http://x","点我")', '+86 是总机', '-未定-', '@某某'])('IMP2: text %s stays text', (text) => {
    expect(draftOf({ summary: text }).fields.summary).toBe(text);
  });
});

describe('IMP2: the records of a row', () => {
  it('IMP2: 办理情况, 督办情况, 移送纪检监察情况, 回访情况 are kept verbatim; 督办次数 and 回访结果 are read', () => {
    const d = draftOf({
      handling: '经查属实，已整改。',
      supervision: '2025-10-27督办（〔2025〕督5号）；2025-11-03再次督办（〔2025〕督9号）',
      visit: '2025-11-03实地回访，基本满意',
    });
    expect(d.fields).toMatchObject({
      measures: '经查属实，已整改。',
      supervision: '2025-10-27督办（〔2025〕督5号）；2025-11-03再次督办（〔2025〕督9号）',
      supervisionCount: 2,
      visit: '2025-11-03实地回访，基本满意',
      visitResult: '基本满意',
      archived: '否',
    });
    expect(d.fields.feedbackAt).toBeUndefined();
    expect(d.fields.status).toBeUndefined();
    expect(d.fields.code).toBeUndefined();
  });

  it.each([
    ['〔2025〕督1号', 1],
    ['督3号、督4号', 2],
    ['2025-10-27督办；2025-11-05督办', 2],
    ['已电话催办', 1],
    ['无', 0],
    ['', 0],
  ])('IMP2: 督办情况 %s counts %i', (text, n) => {
    expect(countSupervisions(text)).toBe(n);
  });

  it.each(['无', '暂无', '/', '—', '——', '-', '否', '未回访', '不移送', '无需督办', ' '])(
    'IMP2: %s is a placeholder, stored as nothing',
    (t) => {
      expect(isPlaceholder(t)).toBe(true);
      const d = draftOf({ supervision: t, discipline: t, visit: t });
      expect([d.fields.supervision, d.fields.discipline, d.fields.visit, d.status]).toEqual([
        undefined,
        undefined,
        undefined,
        'assigned',
      ]);
    },
  );

  it('IMP2: 办理情况 in ANX1’s labelled lines is split into 核查情况 and 办理情况', () => {
    const d = draftOf({ handling: '核查情况：经查属实\n办理情况：已整改\n并致歉' });
    expect([d.fields.findings, d.fields.measures]).toEqual(['经查属实', '已整改\n并致歉']);
  });

  it('IMP2: the original keeps every non-empty cell verbatim as header：text lines', () => {
    const d = draftOf({ visit: '2025-11-03回访，满意', archived: '是' });
    expect(d.original).toBe(
      [
        '序号：1',
        '诉求编号：〔2025〕1号',
        '诉求企业：湖北枣阳鑫达汽车零部件有限公司',
        '联系人及联系方式：王立新 13972560001',
        '主要诉求：申请厂房扩建规划许可逾期未受理',
        '办理单位：市财政局',
        '联系人及联系方式：刘科长 0710-6221345',
        '回访情况：2025-11-03回访，满意',
        '是否办结归档：是',
      ].join('\n'),
    );
  });
});

describe('IMP2: lengths, requirements and characters (VAL1–VAL6)', () => {
  it('IMP2: 主要诉求 over 2000 characters is TOO_LONG on its row and column', () => {
    const read = readOne({ summary: '诉'.repeat(2001) });
    expect(read.drafts).toEqual([]);
    expect(read.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'E', code: 'TOO_LONG', severity: 'error' }),
    ]);
    expect(read.problems[0]?.message).toBe('第3行 E列（主要诉求）：“主要诉求”不能超过 2000 字');
  });

  it('IMP2: 核查情况 + 办理情况 over 2000 together is TOO_LONG (VAL4)', () => {
    const read = readOne({ handling: `核查情况：${'查'.repeat(1500)}\n办理情况：${'办'.repeat(600)}` });
    expect(read.problems.map((p) => [p.column, p.code])).toEqual([['H', 'TOO_LONG']]);
  });

  it('IMP2: an empty 诉求企业 or 主要诉求 is an error (REQUIRED)', () => {
    const read = readOne({ company: '', summary: null });
    expect(read.problems.map((p) => [p.column, p.code, p.severity])).toEqual([
      ['C', 'REQUIRED', 'error'],
      ['E', 'REQUIRED', 'error'],
    ]);
  });

  it('IMP2: a control character is refused (INVALID_INPUT)', () => {
    const read = readOne({ summary: '申请\u0007许可' });
    expect(read.problems[0]).toMatchObject({ column: 'E', code: 'INVALID_INPUT' });
  });

  it('IMP2: text is stored trimmed', () => {
    expect(draftOf({ company: '  湖北鼎盛纺织有限公司 \n' }).fields.company).toBe('湖北鼎盛纺织有限公司');
  });
});
