// IMP2: 诉求编号 as offices write it (〔2025〕21号, [2025]22号, （2025）23号, 2025-24, 2025年25号) → 〔2025〕24号 (NUM1).
import { formatCaseCode } from '../numbering';
import { squeezed } from './plain';

/** An optional short prefix of the office's own (枣营商, 直通车 …), never digits. */
const PREFIX = '(?:[^\\d]{0,12}?)';
const FORMS: readonly RegExp[] = [
  new RegExp(`^${PREFIX}[〔〖\\[(【{](\\d{4})[〕〗\\])】}]第?(\\d{1,6})号?$`),
  new RegExp(`^${PREFIX}(\\d{4})[-‐‑–—_/.·](\\d{1,6})号?$`),
  new RegExp(`^${PREFIX}(\\d{4})年第?(\\d{1,6})号?$`),
];
const MIN_YEAR = 2000;
const MAX_YEAR = 2200;

/** IMP2: the normalised 诉求编号 of a cell's text, or null when it cannot be read as one. */
export function readCaseCode(text: string): string | null {
  const t = squeezed(text);
  for (const form of FORMS) {
    const m = form.exec(t);
    if (!m) continue;
    const year = Number(m[1]);
    const n = Number(m[2]);
    if (year < MIN_YEAR || year > MAX_YEAR || n < 1) return null;
    return formatCaseCode(year, n);
  }
  return null;
}
