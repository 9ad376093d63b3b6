// The 12 columns of 附件4 (工作台账), derived exactly from the case fields.
import type { CaseData } from './case';
import { coUnitsOf, num, statusOf, text } from './case';
import { STATUS_LABEL } from './vocabulary';

export const ANNEX4_TITLE = '企业诉求“直通车”工作台账';

/** The headers of 附件4, in order. Columns 4 and 7 share a header in the form. */
export const ANNEX4_HEADERS = [
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
] as const;

export type Annex4Row = [number | string, ...string[]];

function joined(parts: readonly (string | null)[], sep: string): string {
  return parts.filter((p): p is string => p !== null && p.trim() !== '').join(sep);
}

/** ANX1: one ledger row of 附件4 for a case; unit ids are shown by name. */
export function annex4Row(c: CaseData, unitName: (id: string) => string | null): Annex4Row {
  const lead = text(c, 'leadUnit');
  const co = coUnitsOf(c).map((id) => unitName(id) ?? id);
  const unit = lead === null ? '' : `${unitName(lead) ?? lead}${co.length > 0 ? `（配合：${co.join('、')}）` : ''}`;
  const handling = joined(
    [
      text(c, 'findings') && `核查情况：${text(c, 'findings')}`,
      text(c, 'measures') && `办理情况：${text(c, 'measures')}`,
      text(c, 'rejectReason') && `不予受理：${text(c, 'rejectReason')}`,
    ],
    '\n',
  );
  return [
    num(c, 'seq') ?? '',
    text(c, 'code') ?? '',
    text(c, 'company') ?? '',
    joined([text(c, 'contactName'), text(c, 'contactPhone')], ' '),
    text(c, 'summary') ?? '',
    unit,
    joined([text(c, 'handler'), text(c, 'handlerPhone')], ' '),
    handling === '' ? STATUS_LABEL[statusOf(c)] : handling,
    text(c, 'supervision') ?? '',
    text(c, 'discipline') ?? '',
    text(c, 'visit') ?? '',
    text(c, 'archived') ?? '否',
  ];
}
