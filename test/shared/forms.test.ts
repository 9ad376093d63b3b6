// ANX2–ANX5, ANX7: the forms 附件1–3 as data — the annex's labels in its order, the case's values, blanks to fill in.
import { describe, expect, it } from 'vitest';
import type { FormContext } from '../../shared/forms/assignment';
import { assignmentForm } from '../../shared/forms/assignment';
import type { FormDoc, FormCell } from '../../shared/forms/form';
import { formTexts } from '../../shared/forms/form';
import { HANDLING_DEMAND, handlingForm } from '../../shared/forms/handling';
import { DEFAULT_FORM_NAMES } from '../../shared/forms/names';
import { supervisionForm } from '../../shared/forms/supervision';
import { xmlSafe } from '../../shared/forms/xml-safe';
import { CO, LEAD, caseIn } from './fixtures';

const names: Record<string, string> = { [LEAD]: '市市场监督管理局', [CO]: '市住房和城乡建设局' };
const ctx: FormContext = { names: DEFAULT_FORM_NAMES, unitName: (id) => names[id] ?? null };

const cells = (doc: FormDoc): FormCell[] =>
  doc.blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flatMap((r) => [...r]) : []));
const labels = (doc: FormDoc): string[] =>
  cells(doc)
    .filter((c) => c.label)
    .map((c) => c.text);
/** The value right after a label (the cell the annex leaves for it). */
function valueAfter(doc: FormDoc, labelText: string, nth = 0): string {
  const all = cells(doc);
  const at = all.map((c, i) => (c.label && c.text === labelText ? i : -1)).filter((i) => i >= 0)[nth];
  if (at === undefined) throw new Error(`no label ${labelText}`);
  const next = all.slice(at + 1).find((c) => !c.label);
  return next?.text ?? '';
}

const handled = caseIn('fedBack', {
  code: '〔2026〕15号',
  address: '枣阳市光武大道1号',
  target: '某审批窗口',
  assignNote: '请核实办理',
  handler: '李四',
  handlerPhone: '0710-6331373',
  findings: '反映问题属实',
  measures: '已当场办结许可',
  feedbackAt: '2026-10-12',
  feedbackMethod: '电话',
  companyVerdict: '满意',
});

describe('ANX3: 附件1 交办单', () => {
  it('ANX3: the annex labels in its order, filled from the case, the authority in the stamp line', () => {
    const doc = assignmentForm(handled, ctx);
    expect(doc.title).toBe('枣阳市营商环境投诉问题交办单');
    expect(labels(doc)).toEqual([
      '交办事项',
      '需要办理或协调解决事项',
      '反映企业',
      '企业地址',
      '联系人',
      '联系电话',
      '办理要求',
      '牵头办理部门',
      '交办日期',
      '配合办理部门',
      '办结时限',
      '备注',
    ]);
    expect(doc.blocks[0]).toEqual({
      kind: 'head',
      left: '受理单位（盖章）：枣阳市发展和改革局',
      right: '编号：〔2026〕15号',
    });
    expect(valueAfter(doc, '需要办理或协调解决事项')).toBe('办理施工许可被反复要求补充材料');
    expect(valueAfter(doc, '反映企业')).toBe('枣阳市某某机械有限公司');
    expect(valueAfter(doc, '企业地址')).toBe('枣阳市光武大道1号');
    expect(valueAfter(doc, '联系电话')).toBe('13812345678');
    expect(valueAfter(doc, '牵头办理部门')).toBe('市市场监督管理局');
    expect(valueAfter(doc, '交办日期')).toBe('2026年9月30日');
    expect(valueAfter(doc, '配合办理部门')).toBe('市住房和城乡建设局');
    expect(valueAfter(doc, '办结时限')).toBe('2026年10月13日');
    expect(valueAfter(doc, '备注')).toBe('办理类型：一般诉求\n转办意见：请核实办理');
    expect(formTexts(doc).at(-1)).toBe(
      '注：向承办单位下发《枣阳市营商环境投诉问题交办单》时，同时附《枣阳市营商环境投诉问题受理承办单》、诉求材料。',
    );
    expect(doc.fileName).toBe('枣阳市营商环境投诉问题交办单（〔2026〕15号）.docx');
    expect(doc.asciiFileName).toBe('assignment-2026-15.docx');
  });

  it('ANX3: a consultation shows its 24-hour limit with the hour; a case not yet assigned leaves the cells blank', () => {
    const consult = caseIn('assigned', { kind: 'consult', dueAt: '2026-10-01T10:00:00+08:00' });
    expect(valueAfter(assignmentForm(consult, ctx), '办结时限')).toBe('2026年10月1日 10:00');
    const fresh = caseIn('registered', { leadUnit: null, coUnits: null, kind: null, assignedAt: null, dueAt: null });
    const doc = assignmentForm(fresh, ctx);
    for (const l of ['牵头办理部门', '交办日期', '配合办理部门', '办结时限', '备注'])
      expect(valueAfter(doc, l)).toBe('');
  });

  it('ANX2/CONF10: another city, authority and office appear in the title, the stamp line and the note', () => {
    const other = {
      names: { city: '襄阳市', authority: '襄阳市营商环境建设局', office: '市优化办' },
      unitName: ctx.unitName,
    };
    const doc = assignmentForm(handled, other);
    expect(doc.title).toBe('襄阳市营商环境投诉问题交办单');
    expect(formTexts(doc).join('')).not.toContain('枣阳市营商');
    expect(formTexts(doc)).toContain('受理单位（盖章）：襄阳市营商环境建设局');
    const sheet = supervisionForm(
      handled,
      { code: '〔2026〕督1号', unitId: LEAD, issuedAt: '2026-10-14T09:00:00+08:00', note: '逾期' },
      other,
    );
    expect(formTexts(sheet)).toContain(
      '根据《襄阳市企业诉求“直通车”工作方案》规定，现予以提醒并进行督办，请于5日内将办理结果向市优化办反馈。',
    );
  });
});

