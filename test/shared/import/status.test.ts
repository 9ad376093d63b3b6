// IMP3: the status of a historical row by the written rules, in order, with the round and a reason to review.
import { describe, expect, it } from 'vitest';
import { readArchived } from '../../../shared/import/status';
import { readVisit } from '../../../shared/import/visit';
import type { AnnexRow } from './grids';
import { draftOf } from './grids';

const state = (v: AnnexRow) => {
  const d = draftOf(v);
  return [d.status, d.round, d.review];
};

describe('IMP3: status rules', () => {
  it.each<[string, AnnexRow, string]>([
    ['1 archived: 是', { archived: '是', visit: '2025-11-03电话回访，满意' }, 'archived'],
    ['1 archived: 已归档', { archived: '已归档', visit: '2025-11-03电话回访，满意' }, 'archived'],
    ['1 archived wins over a transfer', { archived: '是', discipline: '2025-12-10移送市纪委监委' }, 'archived'],
    ['2 transferred', { discipline: '2025-12-10移送市纪委监委', visit: '非常不满意' }, 'transferred'],
    ['3 closed: 满意', { handling: '已整改', visit: '2025-11-03电话回访，满意' }, 'closed'],
    ['3 closed: 非常满意', { handling: '已整改', visit: '非常满意' }, 'closed'],
    ['3 closed: 基本满意, not archived', { handling: '已整改', visit: '基本满意', archived: '否' }, 'closed'],
    ['4 unsatisfied: 不满意', { handling: '已解释', visit: '2025-11-10电话回访，不满意（解释不清）' }, 'unsatisfied'],
    ['4 unsatisfied: 非常不满意', { handling: '已解释', visit: '非常不满意' }, 'unsatisfied'],
    ['5 a status label', { handling: '已反馈' }, 'fedBack'],
    ['5 a status label with a full stop', { handling: '已办结。' }, 'closed'],
    ['6 no unit', { units: '', handling: '' }, 'registered'],
    ['6 no unit, 不予受理', { units: '', handling: '不予受理：经营主体之间民事纠纷' }, 'rejected'],
    ['7 no handling text', { handling: '' }, 'assigned'],
    ['8 办理中', { handling: '办理中。' }, 'handling'],
    ['8 正在办理', { handling: '正在办理，已约谈企业' }, 'handling'],
    ['8 已签收', { handling: '已签收' }, 'handling'],
    ['9 a result', { handling: '经查属实，已整改并致歉。' }, 'fedBack'],
  ])('IMP3: rule %s', (_rule, row, status) => {
    expect(state(row)).toEqual([status, 1, null]);
  });

  it('IMP3: 不满意 with 二次办理中 in 办理情况 is handling in round 2', () => {
    expect(state({ handling: '二次办理中。第一次反馈企业不满意。', visit: '2025-11-18回访，不满意' })).toEqual([
      'handling',
      2,
      null,
    ]);
    expect(state({ handling: '再次办理中', visit: '不满意' })).toEqual(['handling', 2, null]);
  });

  it('IMP3: round 2 when 办理情况 mentions 二次办理, or 回访 records 不满意 then a later verdict', () => {
    expect(state({ handling: '二次办理后企业仍不满意', visit: '不满意' })).toEqual(['unsatisfied', 2, null]);
    expect(state({ handling: '已整改', visit: '2025-11-10不满意；2025-12-01再次回访，满意' })).toEqual([
      'closed',
      2,
      null,
    ]);
  });

  it('IMP3: 办理情况 that is a status label is a status, not a text', () => {
    expect(draftOf({ handling: '办理中' }).fields.measures).toBeUndefined();
    expect(draftOf({ handling: '办理中，已约谈' }).fields.measures).toBe('办理中，已约谈');
  });
});

describe('IMP3: verdicts and 是否办结归档', () => {
  it.each([
    ['2025-11-03电话回访，满意', '满意', '电话回访'],
    ['2025-11-03实地回访，基本满意', '基本满意', '实地走访'],
    ['系统评价：非常满意', '非常满意', '系统评价'],
    ['2025-11-10电话回访，不满意（认为政策解释不清）', '不满意', '电话回访'],
    ['2025-12-05回访，非常不满意', '非常不满意', null],
    ['企业对结果满意，满意度高', '满意', null],
    ['比较满意', null, null],
    ['不太满意', null, null],
    ['已回访，企业未表态', null, null],
  ])('IMP3: 回访 %s → %s by %s', (text, verdict, method) => {
    const v = readVisit(text);
    expect([v.verdict, v.method]).toEqual([verdict, method]);
  });

  it('IMP3: the visit date is read from its text', () => {
    expect(readVisit('2025-11-03实地回访，基本满意').date).toBe('2025-11-03');
  });

  it.each([
    ['是', 'yes'],
    ['已归档', 'yes'],
    ['√', 'yes'],
    ['否', 'no'],
    ['', 'no'],
    ['未归档', 'no'],
    ['/', 'no'],
    ['待定', 'unknown'],
    ['已办结', 'unknown'],
  ])('IMP3: 是否办结归档 %s → %s', (text, want) => {
    expect(readArchived(text)).toBe(want);
  });
});

describe('IMP3: rows a person must review', () => {
  it.each<[string, AnnexRow, string, RegExp]>([
    ['回访 text without a verdict', { handling: '已整改', visit: '已回访，企业未表态' }, 'fedBack', /没有可识别的评价/],
    ['a hedged verdict', { handling: '已整改', visit: '比较满意' }, 'fedBack', /没有可识别的评价/],
    ['an unknown 是否办结归档', { handling: '已整改', archived: '待定' }, 'fedBack', /是否办结归档.*无法识别/],
    ['archived but unsatisfied, no transfer', { archived: '是', visit: '不满意' }, 'archived', /回访不满意且未移送/],
    ['archived but still handled', { archived: '是', handling: '办理中' }, 'archived', /仍在办理/],
    ['satisfied but 二次办理中', { handling: '二次办理中', visit: '满意' }, 'closed', /二次办理中/],
    ['a label that needs a unit, no unit', { units: '', handling: '办理中' }, 'handling', /没有办理单位/],
    ['no unit but a handling text', { units: '', handling: '已电话答复企业' }, 'registered', /没有办理单位/],
  ])('IMP3: %s → status by the rules, plus a review reason', (_case, row, status, reason) => {
    const d = draftOf(row);
    expect(d.status).toBe(status);
    expect(d.review).toMatch(reason);
  });

  it('IMP3: 是否办结归档 is stored 是 exactly when the status is archived', () => {
    expect(draftOf({ archived: '已归档' }).fields.archived).toBe('是');
    expect(draftOf({ archived: '待定' }).fields.archived).toBe('否');
    expect(draftOf({ archived: '' }).fields.archived).toBe('否');
  });
});
