// The case fields of VAL1/VAL4: id, Chinese header, owner, value type, choices and length limits.
import {
  CATEGORIES,
  CHANNELS,
  COMPANY_VERDICTS,
  EXPLANATION_DECISIONS,
  FEEDBACK_METHODS,
  KINDS,
  STATUSES,
  TRANSFER_GROUNDS,
  VISIT_RESULTS,
  WARNINGS,
  YES_NO,
} from './vocabulary';

/** Who may write the field by editing a cell: `server` fields change only through commands. */
export type FieldOwner = 'server' | 'office' | 'lead';

/**
 * Value types. Everything is stored as a Y.Doc primitive:
 * text/date/time/choice/phone/unit/units as strings, int as a number, null when empty.
 */
export type FieldType = 'text' | 'date' | 'time' | 'choice' | 'phone' | 'int' | 'unit' | 'units';

export interface FieldDef {
  readonly id: string;
  readonly header: string;
  readonly owner: FieldOwner;
  readonly type: FieldType;
  readonly required?: boolean;
  /** Maximum length in characters (text fields). */
  readonly max?: number;
  readonly choices?: readonly string[];
  /** Technical field kept for the workflow; shown after the design's columns. */
  readonly technical?: boolean;
}

const f = (
  id: string,
  header: string,
  owner: FieldOwner,
  type: FieldType,
  extra: Partial<FieldDef> = {},
): FieldDef => ({ id, header, owner, type, ...extra });

