// CON1: the pane's forms are the commands' declared inputs (shared/contract) plus UI-only extras: hints, confirmations, defaults.
import { inputProblems } from '../../shared/contract/read-input';
import { formContext } from './form-context';
import type { CounterGroup, FieldExtra, FormContext, FormExtra, FormKind } from './form-extras';
import { FORM_EXTRAS } from './form-extras';
import type { CommandInput, InputSpec } from '../../shared/contract/commands';
import { inputsOf } from '../../shared/contract/commands';
import { fieldDef } from '../../shared/fields';
import { charCount } from '../../shared/validation';
import { commandLabel } from '../../shared/workflow';

export type { CounterGroup, FormContext, FormKind };

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
