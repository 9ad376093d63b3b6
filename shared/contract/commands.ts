// CON1: the input of every command declared once (key, kind, label, required, limits, choices); types are inferred from it.
import type { FIELDS, FieldId } from '../fields';
import { fieldDef } from '../fields';
import type { CommandName } from '../workflow';
import {
  CATEGORIES,
  DECISIONS,
  KINDS,
  NOTICE_METHODS,
  REJECT_GROUNDS,
  TRANSFER_GROUNDS,
  VISIT_METHODS,
  VISIT_RESULTS,
  YES_NO,
} from '../vocabulary';

/** Another input decides whether this one is required (企业不满意 → 不满意原因). */
export interface RequiredWhen {
  readonly key: string;
  readonly equals: string;
  /** Said before the label in the refusal: '企业不满意时'. */
  readonly when: string;
}

interface Common {
  readonly label: string;
  readonly required?: true;
  readonly requiredWhen?: RequiredWhen;
}

/** One input of a command. `field` inputs are checked with the case field's own rules (fields.ts). */
export type InputSpec =
  | (Common & { readonly kind: 'text'; readonly max: number })
  | (Common & { readonly kind: 'choice'; readonly choices: readonly string[] })
  | (Common & { readonly kind: 'int'; readonly min: number; readonly max: number })
  | (Common & { readonly kind: 'bool' })
  /** A date 'YYYY-MM-DD' (a real one). */
  | (Common & { readonly kind: 'date' })
  /** An ISO 8601 time on the wire, epoch milliseconds once read. */
  | (Common & { readonly kind: 'time' })
  /** The id of a handling unit. */
  | (Common & { readonly kind: 'unit' })
  /** Ids of handling units (at most `maxItems`). */
  | (Common & { readonly kind: 'units'; readonly maxItems: number })
  | (Common & { readonly kind: 'field'; readonly field: FieldId });

export type CommandSpec = Readonly<Record<string, InputSpec>>;

/** The longest id a unit input accepts. */
export const UNIT_ID_MAX = 64;

const text = <const S extends Omit<Extract<InputSpec, { kind: 'text' }>, 'kind'>>(s: S) =>
  ({ kind: 'text', ...s }) as const;
/** A case field as an input: its label is the field's header, so the two never drift. */
const field = <const F extends FieldId, const X extends Partial<Common> = object>(id: F, extra?: X) =>
  ({ kind: 'field', field: id, label: fieldDef(id).header, ...(extra ?? ({} as X)) }) as const;
const REQ = { required: true } as const;

