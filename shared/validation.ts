// Validation of field values and command inputs: a normalised value, or a stable code with a Chinese message.
import type { Refusal, Result } from './errors';
import { fail, ok, refusal } from './errors';
import type { FieldDef, FieldId, FieldValue } from './fields';
import { FIELD_BY_ID, FINDINGS_MEASURES_MAX, fieldDef } from './fields';
import type { CaseData } from './case';
import { normalizePhoneList } from './phone';
import { hasLoneSurrogate, stripInvisible } from './text';
import { parseDateSpelling, parseIsoTime, shanghaiDate } from './time';

/** Control characters other than tab and line breaks are never accepted in text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** VAL8: bidi embeddings, overrides and isolates: they reorder what is shown (a note could read unlike what it says). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

function label(def: FieldDef): string {
  return `“${def.header}”`;
}

/** Validates one value for a field; empty strings become null; returns the value to store. */
export function validateFieldValue(id: string, value: unknown): Result<FieldValue> {
  const def = FIELD_BY_ID.get(id);
  if (def === undefined) return fail('UNKNOWN_FIELD', `未知字段：${String(id).slice(0, 40)}`, String(id));
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    return def.required ? fail('REQUIRED', `${label(def)}为必填项`, def.id) : ok(null);
  }
  switch (def.type) {
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
        return fail('INVALID_NUMBER', `${label(def)}应为非负整数`, def.id);
      }
      return ok(value);
    case 'text':
    case 'unit':
    case 'units':
      return checkText(def, value);
    case 'choice': {
      if (typeof value !== 'string' || !(def.choices ?? []).includes(value.trim())) {
        return fail('INVALID_CHOICE', `${label(def)}只能选择：${(def.choices ?? []).join('、')}`, def.id);
      }
      return ok(value.trim());
    }
    case 'phone': {
      const t = checkText(def, value);
      if (!t.ok) return t;
      const normalized = normalizePhoneList(String(t.value));
      return normalized === null ? fail('INVALID_PHONE', undefined, def.id) : ok(normalized);
    }
    case 'date': {
      // VAL22: 2026/11/28, 2026.11.28 and 2026年11月28日 are stored as 2026-11-28
      const date = typeof value === 'string' ? parseDateSpelling(value) : null;
      if (date === null) return fail('INVALID_DATE', `${label(def)}应为真实日期，如 2026-11-28 或 2026/11/28`, def.id);
      return ok(date);
    }
    case 'time':
      if (typeof value !== 'string' || parseIsoTime(value.trim()) === null) {
        return fail('INVALID_TIME', `${label(def)}应为 ISO 8601 时间`, def.id);
      }
      return ok(value.trim());
  }
}

/** VAL6: text is stored trimmed; control characters and unpaired surrogates (which UTF-8 cannot hold) are refused. */
function checkText(def: FieldDef, value: unknown): Result<FieldValue> {
  if (typeof value !== 'string') return fail('INVALID_INPUT', `${label(def)}应为文本`, def.id);
  if (CONTROL.test(value)) return fail('INVALID_INPUT', `${label(def)}含有不可见的控制字符`, def.id);
  if (hasLoneSurrogate(value))
    return fail('INVALID_INPUT', `${label(def)}含有无法保存的字符（不成对的代理项）`, def.id);
  const trimmed = value.trim();
  if (def.max !== undefined && [...trimmed].length > def.max) {
    return fail('TOO_LONG', `${label(def)}不能超过 ${def.max} 字`, def.id);
  }
  return ok(trimmed);
}

/**
 * VAL7: the dates that depend on the case and on today (Shanghai), checked alike for commands and cell edits:
 * 受理日期 not after today; 反馈日期 not after today and not before the 交办日期.
 */
