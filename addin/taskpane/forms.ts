// CON1: the pane's forms are the commands' declared inputs (shared/contract) plus UI-only extras: hints, confirmations, defaults.
import type { CaseData } from '../../shared/case';
import { inputProblems } from '../../shared/contract/read-input';
import { formContext } from './form-context';
import { kindOf, num, text } from '../../shared/case';
import type { COMMAND_INPUTS, CommandInput, InputName, InputSpec } from '../../shared/contract/commands';
import { inputsOf } from '../../shared/contract/commands';
import { KIND_LIMIT } from '../../shared/deadlines';
import { FINDINGS_MEASURES_MAX, fieldDef } from '../../shared/fields';
import { charCount } from '../../shared/validation';
import { DECISION_LABEL, KIND_LABEL } from '../../shared/vocabulary';
import { commandLabel } from '../../shared/workflow';

export type FormKind = InputName;

export interface Choice {
  value: string;
  label: string;
}

export interface FormField {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'date' | 'number' | 'checks' | 'yesno';
  required: boolean;
  choices?: Choice[];
  /** Character limit of this field alone. */
  max?: number;
  /** Required only when another field has this value (不满意 → 不满意原因, 下一步计划). */
  requiredWhen?: { key: string; equals: string };
  initial?: string | string[];
  hint?: string;
}

/** Fields whose lengths count together (核查情况 + 办理情况 ≤ 2000). */
export interface CounterGroup {
  label: string;
  keys: string[];
  max: number;
}

export interface FormSpec<K extends FormKind = FormKind> {
  kind: K;
  title: string;
  submit: string;
  /** A command that needs only a yes (签收, 归档): the question asked in the pane. */
  confirm?: string;
  /** ADDIN65: what the form is about (the 督办 answered, the extension asked, the reply due). */
  context?: string;
  fields: FormField[];
  groups: CounterGroup[];
}

export type FormValues = Record<string, string | string[]>;

export interface FormContext {
  case: CaseData | null;
  units: readonly { id: string; name: string }[];
  /** Today in Asia/Shanghai, YYYY-MM-DD (default of date fields). */
  today: string;
}

