// ANX5: 附件3 枣阳市营商环境投诉问题督办单 — a numbered reminder from the issuing authority to the lead unit.
import type { CaseData } from '../case';
import { text } from '../case';
import type { FormContext } from './assignment';
import type { FormDoc } from './form';
import { asciiCode, chineseDate } from './form';

/** One issued 督办单 as the store keeps it (WF16): its number, the unit it went to, when, and the situation. */
export interface SupervisionSheet {
  readonly code: string;
  readonly unitId: string;
  readonly issuedAt: string;
  readonly note: string;
}

/**
 * ANX5: 编号〔year〕督n号; the unit; 贵单位在办理编号〔year〕n号企业诉求问题时出现以下情况: the situation; the plan's sentence
 * (…请于5日内将办理结果向市营商办反馈); the issuing authority and the date of issue, right-aligned for its stamp.
 */
export function supervisionForm(c: CaseData, sheet: SupervisionSheet, ctx: FormContext): FormDoc {
  const { city, authority, office } = ctx.names;
  const title = `${city}营商环境投诉问题督办单`;
  const unit = ctx.unitName(sheet.unitId) ?? sheet.unitId;
  return {
    title,
    fileName: `${title}（${sheet.code}）.docx`,
    asciiFileName: `supervision-${asciiCode(sheet.code)}.docx`,
    blocks: [
      { kind: 'text', align: 'left', text: `编号：${sheet.code}` },
      { kind: 'text', align: 'left', text: `${unit}：` },
      { kind: 'text', align: 'indent', text: `贵单位在办理编号${text(c, 'code') ?? ''}企业诉求问题时出现以下情况：` },
      { kind: 'text', align: 'indent', text: sheet.note },
      {
        kind: 'text',
        align: 'indent',
        text: `根据《${city}企业诉求“直通车”工作方案》规定，现予以提醒并进行督办，请于5日内将办理结果向${office}反馈。`,
      },
      { kind: 'text', align: 'right', text: authority },
      { kind: 'text', align: 'right', text: chineseDate(sheet.issuedAt) },
    ],
  };
}
