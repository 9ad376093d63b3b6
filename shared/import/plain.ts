// IMP2: how the reader looks at cell text: NFKC-folded for matching, and the placeholders offices write for "nothing".
import { stripInvisible } from '../text';

/** The text folded for matching: NFKC (full-width digits, letters and brackets become ASCII), no invisible marks. */
export function folded(text: string): string {
  return stripInvisible(text.normalize('NFKC'));
}

/** The folded text without any white space. */
export function squeezed(text: string): string {
  return folded(text).replace(/\s+/g, '');
}

/** What offices write in a cell to say "nothing here" (无, 暂无, /, —, 未回访 …). */
const PLACEHOLDER =
  /^(?:无|暂无|没有|否|未|不涉及|未涉及|待回访|(?:未|不|无需|暂未|暂不|尚未)(?:移送|督办|回访)|n\/?a|null|[/\\\-—–_.。、·…~]+)$/i;

/** IMP2: whether a cell says nothing: empty, white space, or a placeholder such as 无, /, —. */
export function isPlaceholder(text: string): boolean {
  const t = squeezed(text);
  return t === '' || PLACEHOLDER.test(t);
}

/** Whether the UTF-16 unit at `i` is white space as `String.prototype.trim` removes it (WhiteSpace, LineTerminator). */
const SPACE = /\s/;

/**
 * The text without brackets that open or close nothing at its ends: "(1387…" → "1387…", "王立新(" → "王立新".
 * IMP2: one pass over the text (the bracket counts kept as the ends move in), so a cell of many brackets stays linear.
 */
export function balanced(text: string): string {
  let lo = 0;
  let hi = text.length;
  const trim = (): void => {
    while (lo < hi && SPACE.test(text.charAt(lo))) lo++;
    while (hi > lo && SPACE.test(text.charAt(hi - 1))) hi--;
  };
  trim();
  let open = 0;
  let close = 0;
  for (let i = lo; i < hi; i++) {
    if (text.charCodeAt(i) === 0x28) open++;
    else if (text.charCodeAt(i) === 0x29) close++;
  }
  const first = (): string => (lo < hi ? text.charAt(lo) : '');
  const last = (): string => (lo < hi ? text.charAt(hi - 1) : '');
  while (first() === '(' && open > close) {
    lo++;
    open--;
    trim();
  }
  while (last() === ')' && close > open) {
    hi--;
    close--;
    trim();
  }
  while (last() === '(' && open > close) {
    hi--;
    open--;
    trim();
  }
  while (first() === ')' && close > open) {
    lo++;
    close--;
    trim();
  }
  if (first() === '(' && last() === ')' && open === 1 && close === 1) {
    lo++;
    hi--;
    trim();
  }
  return text.slice(lo, hi);
}

/** IMP2: the text without the run of `chars` at its start and at its end, in one pass (no regex backtracking). */
export function trimChars(text: string, chars: string): string {
  let lo = 0;
  let hi = text.length;
  while (lo < hi && chars.includes(text.charAt(lo))) lo++;
  while (hi > lo && chars.includes(text.charAt(hi - 1))) hi--;
  return text.slice(lo, hi);
}

/** IMP2: the text without the run of `chars` at its end, in one pass (no regex backtracking). */
export function trimEndChars(text: string, chars: string): string {
  let hi = text.length;
  while (hi > 0 && chars.includes(text.charAt(hi - 1))) hi--;
  return text.slice(0, hi);
}