/** What the pane adds to one declared input; never a rule (limits, choices and requirements come from the contract). */
interface FieldExtra {
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

interface FormExtra<K extends FormKind> {
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

const FORM_EXTRAS: { readonly [K in FormKind]?: FormExtra<K> } = {
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

const list = (xs: readonly string[], labels?: Readonly<Record<string, string>>): Choice[] =>
  xs.map((x) => ({ value: x, label: labels?.[x] ?? x }));

/** How the pane shows one declared input: the control, its choices and its own length limit. */
function control(s: InputSpec, extra: FieldExtra, ctx: FormContext): Pick<FormField, 'kind' | 'choices' | 'max'> {
  const units = ctx.units.map((u) => ({ value: u.id, label: u.name }));
  switch (s.kind) {
    case 'text':
      return { kind: 'textarea', max: s.max };
    case 'unit':
      return { kind: 'select', choices: units };
    case 'units':
      return { kind: 'checks', choices: units };
    case 'choice':
      return { kind: 'select', choices: list(s.choices, extra.choiceLabels) };
    case 'int':
      return { kind: 'number' };
    case 'bool': {
      const [yes, no] = extra.yesNo ?? ['是', '否'];
      return {
        kind: 'yesno',
        choices: [
          { value: 'yes', label: yes },
          { value: 'no', label: no },
        ],
      };
    }
    case 'time':
    case 'date':
      return { kind: 'date' };
    case 'field': {
      const def = fieldDef(s.field);
      const max = def.max === undefined ? {} : { max: def.max };
      if (def.type === 'date') return { kind: 'date' };
      if (def.choices !== undefined) return { kind: 'select', choices: list(def.choices) };
      return { kind: (def.max ?? 0) > 200 ? 'textarea' : 'text', ...max };
    }
  }
}

function formField(key: string, s: InputSpec, extra: FieldExtra, ctx: FormContext): FormField {
  const f: FormField = {
    key,
    label: s.label + (extra.labelSuffix?.(ctx) ?? ''),
    required: s.required === true || extra.required === true,
    ...control(s, extra, ctx),
  };
  if (s.requiredWhen !== undefined) f.requiredWhen = { key: s.requiredWhen.key, equals: s.requiredWhen.equals };
  const initial = extra.initial?.(ctx);
  if (initial !== undefined) f.initial = initial;
  if (extra.hint !== undefined) f.hint = extra.hint;
  return f;
}

export function formSpec<K extends FormKind>(kind: K, ctx: FormContext): FormSpec<K> {
  const extra: FormExtra<FormKind> = FORM_EXTRAS[kind] ?? {};
  const fieldExtras: Record<string, FieldExtra | undefined> = extra.fields ?? {};
  const fields = inputsOf(kind)
    .filter(([key]) => fieldExtras[key]?.hidden !== true && fieldExtras[key]?.onlyWhen?.(ctx) !== false)
    .map(([key, s]) => formField(key, s, fieldExtras[key] ?? {}, ctx));
  const label = kind === 'register' ? '登记' : commandLabel(kind as Exclude<FormKind, 'register'>);
  const spec: FormSpec<K> = {
    kind,
    title: extra.title ?? label,
    submit: extra.confirm ? `确认${label}` : label,
    fields,
    groups: extra.groups ?? [],
  };
  if (extra.confirm !== undefined) spec.confirm = extra.confirm;
  const context = formContext(kind, ctx.case, ctx.today);
  if (context !== null) spec.context = context;
  return spec;
}

export interface Counter {
  label: string;
  used: number;
  max: number;
  over: boolean;
}

const valueText = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '');

/** Length counters: one per counted group, and one per limited field outside the groups. */
export function counters(spec: FormSpec, values: FormValues): Counter[] {
  const grouped = new Set(spec.groups.flatMap((g) => g.keys));
  const out: Counter[] = spec.groups.map((g) => {
    const used = g.keys.reduce((n, k) => n + charCount(valueText(values[k]).trim()), 0);
    return { label: g.label, used, max: g.max, over: used > g.max };
  });
  for (const f of spec.fields) {
    if (f.max === undefined || grouped.has(f.key) || (f.kind !== 'textarea' && f.kind !== 'text')) continue;
    const used = charCount(valueText(values[f.key]).trim());
    out.push({ label: f.label, used, max: f.max, over: used > f.max });
  }
  return out;
}

/** One field's problem, shown under it (VAL20). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** The input a form collected, tagged with its command so the API call is typed by it; or every problem (the first too). */
export type Collected<K extends FormKind> =
  | { [P in K]: { ok: true; kind: P; input: CommandInput<P> } }[K]
  | { ok: false; field: string; message: string; problems: FieldProblem[] };

type Converted = { value: unknown } | { error: string } | null;

/** One field's value as the command input takes it; null to leave it out. */
function convert(f: FormField, raw: string | string[] | undefined, required: boolean): Converted {
  if (f.kind === 'checks') {
    const picked = Array.isArray(raw) ? raw.filter((x) => x !== '') : [];
    if (picked.length > 0) return { value: picked };
    return required ? { error: `请选择“${f.label}”` } : null;
  }
  const v = valueText(raw).trim();
  if (v === '') return required ? { error: `“${f.label}”为必填项` } : null;
  if (f.max !== undefined && charCount(v) > f.max)
    return { error: `“${f.label}”不能超过 ${f.max} 字（现 ${charCount(v)} 字）` };
  if (f.kind === 'number') {
    const n = Number(v);
    return !Number.isSafeInteger(n) || n < 1 ? { error: `“${f.label}”应为正整数` } : { value: n };
  }
  return { value: f.kind === 'yesno' ? v === 'yes' : v };
}

/** The command input the form sends: trimmed text, empty optional fields left out, numbers and yes/no converted. */
export function collectInput<K extends FormKind>(spec: FormSpec<K>, values: FormValues): Collected<K> {
  const input: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  for (const f of spec.fields) {
    const required =
      f.required || (f.requiredWhen !== undefined && valueText(values[f.requiredWhen.key]) === f.requiredWhen.equals);
    const converted = convert(f, values[f.key], required);
    if (converted === null) continue;
    if ('error' in converted) problems.push({ field: f.key, message: converted.error });
    else input[f.key] = converted.value;
  }
  for (const c of counters(spec, values)) {
    // a single field's limit was checked by convert; the groups (核查情况 + 办理情况) only here
    const field = spec.groups.find((g) => g.label === c.label)?.keys[0];
    if (field !== undefined && c.over && !problems.some((p) => p.field === field))
      problems.push({ field, message: `“${c.label}”合计不能超过 ${c.max} 字（现 ${c.used} 字）` });
  }
  // VAL20: the server's own input rules (phone numbers, dates, choices …) on what the form would send, all at once
  for (const p of inputProblems(spec.kind, input)) {
    const field = p.field ?? '';
    if (!problems.some((q) => q.field === field)) problems.push({ field, message: p.message });
  }
  const order = (key: string) => spec.fields.findIndex((f) => f.key === key);
  problems.sort((a, b) => order(a.field) - order(b.field));
  const first = problems[0];
  if (first !== undefined) return { ok: false, field: first.field, message: first.message, problems };
  // Every field is a declared input of K, converted to its wire type above (text, number, yes/no, unit ids).
  return { ok: true, kind: spec.kind, input } as Collected<K>;
}