export function checkDateInContext(c: CaseData, fieldId: string, value: FieldValue, today: string): Refusal | null {
  if (typeof value !== 'string') return null;
  if (fieldId === 'receivedAt' && value > today)
    return refusal('DATE_IN_FUTURE', `受理日期不能晚于今天（${today}）`, fieldId);
  if (fieldId !== 'feedbackAt') return null;
  if (value > today) return refusal('DATE_IN_FUTURE', `反馈日期不能晚于今天（${today}）`, fieldId);
  const assigned = c.fields.assignedAt;
  const assignedMs = typeof assigned === 'string' ? parseIsoTime(assigned) : null;
  if (assignedMs !== null && value < shanghaiDate(assignedMs)) {
    return refusal('DATE_BEFORE_RECEIVED', `反馈日期不能早于交办日期（${shanghaiDate(assignedMs)}）`, fieldId);
  }
  return null;
}

/** Characters of a text as people count them (a CJK character or an emoji is one). */
export function charCount(s: string | null | undefined): number {
  if (!s) return 0;
  // as [...s].length (a surrogate pair one character, a lone surrogate one), without an array as long as the text
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      n--;
      i++;
    }
  }
  return n;
}

/** 核查情况 + 办理情况 together ≤ 2000 characters (附件2). */
export function checkFindingsAndMeasures(
  findings: FieldValue | undefined,
  measures: FieldValue | undefined,
): Refusal | null {
  const total =
    charCount(typeof findings === 'string' ? findings : null) +
    charCount(typeof measures === 'string' ? measures : null);
  return total > FINDINGS_MEASURES_MAX
    ? refusal(
        'TOO_LONG',
        `“核查情况”与“办理情况”合计不能超过 ${FINDINGS_MEASURES_MAX} 字（现 ${total} 字）`,
        'measures',
      )
    : null;
}

/** A command's input object: reads fields by name and collects the first refusal. */
export class InputReader {
  private readonly body: Record<string, unknown>;
  error: Refusal | null = null;
  /** VAL20: every refusal, in the order the inputs were read (`error` is the first of them). */
  readonly problems: Refusal[] = [];
  constructor(input: unknown) {
    this.body =
      input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
    if (this.body !== input) this.refuse(refusal('INVALID_INPUT', '请求内容应为 JSON 对象'));
  }

  private refuse(r: Refusal): null {
    if (this.error === null) this.error = r;
    this.problems.push(r);
    return null;
  }

  /** A value checked against a field's rules (type, choices, length), under the input key `key`. */
  field(key: string, id: FieldId, required = false): FieldValue {
    const raw = this.body[key];
    const def = fieldDef(id);
    const empty = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
    if (empty) return required || def.required ? this.refuse(refusal('REQUIRED', `${label(def)}为必填项`, key)) : null;
    const r = validateFieldValue(id, raw);
    return r.ok ? r.value : this.refuse({ ...r.error, field: key });
  }

  /** Free text with a length limit. */
  /**
   * VAL8: a command's free text (a note, an explanation): empty when nothing of it shows (spaces, zero-width characters),
   * so it never fills a required input; bidi controls, which make it read unlike what it says, refused.
   */
  prose(key: string, name: string, max: number, required: boolean): string | null {
    const raw = this.body[key];
    if (typeof raw === 'string' && stripInvisible(raw).trim() === '') {
      return required ? this.refuse(refusal('REQUIRED', `“${name}”为必填项`, key)) : null;
    }
    if (typeof raw === 'string' && BIDI_CONTROL.test(raw))
      return this.refuse(
        refusal('INVALID_INPUT', `“${name}”含有改变文字方向的控制字符，会让显示的内容与实际不同`, key),
      );
    return this.text(key, name, max, required);
  }

