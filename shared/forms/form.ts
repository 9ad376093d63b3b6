// ANX2: a form (附件1–3) as plain data — title, head line, table rows in the annex's order, text lines — for any renderer.
import { parseIsoTime, shanghaiDate, formatShanghai } from '../time';

/** One table cell: a label of the annex or a value from the case; an empty value is a blank to fill in by hand. */
export interface FormCell {
  readonly text: string;
  readonly label: boolean;
  /** Grid columns the cell covers (default 1). */
  readonly span?: number;
  /** Rows the cell covers (default 1); the rows below leave its column out. */
  readonly rowSpan?: number;
  /** 附件2: content the handling unit must fill in (the annex marks it red). */
  readonly unitFills?: boolean;
  /** A value cell tall enough to write or stamp in (lines of height). */
  readonly lines?: number;
}

export type FormRow = readonly FormCell[];

export type FormBlock =
  /** The line above the table: 受理单位（盖章）：…  编号：〔2026〕15号. */
  | { readonly kind: 'head'; readonly left: string; readonly right: string }
  | { readonly kind: 'table'; readonly widths: readonly number[]; readonly rows: readonly FormRow[] }
  /** A paragraph: plain, indented as a letter's body, or right-aligned as a signature. */
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly align: 'left' | 'indent' | 'right';
      readonly note?: boolean;
    };

export interface FormDoc {
  readonly title: string;
  /** The Chinese file name (Content-Disposition filename*) and its ASCII fallback. */
  readonly fileName: string;
  readonly asciiFileName: string;
  readonly blocks: readonly FormBlock[];
}

export const label = (text: string, span = 1, rowSpan = 1): FormCell => ({ text, label: true, span, rowSpan });
export const value = (text: string | null, span = 1, extra: Partial<FormCell> = {}): FormCell => ({
  text: text ?? '',
  label: false,
  span,
  ...extra,
});

/** '2026-09-30' or an ISO time → 2026年9月30日 (Asia/Shanghai); '' when empty or unreadable. */
export function chineseDate(v: string | null): string {
  if (v === null || v === '') return '';
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : timeDay(v);
  if (day === null) return '';
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

function timeDay(v: string): string | null {
  const ms = parseIsoTime(v);
  return ms === null ? null : shanghaiDate(ms);
}

/** An ISO time → 2026年10月1日 10:00 (Asia/Shanghai); '' when empty or unreadable. */
export function chineseDateTime(v: string | null): string {
  const ms = v === null ? null : parseIsoTime(v);
  if (ms === null) return '';
  return `${chineseDate(v)} ${formatShanghai(ms).slice(11, 16)}`;
}

/** 〔2026〕15号 → 2026-15 (the ASCII file names); anything else → its ASCII digits joined by dashes. */
export function asciiCode(code: string | null): string {
  const digits = (code ?? '').match(/\d+/g) ?? [];
  return digits.length === 0 ? 'case' : digits.join('-');
}

/** Every text of the form in reading order (title, head, cells row by row, lines): what a reader sees, in order. */
export function formTexts(doc: FormDoc): string[] {
  const out = [doc.title];
  for (const b of doc.blocks) {
    if (b.kind === 'head') out.push(b.left, b.right);
    else if (b.kind === 'text') out.push(b.text);
    else for (const row of b.rows) for (const cell of row) out.push(cell.text);
  }
  return out;
}
