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

/** The text without brackets that open or close nothing at its ends: "(1387…" → "1387…", "王立新(" → "王立新". */
export function balanced(text: string): string {
  let s = text.trim();
  const count = (c: string): number => s.split(c).length - 1;
  while (s.startsWith('(') && count('(') > count(')')) s = s.slice(1).trim();
  while (s.endsWith(')') && count(')') > count('(')) s = s.slice(0, -1).trim();
  while (s.endsWith('(') && count('(') > count(')')) s = s.slice(0, -1).trim();
  while (s.startsWith(')') && count(')') > count('(')) s = s.slice(1).trim();
  if (s.startsWith('(') && s.endsWith(')') && count('(') === 1 && count(')') === 1) s = s.slice(1, -1).trim();
  return s;
}
