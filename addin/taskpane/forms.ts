// The pane's forms as data: one spec per command (Chinese labels, dropdowns, limits) and the input each sends (pure, no DOM).
import type { CaseData } from '../../shared/case';
import { kindOf, text } from '../../shared/case';
import { KIND_LIMIT } from '../../shared/deadlines';
import { textInput } from '../../shared/commands/inputs';
import type { FieldId } from '../../shared/fields';
import { FINDINGS_MEASURES_MAX, REGISTRATION_FIELDS, fieldDef } from '../../shared/fields';
import { charCount } from '../../shared/validation';
import {
  CATEGORIES, CHANNELS, COMPANY_VERDICTS, FEEDBACK_METHODS, KINDS, KIND_LABEL, REJECT_GROUNDS, VISIT_METHODS, VISIT_RESULTS,
} from '../../shared/vocabulary';
import type { CommandName } from '../../shared/workflow';
import { commandLabel } from '../../shared/workflow';

export type FormKind = 'register' | CommandName;

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

export interface FormSpec {
  kind: FormKind;
  title: string;
  submit: string;
  /** A command that needs only a yes (签收, 归档): the question asked in the pane. */
  confirm?: string;
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

const list = (xs: readonly string[]): Choice[] => xs.map((x) => ({ value: x, label: x }));
const field = (key: string, label: string, kind: FormField['kind'], required: boolean, extra: Partial<FormField> = {}): FormField =>
  ({ key, label, kind, required, ...extra });
const note = (label: string, max: number, required = false): FormField => field('note', label, 'textarea', required, { max });

/** 登记: the registration fields of shared/fields.ts, with their dropdowns. */
function registerFields(today: string): FormField[] {
  const choices: Record<string, readonly string[]> = { channel: CHANNELS, category: CATEGORIES };
  return REGISTRATION_FIELDS.map((id) => {
    const def = fieldDef(id);
    const kind: FormField['kind'] = def.type === 'date' ? 'date' : choices[id] ? 'select' : (def.max ?? 0) > 200 ? 'textarea' : 'text';
    const extra: Partial<FormField> = {};
    if (choices[id]) extra.choices = list(choices[id] ?? []);
    if (def.max !== undefined) extra.max = def.max;
    if (id === 'receivedAt') extra.initial = today;
    if (id === 'contactPhone') extra.hint = '手机如 13812345678，固话如 0710-6331373';
    return field(id, def.header, kind, def.required === true, extra);
  });
}

function extensionUnit(c: CaseData | null): string {
  const kind = c === null ? null : kindOf(c);
  return kind !== null && KIND_LIMIT[kind].unit === 'hours' ? '小时' : '个工作日';
}

/** The length limit of a field (fields.ts). */
const maxOf = (id: FieldId): number => fieldDef(id).max ?? 0;

function commandFields(command: CommandName, ctx: FormContext): { fields: FormField[]; groups?: CounterGroup[]; confirm?: string } {
  const c = ctx.case;
  switch (command) {
    case 'reject':
      return { fields: [field('ground', '不予受理理由', 'select', true, { choices: list(REJECT_GROUNDS) }), note(textInput('reject', 'note').label, textInput('reject', 'note').max)] };
    case 'answer':
      return { fields: [field('reply', '答复内容', 'textarea', true, { max: textInput('answer', 'reply').max })] };
    case 'assign': {
      const units = ctx.units.map((u) => ({ value: u.id, label: u.name }));
      return {
        fields: [
          field('leadUnit', '牵头办理单位', 'select', true, { choices: units }),
          field('kind', '办理类型', 'select', true, { choices: KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] })), hint: '咨询类 24 小时；一般诉求 5 个工作日；疑难诉求 20 个工作日' }),
          field('coUnits', '配合办理单位', 'checks', false, { choices: units, hint: '可多选，不含牵头单位' }),
          field('note', '办理要求（转办意见）', 'textarea', false, { max: textInput('assign', 'note').max }),
        ],
      };
    }
    case 'accept':
      return { fields: [], confirm: '确认签收此诉求？签收后开始计算办理，并可填写承办单。' };
    case 'archive':
      return { fields: [], confirm: '确认将此诉求办结归档？归档后任何人都不能再修改。' };
    case 'return':
      return { fields: [field('reason', '退回理由', 'textarea', true, { max: textInput('return', 'reason').max })] };
    case 'co-opinion':
      return { fields: [field('text', '配合意见', 'textarea', true, { max: textInput('co-opinion', 'text').max })] };
    case 'extension-request':
      return {
        fields: [
          field('amount', `延期时长（${extensionUnit(c)}）`, 'number', true, { hint: '延长时限累计不得超过原办理时限' }),
          field('reason', '延期理由', 'textarea', true, { max: textInput('extension-request', 'reason').max }),
        ],
      };
    case 'extension-decision':
      return {
        fields: [
          field('approve', '审批意见', 'yesno', true, { choices: [{ value: 'yes', label: '同意延期' }, { value: 'no', label: '不同意延期' }] }),
          field('amount', `批准延期时长（${extensionUnit(c)}，不填则按申请）`, 'number', false),
          note('审批说明', textInput('extension-decision', 'note').max),
        ],
      };
    case 'feedback': {
      const unhappy = { key: 'companyVerdict', equals: '不满意' };
      return {
        fields: [
          field('findings', '核查情况', 'textarea', true, { hint: '经查，……事项属实/不属实/部分属实。具体情况如下……' }),
          field('measures', '办理情况', 'textarea', true, { hint: '问题解决措施、办理结果' }),
          field('feedbackAt', '反馈日期', 'date', true, { initial: ctx.today }),
          field('feedbackMethod', '反馈方式', 'select', true, { choices: list(FEEDBACK_METHODS) }),
          field('companyVerdict', '企业意见', 'select', true, { choices: list(COMPANY_VERDICTS) }),
          field('dissatisfaction', '不满意原因', 'textarea', false, { max: maxOf('dissatisfaction'), requiredWhen: unhappy }),
          field('nextPlan', '下一步计划', 'textarea', false, { max: maxOf('nextPlan'), requiredWhen: unhappy }),
          field('handler', '经办人', 'text', true, { max: maxOf('handler'), initial: (c && text(c, 'handler')) ?? '' }),
          field('handlerPhone', '经办人电话', 'text', true, { max: maxOf('handlerPhone'), initial: (c && text(c, 'handlerPhone')) ?? '' }),
        ],
        groups: [{ label: '核查情况 + 办理情况', keys: ['findings', 'measures'], max: FINDINGS_MEASURES_MAX }],
      };
    }
    case 'visit':
      return {
        fields: [
          field('result', '回访结果', 'select', true, { choices: list(VISIT_RESULTS), hint: '非常满意、满意、基本满意即办结；不满意、非常不满意退回重办' }),
          field('method', '回访方式', 'select', true, { choices: list(VISIT_METHODS) }),
          note('回访说明', textInput('visit', 'note').max),
        ],
      };
    case 'second-round':
      return { fields: [note('二次办理要求', textInput('second-round', 'note').max)] };
    case 'supervise':
      return { fields: [note('督办事项', textInput('supervise', 'note').max, true)] };
    case 'supervise-reply':
      return { fields: [note('督办回复', textInput('supervise-reply', 'note').max, true)] };
    case 'transfer':
      return { fields: [note('移送说明', textInput('transfer', 'note').max, true)] };
  }
}