/** CON1: every command's input, in the order the pane shows it and the server reads it (the first refusal wins). */
export const COMMAND_INPUTS = {
  register: {
    receivedAt: field('receivedAt', REQ),
    channel: field('channel', REQ),
    company: field('company', REQ),
    address: field('address'),
    contactName: field('contactName', REQ),
    contactPhone: field('contactPhone', REQ),
    target: field('target'),
    summary: field('summary', REQ),
    category: field('category'),
  },
  reject: {
    ground: { kind: 'choice', label: '不予受理理由', choices: REJECT_GROUNDS, required: true },
    note: text({ label: '说明', max: 500 }),
  },
  answer: {
    reply: text({ label: '答复内容', max: 2000, required: true }),
    category: { kind: 'choice', label: '诉求类别', choices: CATEGORIES },
  },
  assign: {
    leadUnit: { kind: 'unit', label: '牵头办理单位', required: true },
    category: { kind: 'choice', label: '诉求类别', choices: CATEGORIES },
    kind: { kind: 'choice', label: '办理类型', choices: KINDS, required: true },
    coUnits: { kind: 'units', label: '配合办理单位', maxItems: 1000 },
    note: text({ label: '办理要求', max: 1000 }),
    assignedAt: { kind: 'time', label: '交办日期' },
  },
  accept: { handler: field('handler'), handlerPhone: field('handlerPhone') },
  return: { reason: text({ label: '退回理由', max: 500, required: true }) },
  'co-opinion': { text: text({ label: '配合意见', max: 1000, required: true }) },
  'extension-request': {
    amount: { kind: 'int', label: '延期时长', min: 1, max: 1000, required: true },
    reason: text({ label: '延期理由', max: 500, required: true }),
    toldOn: { kind: 'date', label: '告知企业日期', required: true },
    toldBy: { kind: 'choice', label: '告知企业方式', choices: NOTICE_METHODS, required: true },
  },
  'extension-decision': {
    approve: { kind: 'bool', label: '是否同意延期', required: true },
    amount: { kind: 'int', label: '批准延期时长', min: 1, max: 1000 },
    note: text({ label: '审批意见', max: 500 }),
  },
  feedback: {
    findings: field('findings', REQ),
    measures: field('measures', REQ),
    feedbackAt: field('feedbackAt', REQ),
    feedbackMethod: field('feedbackMethod', REQ),
    companyVerdict: field('companyVerdict', REQ),
    writtenReply: { kind: 'choice', label: '要求书面答复', choices: YES_NO, required: true },
    dissatisfaction: field('dissatisfaction', {
      requiredWhen: { key: 'companyVerdict', equals: '不满意', when: '企业不满意时' },
    }),
    nextPlan: field('nextPlan', { requiredWhen: { key: 'companyVerdict', equals: '不满意', when: '企业不满意时' } }),
    handler: field('handler'),
    handlerPhone: field('handlerPhone'),
    /** WF40: 反馈 while an extension request is pending withdraws it, said explicitly. */
    withdrawExtension: { kind: 'bool', label: '撤回待审批的延期申请' },
  },
  visit: {
    result: { kind: 'choice', label: '回访结果', choices: VISIT_RESULTS, required: true },
    method: { kind: 'choice', label: '回访方式', choices: VISIT_METHODS, required: true },
    visitedOn: { kind: 'date', label: '回访日期', required: true },
    note: text({ label: '回访说明', max: 500 }),
  },
  explain: { text: text({ label: '情况说明', max: 1000, required: true }) },
  'explanation-decision': {
    decision: { kind: 'choice', label: '处理结果', choices: DECISIONS, required: true },
    ground: {
      kind: 'choice',
      label: '移送原因',
      choices: TRANSFER_GROUNDS,
      requiredWhen: { key: 'decision', equals: 'transfer', when: '移送纪检监察时' },
    },
    note: text({
      label: '处理意见（移送时为综合研判情况）',
      max: 1000,
      requiredWhen: { key: 'decision', equals: 'transfer', when: '移送纪检监察时' },
    }),
  },
  'spot-check': {
    result: { kind: 'choice', label: '回头看评价', choices: VISIT_RESULTS, required: true },
    method: { kind: 'choice', label: '回头看方式', choices: VISIT_METHODS, required: true },
    note: text({ label: '回头看说明', max: 500 }),
  },
  supervise: { note: text({ label: '督办事项', max: 500, required: true }) },
  'supervise-reply': { note: text({ label: '督办回复', max: 1000, required: true }) },
  archive: { note: text({ label: '归档说明', max: 500 }) },
  complete: {
    kind: { kind: 'choice', label: '办理类型', choices: KINDS, required: true },
    assignedOn: { kind: 'date', label: '交办日期', required: true },
  },
} as const satisfies { readonly [C in CommandName | 'register']: CommandSpec };

export type InputName = keyof typeof COMMAND_INPUTS;
type Spec<C extends InputName> = (typeof COMMAND_INPUTS)[C];

type FieldType<F> = Extract<(typeof FIELDS)[number], { id: F }>['type'];
/** A field input's wire type: a number for an int field, else a string (also when the field's type is not known statically). */
type FieldWire<F> = [FieldType<F>] extends [never] ? string : FieldType<F> extends 'int' ? number : string;

/** The JSON value a client sends for one input. */
type WireValue<S> = S extends { kind: 'choice'; choices: readonly (infer T)[] }
  ? T
  : S extends { kind: 'int' }
    ? number
    : S extends { kind: 'bool' }
      ? boolean
      : S extends { kind: 'units' }
        ? string[]
        : S extends { kind: 'field'; field: infer F }
          ? FieldWire<F>
          : string;

/** The value the server's reader yields for one input (a time as epoch ms, a field value validated). */
type ReadValue<S> = S extends { kind: 'time' } ? number : S extends { kind: 'units' } ? string[] : WireValue<S>;

type RequiredKeys<S> = { [K in keyof S]: S[K] extends { required: true } ? K : never }[keyof S];
type OptionalKeys<S> = Exclude<keyof S, RequiredKeys<S>>;

type WireInput<S> = { -readonly [K in RequiredKeys<S>]: WireValue<S[K]> } & {
  -readonly [K in OptionalKeys<S>]?: WireValue<S[K]>;
};

/** CON1: what a client sends for a command: required inputs required, the rest optional (a union for a union of commands). */
export type CommandInput<C extends InputName> = C extends InputName ? WireInput<Spec<C>> : never;

/** CON1: what a handler gets once the input is read: optional inputs null when absent (a unit list empty). */
export type ReadInput<C extends InputName> = {
  readonly [K in keyof Spec<C>]: Spec<C>[K] extends { required: true }
    ? ReadValue<Spec<C>[K]>
    : Spec<C>[K] extends { kind: 'units' }
      ? string[]
      : ReadValue<Spec<C>[K]> | null;
};

/** The inputs of a command in declared order. */
export function inputsOf(name: InputName): [string, InputSpec][] {
  return Object.entries(COMMAND_INPUTS[name] as CommandSpec);
}
