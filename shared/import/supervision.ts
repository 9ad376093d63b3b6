// IMP2: 督办情况 ("2025-10-27督办（〔2025〕督5号）") → how many times the case was supervised.
import { findDates } from './dates';
import { isPlaceholder, squeezed } from './plain';

/** A 督办单 code: 〔2025〕督5号, or 督5号 alone. */
const SUPERVISION_CODE = /(?:[〔[(【]\d{4}[〕\])】])?督\d+号/g;

/** IMP2: distinct 督办单 codes if any, else the dates written, else 1 for any text; 0 for none. */
export function countSupervisions(text: string): number {
  if (isPlaceholder(text)) return 0;
  const t = squeezed(text);
  const codes = new Set(t.match(SUPERVISION_CODE) ?? []);
  if (codes.size > 0) return codes.size;
  return Math.max(1, findDates(t).length);
}