export function formSpec(kind: FormKind, ctx: FormContext): FormSpec {
  if (kind === 'register') return { kind, title: '登记诉求', submit: '登记', fields: registerFields(ctx.today), groups: [] };
  const { fields, groups = [], confirm } = commandFields(kind, ctx);
  const label = commandLabel(kind);
  const spec: FormSpec = { kind, title: kind === 'feedback' ? '反馈（承办单）' : label, submit: confirm ? `确认${label}` : label, fields, groups };
  if (confirm !== undefined) spec.confirm = confirm;
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

export type Collected = { ok: true; input: Record<string, unknown> } | { ok: false; field: string; message: string };

/** The command input the form sends: trimmed text, empty optional fields left out, numbers and yes/no converted. */
export function collectInput(spec: FormSpec, values: FormValues): Collected {
  const input: Record<string, unknown> = {};
  for (const f of spec.fields) {
    const raw = values[f.key];
    const required = f.required || (f.requiredWhen !== undefined && valueText(values[f.requiredWhen.key]) === f.requiredWhen.equals);
    if (f.kind === 'checks') {
      const picked = Array.isArray(raw) ? raw.filter((x) => x !== '') : [];
      if (picked.length > 0) input[f.key] = picked;
      else if (required) return { ok: false, field: f.key, message: `请选择“${f.label}”` };
      continue;
    }
    const v = valueText(raw).trim();
    if (v === '') {
      if (required) return { ok: false, field: f.key, message: `“${f.label}”为必填项` };
      continue;
    }
    if (f.max !== undefined && charCount(v) > f.max) {
      return { ok: false, field: f.key, message: `“${f.label}”不能超过 ${f.max} 字（现 ${charCount(v)} 字）` };
    }
    if (f.kind === 'number') {
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < 1) return { ok: false, field: f.key, message: `“${f.label}”应为正整数` };
      input[f.key] = n;
    } else if (f.kind === 'yesno') {
      input[f.key] = v === 'yes';
    } else {
      input[f.key] = v;
    }
  }
  for (const c of counters(spec, values)) {
    if (c.over) return { ok: false, field: spec.groups.find((g) => g.label === c.label)?.keys[0] ?? '', message: `“${c.label}”合计不能超过 ${c.max} 字（现 ${c.used} 字）` };
  }
  return { ok: true, input };
}
