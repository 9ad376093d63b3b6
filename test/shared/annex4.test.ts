// ANX1: the 12 columns of 附件4 are recovered exactly from the case fields.
import { describe, expect, it } from 'vitest';
import { ANNEX4_HEADERS, annex4Row } from '../../shared/annex4';
import { CO, LEAD, caseIn } from './fixtures';

const names: Record<string, string> = { [LEAD]: '市市场监督管理局', [CO]: '市住房和城乡建设局' };

describe('附件4 ledger row', () => {
  it('ANX1: headers are the 12 columns of 附件4 in order', () => {
    expect(ANNEX4_HEADERS).toEqual([
      '序号',
      '诉求编号',
      '诉求企业',
      '联系人及联系方式',
      '主要诉求',
      '办理单位',
      '联系人及联系方式',
      '办理情况',
      '督办情况',
      '移送纪检监察情况',
      '回访情况',
      '是否办结归档',
    ]);
  });

  it('ANX1: a handled case fills every column from its fields, units by name', () => {
    const c = caseIn('closed', {
      handler: '李四',
      handlerPhone: '0710-6331373',
      findings: '反映问题属实',
      measures: '已当场办结许可',
      supervision: '〔2026〕督1号 2026-10-14 督办',
      visit: '2026-10-20 电话回访：满意',
      archived: '否',
    });
    expect(annex4Row(c, (id) => names[id] ?? null)).toEqual([
      1,
      '〔2026〕1号',
      '枣阳市某某机械有限公司',
      '刘先生 13812345678',
      '办理施工许可被反复要求补充材料',
      '市市场监督管理局（配合：市住房和城乡建设局）',
      '李四 0710-6331373',
      '核查情况：反映问题属实\n办理情况：已当场办结许可',
      '〔2026〕督1号 2026-10-14 督办',
      '',
      '2026-10-20 电话回访：满意',
      '否',
    ]);
  });

  it('ANX1: a case without handling text shows its status; a rejected one its ground', () => {
    expect(annex4Row(caseIn('assigned'), () => null)[7]).toBe('已交办');
    const rejected = caseIn('rejected', { leadUnit: null, coUnits: null, rejectReason: '1.经营主体之间民事纠纷' });
    const row = annex4Row(rejected, () => null);
    expect(row[5]).toBe('');
    expect(row[7]).toBe('不予受理：1.经营主体之间民事纠纷');
  });
});
