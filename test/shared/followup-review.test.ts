// What a review of the follow-up branch found (issue 11), each fixed: invisible text, a 书面 reply undone by a cell,
// the category given with the command, 告知企业 before 交办, a stray 移送原因, a company name with a zero-width space.
import { describe, expect, it } from 'vitest';
import { sameCompany } from '../../shared/duplicates';
import { checkCellEdit } from '../../shared/permissions';
import { CATEGORIES } from '../../shared/vocabulary';
import { actors } from './fixtures';
import { applied, caseIn, code, ctx, lead, office, run } from './command-helpers';

describe('VAL8: text that shows nothing, or shows something else', () => {
  it('VAL8: a zero-width space or a BOM is no 情况说明 and no 综合研判 note', () => {
    const c = caseIn('unsatisfied', { explanation: null });
    for (const blank of ['\u200B', ' \u200B\uFEFF ', '\u2060']) {
      expect(code(run(lead, c, 'explain', { text: blank }))).toBe('REQUIRED');
    }
    const explained = caseIn('explained', { round: 2, explanation: '2026-10-11 第2轮情况说明：已解释' });
    expect(
      code(run(office, explained, 'explanation-decision', { decision: 'transfer', ground: '推诿', note: '\u200B' })),
    ).toBe('REQUIRED');
  });

  it('VAL8: a bidi override (which makes a note read unlike what it says) is refused with a Chinese reason', () => {
    const c = caseIn('unsatisfied', { explanation: null });
    const r = run(lead, c, 'explain', { text: '企业已同意\u202E意同不' });
    expect(r.ok ? 'ok' : [r.error.code, r.error.field]).toEqual(['INVALID_INPUT', 'text']);
    expect(r.ok ? '' : r.error.message).toContain('文字方向');
  });
});

describe('WF26/PERM6: the 承办单 once the company asked for a written reply and once it judged it', () => {
  it('WF26: a cell cannot change 反馈方式 away from 书面 when the company asked for a written reply', () => {
    const c = caseIn('handling', { writtenReply: '是', feedbackMethod: '书面' });
    const r = checkCellEdit(actors.lead, c, 'feedbackMethod', '电话', '2026-10-12');
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_CHOICE');
    expect(
      checkCellEdit(actors.lead, caseIn('handling', { writtenReply: '否' }), 'feedbackMethod', '电话', '2026-10-12').ok,
    ).toBe(true);
  });

  it('PERM6: after the company said 不满意 the 承办单 is on record: the unit explains instead of rewriting it', () => {
    const r = checkCellEdit(actors.lead, caseIn('unsatisfied'), 'findings', '改写后的核查情况', '2026-10-12');
    expect(r.ok ? 'ok' : r.error.code).toBe('FIELD_LOCKED_IN_STATUS');
  });
});

describe('WF21: the category may come with 交办 or 即时答复', () => {
  it('WF21: a case without 诉求类别 is accepted over HTTP alone when the command carries one; a bad one is refused', () => {
    const c = caseIn('registered', { category: null });
    const a = applied(run(office, c, 'assign', { leadUnit: 'u-scjg', kind: 'general', category: CATEGORIES[2] }));
    expect(a.changes).toMatchObject({ status: 'assigned', category: CATEGORIES[2] });
    expect(applied(run(office, c, 'answer', { reply: '已答复', category: CATEGORIES[13] })).changes.category).toBe(
      CATEGORIES[13],
    );
    expect(code(run(office, c, 'assign', { leadUnit: 'u-scjg', kind: 'general', category: '15.不存在的类别' }))).toBe(
      'INVALID_CHOICE',
    );
  });
});

describe('WF25, WF23, WF29: small holes', () => {
  it('WF16: the office can supervise a case fed back but not yet visited by its unit', () => {
    const a = applied(run(office, caseIn('fedBack'), 'supervise', { note: '请尽快回访企业' }, ctx(undefined, 3)));
    expect(a.changes.supervisionCount).toBe(1);
  });

  it('WF25: the company cannot have been told of an extension before the case was assigned', () => {
    const c = caseIn('handling');
    const r = run(lead, c, 'extension-request', {
      amount: 2,
      reason: '需现场核查',
      toldOn: '2001-01-01',
      toldBy: '电话',
    });
    expect(r.ok ? 'ok' : [r.error.code, r.error.field]).toEqual(['INVALID_DATE', 'toldOn']);
  });

  it('WF23: a 移送原因 sent with 采纳说明 or 二次办理 is refused, not dropped', () => {
    const explained = caseIn('explained', { explanation: '2026-10-11 第1轮情况说明：已解释' });
    expect(code(run(office, explained, 'explanation-decision', { decision: 'accept', ground: '推诿' }))).toBe(
      'INVALID_INPUT',
    );
  });

  it('WF29: the same company written with a zero-width space or full-width letters is still the same company', () => {
    expect(sameCompany('枣阳市某某机械有限公司', '枣阳市某某\u200B机械有限公司')).toBe(true);
    expect(sameCompany('ＡＢＣ公司', 'abc公司')).toBe(true);
    expect(sameCompany('甲公司', '乙公司')).toBe(false);
  });
});
