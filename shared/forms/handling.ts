// ANX4: 附件2 枣阳市营商环境投诉问题承办单 — the lead unit's report on a case, every row of the annex in its order.
import type { CaseData } from '../case';
import { text } from '../case';
import type { FormContext } from './assignment';
import { unitNameOf } from './assignment';
import type { FormCell, FormDoc } from './form';
import { asciiCode, chineseDate, label, value } from './form';

/** 附件2's 诉求 row: the annex prints this sentence; a case has no field of its own for it. */
export const HANDLING_DEMAND = '希望相关单位能解决问题，维护企业合法经营权益。';
export const TICKED = '☑';
export const UNTICKED = '□';

const tick = (chosen: string | null, option: string): string => `${chosen === option ? TICKED : UNTICKED}${option}`;

/**
 * 反馈情况: the annex's sentence with the real date, method and verdict ticked; blanks (____年__月__日, both boxes
 * open) while the unit has not fed back. A company that asked for a written reply is named first.
 */
export function feedbackSentence(c: CaseData): string {
  const date = chineseDate(text(c, 'feedbackAt')) || '____年__月__日';
  const method = text(c, 'feedbackMethod');
  const verdict = text(c, 'companyVerdict');
  const asked = text(c, 'writtenReply') === '是' ? '（投诉人要求书面反馈）' : '';
  return (
    `${asked}${date}，办理单位经办人向投诉人以${tick(method, '电话')}/${tick(method, '书面')}方式进行了办理结果反馈，` +
    `投诉人对办理结果表示${tick(verdict, '满意')}/${tick(verdict, '不满意')}。`
  );
}

const unitValue = (t: string | null, span = 1, lines = 1): FormCell => value(t, span, { unitFills: true, lines });

/** 〔2026〕15号 → 〔2026〕第15号, as 附件2 numbers its forms. */
export function handlingNumber(code: string | null): string {
  return code === null ? '' : code.replace(/〕(\d+)号$/, '〕第$1号');
}

/**
 * ANX4: head 承办单位 / 编号〔year〕第n号; 时间, 问题来源, 投诉人 姓名/联系电话, 公司名称, 投诉对象, 诉求, 办理单位 (单位名称,
 * 经办人, 联系电话), 反映问题摘要, 转办意见, 办理情况 (一、核查情况; 二、办理情况), 反馈情况, 不满意原因, 下一步计划, 单位签章
 * (the unit's name, blank for the stamp and its date), and the annex's 备注.
 */
export function handlingForm(c: CaseData, ctx: FormContext): FormDoc {
  const code = text(c, 'code');
  const unit = unitNameOf(ctx, text(c, 'leadUnit'));
  const title = `${ctx.names.city}营商环境投诉问题承办单`;
  const findings = text(c, 'findings');
  const measures = text(c, 'measures');
  return {
    title,
    fileName: `${title}${code === null ? '' : `（${code}）`}.docx`,
    asciiFileName: `handling-${asciiCode(code)}.docx`,
    blocks: [
      { kind: 'head', left: `承办单位：${unit}`, right: `编号：${handlingNumber(code)}` },
      {
        kind: 'table',
        widths: [12, 14, 30, 14, 30],
        rows: [
          [label('时间', 2), value(chineseDate(text(c, 'receivedAt'))), label('问题来源'), value(text(c, 'channel'))],
          [
            label('投诉人'),
            label('姓名'),
            value(text(c, 'contactName')),
            label('联系电话'),
            value(text(c, 'contactPhone')),
          ],
          [label('公司名称', 2), value(text(c, 'company'), 3)],
          [label('投诉对象', 2), value(text(c, 'target'), 3)],
          [label('诉求', 2), value(HANDLING_DEMAND, 3)],
          [label('办理单位', 1, 2), label('单位名称'), unitValue(unit), label('经办人'), unitValue(text(c, 'handler'))],
          [label('联系电话'), unitValue(text(c, 'handlerPhone'), 3)],
          [label('反映问题摘要', 2), value(text(c, 'summary'), 3, { lines: 3 })],
          [label('转办意见', 2), value(text(c, 'assignNote'), 3, { lines: 2 })],
          [label('办理情况', 2), unitValue(`一、核查情况\n${findings ?? ''}`, 3, 4)],
          [label('办理情况', 2), unitValue(`二、办理情况\n${measures ?? ''}`, 3, 4)],
          [label('反馈情况', 2), unitValue(feedbackSentence(c), 3, 2)],
          [label('不满意原因', 2), unitValue(text(c, 'dissatisfaction'), 3, 2)],
          [label('下一步计划', 2), unitValue(text(c, 'nextPlan'), 3, 2)],
          [label('单位签章', 2), unitValue(`${unit}（签章）\n\n年    月    日`, 3, 3)],
        ],
      },
      { kind: 'text', align: 'left', note: true, text: '备注：红色标注内容需办理单位填写' },
    ],
  };
}