/** Every field, in sheet order after the 附件4 columns are placed first (see annex4.ts). */
export const FIELDS = [
  f('seq', '序号', 'server', 'int'),
  f('code', '诉求编号', 'server', 'text', { max: 20 }),
  f('receivedAt', '受理日期', 'office', 'date', { required: true }),
  f('channel', '问题来源', 'office', 'choice', { required: true, choices: CHANNELS }),
  f('company', '诉求企业', 'office', 'text', { required: true, max: 100 }),
  f('address', '企业地址', 'office', 'text', { max: 200 }),
  f('contactName', '联系人', 'office', 'text', { required: true, max: 50 }),
  f('contactPhone', '联系电话', 'office', 'phone', { required: true, max: 60 }),
  f('target', '投诉对象', 'office', 'text', { max: 200 }),
  f('summary', '主要诉求', 'office', 'text', { required: true, max: 2000 }),
  // WF4/WF21: optional at 登记 (a case refused as 不予受理 has no accepted-scope category); 交办/即时答复 need it
  f('category', '诉求类别', 'office', 'choice', { choices: CATEGORIES }),
  f('kind', '办理类型', 'server', 'choice', { choices: KINDS }),
  f('status', '状态', 'server', 'choice', { choices: STATUSES }),
  f('leadUnit', '办理单位', 'server', 'unit'),
  f('coUnits', '配合单位', 'server', 'units'),
  f('assignNote', '办理要求', 'server', 'text', { max: 1000 }),
  f('assignedAt', '交办日期', 'server', 'time'),
  f('dueAt', '办结时限', 'server', 'time'),
  f('warning', '预警', 'server', 'choice', { choices: WARNINGS }),
  f('handler', '经办人', 'lead', 'text', { max: 50 }),
  f('handlerPhone', '经办人电话', 'lead', 'phone', { max: 60 }),
  f('findings', '核查情况', 'lead', 'text', { max: 2000 }),
  f('measures', '办理情况', 'lead', 'text', { max: 2000 }),
  f('feedbackAt', '反馈日期', 'lead', 'date'),
  f('feedbackMethod', '反馈方式', 'lead', 'choice', { choices: FEEDBACK_METHODS }),
  f('companyVerdict', '企业意见', 'lead', 'choice', { choices: COMPANY_VERDICTS }),
  f('dissatisfaction', '不满意原因', 'lead', 'text', { max: 500 }),
  f('nextPlan', '下一步计划', 'lead', 'text', { max: 500 }),
  f('coOpinions', '配合单位意见', 'server', 'text', { max: 10000 }),
  f('extension', '延期情况', 'server', 'text', { max: 2000 }),
  f('supervision', '督办情况', 'server', 'text', { max: 4000 }),
  f('discipline', '移送纪检监察情况', 'server', 'text', { max: 2000 }),
  f('visit', '回访情况', 'server', 'text', { max: 2000 }),
  f('round', '办理轮次', 'server', 'int'),
  f('rejectReason', '不予受理理由', 'server', 'text', { max: 600 }),
  f('archived', '是否办结归档', 'server', 'choice', { choices: YES_NO }),
  // 四(五)/四(六) follow-up: the company asked for a written reply (附件2), the unit's explanation, the office's 回头看
  f('writtenReply', '要求书面答复', 'server', 'choice', { choices: YES_NO }),
  f('explanation', '情况说明', 'server', 'text', { max: 20000 }),
  f('spotCheck', '回头看情况', 'server', 'text', { max: 10000 }),
  // technical fields the workflow needs; server-owned, shown at the end of the sheet
  f('dueNote', '时限说明', 'server', 'text', { technical: true, max: 200 }),
  f('returnReason', '退回理由', 'server', 'text', { technical: true, max: 500 }),
  f('extensionPending', '待批延期', 'server', 'int', { technical: true }),
  f('extensionGranted', '已批延期', 'server', 'int', { technical: true }),
  f('fedBackAt', '反馈提交时间', 'server', 'time', { technical: true }),
  f('visitResult', '回访结果', 'server', 'choice', { technical: true, choices: VISIT_RESULTS }),
  f('supervisionCount', '督办次数', 'server', 'int', { technical: true }),
  f('supervisionDueAt', '督办回复期限', 'server', 'time', { technical: true }),
  // STAT: what the statistics need to count each round and each follow-up step, kept when the case moves on
  f('firstVisitResult', '首次回访结果', 'server', 'choice', { technical: true, choices: VISIT_RESULTS }),
  f('round1DueAt', '首轮办结时限', 'server', 'time', { technical: true }),
  f('round1FedBackAt', '首轮反馈时间', 'server', 'time', { technical: true }),
  f('explanationDecision', '说明处理结果', 'server', 'choice', { technical: true, choices: EXPLANATION_DECISIONS }),
  f('transferGround', '移送原因', 'server', 'choice', { technical: true, choices: TRANSFER_GROUNDS }),
  f('spotCheckResult', '回头看结果', 'server', 'choice', { technical: true, choices: VISIT_RESULTS }),
  f('spotCheckCount', '回头看次数', 'server', 'int', { technical: true }),
  // STAT5: the latest verdict on the company's satisfaction, the unit's 回访 or the office's 回头看, whichever came last
  f('finalVerdict', '最终评价结果', 'server', 'choice', { technical: true, choices: VISIT_RESULTS }),
  f('extensionCount', '延期次数', 'server', 'int', { technical: true }),
  f('supervisionLateCount', '督办逾期回复次数', 'server', 'int', { technical: true }),
  // STAT3: every unit that returned the case (退回), kept when the case is assigned again
  f('returnedBy', '退回单位', 'server', 'units', { technical: true }),
  // STAT13: the unit each 督办单, late 督办回复 and approved 延期 happened at (one id per event, in order)
  f('supervisedUnits', '督办单位', 'server', 'units', { technical: true }),
  f('supervisionLateUnits', '督办逾期回复单位', 'server', 'units', { technical: true }),
  f('extensionUnits', '延期单位', 'server', 'units', { technical: true }),
  // WF33: when the unit's 说明 (unsatisfied) or the office's decision on it (explained) is due
  f('followupDueAt', '说明决定期限', 'server', 'time', { technical: true }),
  // WF34: why 说明决定期限 is only an estimate (a year without calendar data, CAL3); null when firm
  f('followupDueNote', '说明期限说明', 'server', 'text', { technical: true, max: 200 }),
  // IMP4: a case taken in from an office's own 台账: where it came from, and its row verbatim
  f('importedFrom', '导入来源', 'server', 'text', { technical: true, max: 300 }),
  f('importOriginal', '导入原文', 'server', 'text', { technical: true, max: 20000 }),
] as const satisfies readonly FieldDef[];

export type FieldId = (typeof FIELDS)[number]['id'];
export type FieldValue = string | number | boolean | null;

export const FIELD_BY_ID: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((d) => [d.id, d]));
export const FIELD_IDS: readonly FieldId[] = FIELDS.map((d) => d.id);

export function isFieldId(s: string): s is FieldId {
  return FIELD_BY_ID.has(s);
}

export function fieldDef(id: FieldId): FieldDef {
  return FIELD_BY_ID.get(id) as FieldDef;
}

/** Fields a clerk enters when registering a case (登记). */
export const REGISTRATION_FIELDS = [
  'receivedAt',
  'channel',
  'company',
  'address',
  'contactName',
  'contactPhone',
  'target',
  'summary',
  'category',
] as const satisfies readonly FieldId[];

/** 核查情况 and 办理情况 together: 2000 characters at most (附件2). */
export const FINDINGS_MEASURES_MAX = 2000;
