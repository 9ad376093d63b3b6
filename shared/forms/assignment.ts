// ANX3: 附件1 枣阳市营商环境投诉问题交办单 — the office hands a case to its lead unit, row by row as the annex.
import type { CaseData } from '../case';
import { coUnitsOf, kindOf, text } from '../case';
import { KIND_LABEL } from '../vocabulary';
import type { FormDoc } from './form';
import { asciiCode, chineseDate, chineseDateTime, label, value } from './form';
import type { FormNames } from './names';

/** What every form needs besides the case: the configured names and unit ids → names. */
export interface FormContext {
  readonly names: FormNames;
  readonly unitName: (id: string) => string | null;
}

export const unitNameOf = (ctx: FormContext, id: string | null): string =>
  id === null ? '' : (ctx.unitName(id) ?? id);

/** 办结时限 as the unit reads it: the day (咨询类: day and hour, 24 hours), with a provisional note when there is one. */
function dueText(c: CaseData): string {
  const due = text(c, 'dueAt');
  const shown = kindOf(c) === 'consult' ? chineseDateTime(due) : chineseDate(due);
  const note = text(c, 'dueNote');
  return shown === '' || note === null ? shown : `${shown}（${note}）`;
}

/** 备注: the kind of case and the office's 办理要求 (转办意见), which 附件1 has no row of their own for. */
function remarks(c: CaseData): string {
  const kind = kindOf(c);
  return [
    kind === null ? null : `办理类型：${KIND_LABEL[kind]}`,
    text(c, 'assignNote') && `转办意见：${text(c, 'assignNote')}`,
  ]
    .filter((s): s is string => s !== null)
    .join('\n');
}

/**
 * ANX3: the head (受理单位（盖章）: the authority, the stamp goes over it; 编号 the 诉求编号), then 交办事项, 需要办理或协调解决事项,
 * 反映企业, 企业地址, 联系人/联系电话, 办理要求 over 牵头办理部门/交办日期 and 配合办理部门/办结时限, 备注, and the 注.
 */
export function assignmentForm(c: CaseData, ctx: FormContext): FormDoc {
  const { city, authority } = ctx.names;
  const code = text(c, 'code');
  const title = `${city}营商环境投诉问题交办单`;
  const co = coUnitsOf(c).map((id) => unitNameOf(ctx, id));
  return {
    title,
    fileName: `${title}${code === null ? '' : `（${code}）`}.docx`,
    asciiFileName: `assignment-${asciiCode(code)}.docx`,
    blocks: [
      { kind: 'head', left: `受理单位（盖章）：${authority}`, right: `编号：${code ?? ''}` },
      {
        kind: 'table',
        widths: [13, 18, 25, 16, 28],
        rows: [
          [label('交办事项', 5)],
          [label('需要办理或协调解决事项', 2), value(text(c, 'summary'), 3, { lines: 4 })],
          [label('反映企业', 2), value(text(c, 'company'), 3)],
          [label('企业地址', 2), value(text(c, 'address'), 3)],
          [label('联系人', 2), value(text(c, 'contactName')), label('联系电话'), value(text(c, 'contactPhone'))],
          [
            label('办理要求', 1, 2),
            label('牵头办理部门'),
            value(unitNameOf(ctx, text(c, 'leadUnit'))),
            label('交办日期'),
            value(chineseDate(text(c, 'assignedAt'))),
          ],
          [label('配合办理部门'), value(co.join('、')), label('办结时限'), value(dueText(c))],
          [label('备注', 2), value(remarks(c), 3, { lines: 2 })],
        ],
      },
      {
        kind: 'text',
        align: 'left',
        note: true,
        text: `注：向承办单位下发《${city}营商环境投诉问题交办单》时，同时附《${city}营商环境投诉问题受理承办单》、诉求材料。`,
      },
    ],
  };
}