describe('ANX4: 附件2 承办单', () => {
  it('ANX4: every row of the annex in its order, the number with 第, the unit fields marked as the unit’s', () => {
    const doc = handlingForm(handled, ctx);
    expect(doc.title).toBe('枣阳市营商环境投诉问题承办单');
    expect(doc.blocks[0]).toEqual({ kind: 'head', left: '承办单位：市市场监督管理局', right: '编号：〔2026〕第15号' });
    expect(labels(doc)).toEqual([
      '时间',
      '问题来源',
      '投诉人',
      '姓名',
      '联系电话',
      '公司名称',
      '投诉对象',
      '诉求',
      '办理单位',
      '单位名称',
      '经办人',
      '联系电话',
      '反映问题摘要',
      '转办意见',
      '办理情况',
      '办理情况',
      '反馈情况',
      '不满意原因',
      '下一步计划',
      '单位签章',
    ]);
    expect(valueAfter(doc, '时间')).toBe('2026年9月28日');
    expect(valueAfter(doc, '问题来源')).toBe('热线电话');
    expect(valueAfter(doc, '姓名')).toBe('刘先生');
    expect(valueAfter(doc, '诉求')).toBe(HANDLING_DEMAND);
    expect(valueAfter(doc, '经办人')).toBe('李四');
    expect(valueAfter(doc, '联系电话', 1)).toBe('0710-6331373');
    expect(valueAfter(doc, '转办意见')).toBe('请核实办理');
    expect(valueAfter(doc, '办理情况', 0)).toBe('一、核查情况\n反映问题属实');
    expect(valueAfter(doc, '办理情况', 1)).toBe('二、办理情况\n已当场办结许可');
    expect(valueAfter(doc, '反馈情况')).toBe(
      '2026年10月12日，办理单位经办人向投诉人以☑电话/□书面方式进行了办理结果反馈，投诉人对办理结果表示☑满意/□不满意。',
    );
    expect(valueAfter(doc, '不满意原因')).toBe('');
    expect(valueAfter(doc, '单位签章')).toBe('市市场监督管理局（签章）\n\n年    月    日');
    expect(cells(doc).filter((c) => c.unitFills === true).length).toBeGreaterThanOrEqual(8);
    expect(formTexts(doc).at(-1)).toBe('备注：红色标注内容需办理单位填写');
  });

  it('ANX4: an unsatisfied written reply ticks 书面 and 不满意 and carries the reason and the plan', () => {
    const c = caseIn('fedBack', {
      feedbackAt: '2026-10-12',
      feedbackMethod: '书面',
      companyVerdict: '不满意',
      writtenReply: '是',
      dissatisfaction: '问题未解决',
      nextPlan: '协调窗口一次性告知',
    });
    const doc = handlingForm(c, ctx);
    expect(valueAfter(doc, '反馈情况')).toBe(
      '（投诉人要求书面反馈）2026年10月12日，办理单位经办人向投诉人以□电话/☑书面方式进行了办理结果反馈，投诉人对办理结果表示□满意/☑不满意。',
    );
    expect(valueAfter(doc, '不满意原因')).toBe('问题未解决');
    expect(valueAfter(doc, '下一步计划')).toBe('协调窗口一次性告知');
  });

  it('ANX4: before the feedback the sentence keeps its blanks and both boxes open', () => {
    const doc = handlingForm(caseIn('handling'), ctx);
    expect(valueAfter(doc, '反馈情况')).toBe(
      '____年__月__日，办理单位经办人向投诉人以□电话/□书面方式进行了办理结果反馈，投诉人对办理结果表示□满意/□不满意。',
    );
    expect(valueAfter(doc, '经办人')).toBe('');
    expect(valueAfter(doc, '办理情况')).toBe('一、核查情况\n');
  });
});

describe('ANX5: 附件3 督办单', () => {
  it('ANX5: number, unit, the case number, the situation, the plan’s sentence, the authority and the date', () => {
    const sheet = {
      code: '〔2026〕督3号',
      unitId: LEAD,
      issuedAt: '2026-10-14T09:00:00+08:00',
      note: '超过办结时限仍未反馈',
    };
    const doc = supervisionForm(handled, sheet, ctx);
    expect(formTexts(doc)).toEqual([
      '枣阳市营商环境投诉问题督办单',
      '编号：〔2026〕督3号',
      '市市场监督管理局：',
      '贵单位在办理编号〔2026〕15号企业诉求问题时出现以下情况：',
      '超过办结时限仍未反馈',
      '根据《枣阳市企业诉求“直通车”工作方案》规定，现予以提醒并进行督办，请于5日内将办理结果向市营商办反馈。',
      '枣阳市发展和改革局',
      '2026年10月14日',
    ]);
    expect(doc.fileName).toBe('枣阳市营商环境投诉问题督办单（〔2026〕督3号）.docx');
    expect(doc.asciiFileName).toBe('supervision-2026-3.docx');
  });
});

describe('ANX7: text XML cannot hold', () => {
  it('ANX7: lone surrogates and control characters become U+FFFD; pairs, tab, LF, CR and CJK stay', () => {
    expect(xmlSafe('a\uD800b\uDC00c\u0000d\u0007e\u001Ff\uFFFF')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFD');
    expect(xmlSafe('😀\t换行\n回车\r=1+1')).toBe('😀\t换行\n回车\r=1+1');
  });
});
