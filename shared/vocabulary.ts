// Enumerations of the work plan (诉求渠道, 受理范围, 不予受理情形, 办理类型, 回访结果 …) and their Chinese labels.

export const ROLES = ['office', 'unit', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABEL: Record<Role, string> = {
  office: '市营商办',
  unit: '承办单位',
  viewer: '只读（领导/纪委联络）',
};

export const STATUSES = [
  'registered',
  'rejected',
  'closed',
  'assigned',
  'handling',
  'returned',
  'fedBack',
  'unsatisfied',
  'explained',
  'transferred',
  'archived',
] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABEL: Record<Status, string> = {
  registered: '已登记',
  rejected: '不予受理',
  closed: '已办结',
  assigned: '已交办',
  handling: '办理中',
  returned: '已退回',
  fedBack: '已反馈',
  unsatisfied: '不满意',
  explained: '已说明',
  transferred: '已移送纪检',
  archived: '已归档',
};

export const KINDS = ['consult', 'general', 'complex'] as const;
export type CaseKind = (typeof KINDS)[number];
export const KIND_LABEL: Record<CaseKind, string> = { consult: '咨询类', general: '一般诉求', complex: '疑难诉求' };

/** incomplete (待补全): an imported open case without 交办日期 or 办理类型, not yet under the clock (IMP4). */
export const WARNINGS = ['normal', 'dueSoon', 'overdue', 'incomplete'] as const;
export type Warning = (typeof WARNINGS)[number];
export const WARNING_LABEL: Record<Warning, string> = {
  normal: '正常',
  dueSoon: '临期',
  overdue: '超期',
  incomplete: '待补全',
};

/** 二、诉求渠道 */
export const CHANNELS = [
  '热线电话',
  '电子邮件',
  '门户网站',
  '行政服务大厅',
  '便民服务中心',
  '营业网点',
  '走访',
  '其他',
] as const;

/** 三(一) 受理范围: the 14 accepted-scope categories. */
export const CATEGORIES = [
  '1.行政许可、政务服务不予受理或不按程序时限办理',
  '2.擅自设立收费项目、提高收费标准、扩大收费范围',
  '3.涉企优惠政策不落实',
  '4.利用职权“索、拿、卡、要”或故意刁难',
  '5.指定中介、强制购买指定产品服务、强迫入会',
  '6.违规检查、违法处罚或检查结果不公',
  '7.违规或不合理采取停产停业停水停电停气等措施',
  '8.限制公平竞争、垄断条款、地域保护、抬高准入门槛',
  '9.公共资源交易违法违规或未按规定招投标',
  '10.涉企案件超范围超限度采取扣押冻结等强制措施',
  '11.不履行或拖延履行依法作出的承诺或合同',
  '12.对妨碍项目建设和生产经营的行为制止查处不力',
  '13.其他损害营商环境的行为',
  '14.政策建议、合理需求事项',
] as const;

/** 三(二) 不予受理范围: the 9 grounds for non-acceptance. */
export const REJECT_GROUNDS = [
  '1.经营主体之间民事纠纷',
  '2.涉及国家秘密',
  '3.已通过诉讼、仲裁、行政复议、政府信息公开等程序办理',
  '4.已进入纪检监察程序办理',
  '5.同一诉求已受理、办理中或已办结，且无新证据/线索',
  '6.违反法律法规、社会公序良俗',
  '7.不属于营商环境监督职责范围',
  '8.应通过其他法定程序处理的投诉举报',
  '9.法律法规规定的其他不予受理事项',
] as const;

/** 附件2 反馈情况: 以电话/书面方式反馈. */
export const FEEDBACK_METHODS = ['电话', '书面'] as const;
export const COMPANY_VERDICTS = ['满意', '不满意'] as const;

/** 四(五) 回访评价. The first three close the case; the last two send it back. */
export const VISIT_RESULTS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;
export type VisitResult = (typeof VISIT_RESULTS)[number];
export const SATISFIED_RESULTS: readonly VisitResult[] = ['非常满意', '满意', '基本满意'];
export const VISIT_METHODS = ['电话回访', '实地走访', '系统评价'] as const;

/** 四(五)/四(六): the office's decision on a unit's explanation (作出说明) for an unsatisfied case. */
export const EXPLANATION_DECISIONS = ['采纳说明', '二次办理', '移送纪检监察'] as const;
export type ExplanationDecision = (typeof EXPLANATION_DECISIONS)[number];

/** The office's decision on the wire (explanation-decision) and the 说明处理结果 it records. */
export const DECISIONS = ['accept', 'redo', 'transfer'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABEL: Record<Decision, ExplanationDecision> = {
  accept: '采纳说明',
  redo: '二次办理',
  transfer: '移送纪检监察',
};

/** 四(三) 同时向诉求企业说明情况: how the unit told the company about its extension request. */
export const NOTICE_METHODS = ['电话', '书面', '短信', '当面'] as const;

/** 四(六): the grounds for a transfer to 纪委监委 (承办单位推诿、敷衍、拖延等原因). */
export const TRANSFER_GROUNDS = ['推诿', '敷衍', '拖延', '其他'] as const;

export const YES_NO = ['是', '否'] as const;
