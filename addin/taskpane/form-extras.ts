// CON1: what the pane adds to each command's declared inputs — hints, defaults, labels of choices, confirmations; never a rule.
import type { CaseData } from '../../shared/case';
import { kindOf, num, text } from '../../shared/case';
import type { COMMAND_INPUTS } from '../../shared/contract/commands';
import { KIND_LIMIT } from '../../shared/deadlines';
import { FINDINGS_MEASURES_MAX } from '../../shared/fields';
import { DECISION_LABEL, KIND_LABEL } from '../../shared/vocabulary';
import type { InputName } from '../../shared/contract/commands';

export type FormKind = InputName;

/** Fields whose lengths count together (核查情况 + 办理情况 ≤ 2000). */
export interface CounterGroup {
  label: string;
  keys: string[];
  max: number;
}

export interface FormContext {
  case: CaseData | null;
  units: readonly { id: string; name: string }[];
  /** Today in Asia/Shanghai, YYYY-MM-DD (default of date fields). */
  today: string;
}

/** What the pane adds to one declared input; never a rule (limits, choices and requirements come from the contract). */
export interface FieldExtra {
  hint?: string;
  initial?: (ctx: FormContext) => string;
  /** Shown after the label, e.g. the unit of an extension: （个工作日）. */
  labelSuffix?: (ctx: FormContext) => string;
  /** Not offered in the pane (the server's default applies). */
  hidden?: true;
  /** Offered only when this holds for the case (then required): WF40's 撤回延期申请 only while one is pending. */
  onlyWhen?: (ctx: FormContext) => boolean;
  /** Asked for in the pane although the server can fall back on the case (经办人 on the 承办单). */
  required?: true;
  choiceLabels?: Readonly<Record<string, string>>;
  yesNo?: readonly [yes: string, no: string];
}

export interface FormExtra<K extends FormKind> {
  title?: string;
  confirm?: string;
  groups?: CounterGroup[];
  fields?: { [F in keyof (typeof COMMAND_INPUTS)[K]]?: FieldExtra };
}

function extensionUnit(c: CaseData | null): string {
  const kind = c === null ? null : kindOf(c);
  return kind !== null && KIND_LIMIT[kind].unit === 'hours' ? '小时' : '个工作日';
}

const today = (ctx: FormContext): string => ctx.today;
const fromCase =
  (id: 'handler' | 'handlerPhone') =>
  (ctx: FormContext): string =>
    (ctx.case && text(ctx.case, id)) ?? '';

export const FORM_EXTRAS: { readonly [K in FormKind]?: FormExtra<K> } = {
  register: {
    title: '登记诉求',
    fields: { receivedAt: { initial: today }, contactPhone: { hint: '手机如 13812345678，固话如 0710-6331373' } },
  },
  assign: {
    fields: {
      kind: { choiceLabels: KIND_LABEL, hint: '咨询类 24 小时；一般诉求 5 个工作日；疑难诉求 20 个工作日' },
      coUnits: { hint: '可多选，不含牵头单位' },
      assignedAt: { hidden: true },
    },
  },
  accept: {
    confirm: '确认签收此诉求？办理时限自交办时起算；签收后可填写承办单。',
    fields: { handler: { hidden: true }, handlerPhone: { hidden: true } },
  },
  archive: { confirm: '确认将此诉求办结归档？归档后任何人都不能再修改。', fields: { note: { hidden: true } } },
  'extension-request': {
    fields: {
      amount: { labelSuffix: (ctx) => `（${extensionUnit(ctx.case)}）`, hint: '延长时限累计不得超过原办理时限' },
      toldOn: { initial: today, hint: '申请延期的同时须向诉求企业说明情况' },
    },
  },
  'extension-decision': {
    fields: {
      approve: { yesNo: ['同意延期', '不同意延期'] },
      amount: { labelSuffix: (ctx) => `（${extensionUnit(ctx.case)}，不填则按申请）` },
    },
  },
  feedback: {
    title: '反馈（承办单）',
    groups: [{ label: '核查情况 + 办理情况', keys: ['findings', 'measures'], max: FINDINGS_MEASURES_MAX }],
    fields: {
      findings: { hint: '经查，……事项属实/不属实/部分属实。具体情况如下……' },
      measures: { hint: '问题解决措施、办理结果' },
      feedbackAt: { initial: today },
      writtenReply: { hint: '企业要求书面答复的，反馈方式须选“书面”' },
      handler: { required: true, initial: fromCase('handler') },
      handlerPhone: { required: true, initial: fromCase('handlerPhone') },
      withdrawExtension: {
        onlyWhen: (ctx) => ctx.case !== null && num(ctx.case, 'extensionPending') !== null,
        required: true,
        yesNo: ['撤回延期申请，按原时限反馈', '不撤回（等待审批后再反馈）'],
        hint: '反馈即已办结，待审批的延期申请须撤回',
      },
    },
  },
  complete: {
    fields: {
      kind: {
        choiceLabels: KIND_LABEL,
        initial: (ctx) => (ctx.case && text(ctx.case, 'kind')) ?? '',
        hint: '导入的台账没有写明办理类型或交办日期；补全后按交办日期计算办结时限',
      },
      assignedOn: { initial: (ctx) => (ctx.case && text(ctx.case, 'assignedAt')?.slice(0, 10)) ?? '' },
    },
  },
  visit: {
    title: '回访（承办单位）',
    fields: {
      result: { hint: '非常满意、满意、基本满意即办结；不满意、非常不满意须作出说明' },
      visitedOn: { initial: today },
    },
  },
  explain: {
    fields: { text: { hint: '企业对回访不满意：说明办理情况和原因，由市营商办决定采纳说明、二次办理或移送' } },
  },
  'explanation-decision': {
    fields: {
      decision: {
        choiceLabels: DECISION_LABEL,
        hint: '二次办理仅限第一轮；移送纪检监察仅限二次办理后仍不满意、经调查了解和综合研判的',
      },
      ground: { hint: '移送纪检监察时必选' },
    },
  },
  'spot-check': {
    title: '回头看（满意度评价）',
    fields: { result: { hint: '已办结的诉求评价为不满意、非常不满意的，重新要求承办单位作出说明；已归档的只记录' } },
  },
};