  text(key: string, name: string, max: number, required: boolean): string | null {
    const raw = this.body[key];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      return required ? this.refuse(refusal('REQUIRED', `“${name}”为必填项`, key)) : null;
    }
    if (typeof raw !== 'string') return this.refuse(refusal('INVALID_INPUT', `“${name}”应为文本`, key));
    if (CONTROL.test(raw)) return this.refuse(refusal('INVALID_INPUT', `“${name}”含有不可见的控制字符`, key));
    if (hasLoneSurrogate(raw))
      return this.refuse(refusal('INVALID_INPUT', `“${name}”含有无法保存的字符（不成对的代理项）`, key));
    if (charCount(raw) > max) return this.refuse(refusal('TOO_LONG', `“${name}”不能超过 ${max} 字`, key));
    return raw.trim();
  }

  choice<T extends string>(key: string, name: string, choices: readonly T[], required: boolean): T | null {
    const raw = this.body[key];
    if (raw === undefined || raw === null || raw === '') {
      return required ? this.refuse(refusal('REQUIRED', `“${name}”为必填项`, key)) : null;
    }
    if (typeof raw !== 'string' || !(choices as readonly string[]).includes(raw)) {
      return this.refuse(refusal('INVALID_CHOICE', `“${name}”只能选择：${choices.join('、')}`, key));
    }
    return raw as T;
  }

  int(key: string, name: string, min: number, max: number, required: boolean): number | null {
    const raw = this.body[key];
    if (raw === undefined || raw === null)
      return required ? this.refuse(refusal('REQUIRED', `“${name}”为必填项`, key)) : null;
    if (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < min || raw > max) {
      return this.refuse(refusal('INVALID_NUMBER', `“${name}”应为 ${min}–${max} 之间的整数`, key));
    }
    return raw;
  }

  /** Whether the body holds a value (not null) under `key`. */
  has(key: string): boolean {
    return this.body[key] !== undefined && this.body[key] !== null;
  }

  bool(key: string, name: string): boolean | null {
    const raw = this.body[key];
    if (typeof raw !== 'boolean') return this.refuse(refusal('INVALID_INPUT', `“${name}”应为 true 或 false`, key));
    return raw;
  }

  /** A real date 'YYYY-MM-DD'. */
  date(key: string, name: string, required: boolean): string | null {
    const raw = this.body[key];
    if (raw === undefined || raw === null || raw === '')
      return required ? this.refuse(refusal('REQUIRED', `“${name}”为必填项`, key)) : null;
    const v = typeof raw === 'string' ? parseDateSpelling(raw) : null;
    return v !== null
      ? v
      : this.refuse(refusal('INVALID_DATE', `“${name}”应为真实日期，如 2026-11-28 或 2026/11/28`, key));
  }

  /** An ISO 8601 time, returned as epoch milliseconds. */
  time(key: string, name: string, required: boolean): number | null {
    const raw = this.body[key];
    if (raw === undefined || raw === null || raw === '')
      return required ? this.refuse(refusal('REQUIRED', `“${name}”为必填项`, key)) : null;
    const ms = typeof raw === 'string' ? parseIsoTime(raw.trim()) : null;
    return ms === null
      ? this.refuse(refusal('INVALID_TIME', `“${name}”应为 ISO 8601 时间（如 2026-09-30T10:00:00+08:00）`, key))
      : ms;
  }

  /** A list of short strings (unit ids). */
  list(key: string, name: string, maxItems: number): string[] {
    const raw = this.body[key];
    if (raw === undefined || raw === null) return [];
    if (
      !Array.isArray(raw) ||
      raw.length > maxItems ||
      raw.some((x) => typeof x !== 'string' || x === '' || x.length > 64 || x.includes(','))
    ) {
      this.refuse(refusal('INVALID_INPUT', `“${name}”应为不超过 ${maxItems} 项的列表`, key));
      return [];
    }
    return raw as string[];
  }

  /** Keys the command does not know are refused, so typos never pass silently. */
  allowKeys(keys: readonly string[]): void {
    for (const k of Object.keys(this.body)) {
      if (!keys.includes(k)) this.refuse(refusal('INVALID_INPUT', `不支持的参数：${k.slice(0, 40)}`, k));
    }
  }

  result<T>(value: T): Result<T> {
    return this.error === null ? ok(value) : { ok: false, error: this.error };
  }
}
