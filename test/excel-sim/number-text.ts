// XSIM50: what `Range.text` shows for a number in a date format (yyyy m d h mm, quoted literals), as Excel displays it.
import { notSimulated } from './errors';

const DAY_MS = 86_400_000;
const TOKEN = /"[^"]*"|\\.|yyyy|yy|mm|m|dd|d|hh|h|ss|s|[/\-. :年月日]|./gu;

/** True for a number format that shows a date or time (a y, d or h outside quotes), as Excel decides it. */
export function isDateFormat(format: string): boolean {
  return /[ydh]/iu.test(format.replace(/"[^"]*"|\\./gu, ''));
}

/**
 * The displayed text of `value` in the date format `format`, the 1900 date system (serial 1 = 1900-01-01; serial 60 is
 * Excel's 1900-02-29, https://learn.microsoft.com/office/troubleshoot/excel/wrongly-assumes-1900-is-leap-year). Sections
 * (`;`), colours, locales and AM/PM are not simulated.
 */
export function dateText(value: number, format: string): string {
  if (/[;[\]]|AM\/PM/iu.test(format)) throw notSimulated(`number format ${JSON.stringify(format)}`);
  // Excel shows ##### for a negative date; serials past 9999-12-31 likewise (stricter: not simulated)
  if (value < 0 || value >= 2_958_466) throw notSimulated(`date text of serial ${value}`);
  let day = Math.floor(value);
  const fake29 = day === 60;
  if (day < 60) day += 1;
  const at = new Date(Date.UTC(1899, 11, 30) + day * DAY_MS + Math.round((value - Math.floor(value)) * DAY_MS));
  const parts = {
    y: at.getUTCFullYear(),
    m: fake29 ? 2 : at.getUTCMonth() + 1,
    d: fake29 ? 29 : at.getUTCDate(),
    h: at.getUTCHours(),
    min: at.getUTCMinutes(),
    s: at.getUTCSeconds(),
  };
  const tokens = format.match(TOKEN) ?? [];
  const two = (n: number): string => String(n).padStart(2, '0');
  return tokens
    .map((t, i) => {
      if (t.startsWith('"')) return t.slice(1, -1);
      if (t.startsWith('\\')) return t.slice(1);
      // m and mm after an hour or before seconds are minutes (Excel's rule)
      const minute =
        /^m{1,2}$/u.test(t) && (/^h/u.test(tokens[i - 2] ?? tokens[i - 1] ?? '') || /^s/u.test(tokens[i + 2] ?? ''));
      switch (t) {
        case 'yyyy':
          return String(parts.y);
        case 'yy':
          return two(parts.y % 100);
        case 'mm':
          return two(minute ? parts.min : parts.m);
        case 'm':
          return String(minute ? parts.min : parts.m);
        case 'dd':
          return two(parts.d);
        case 'd':
          return String(parts.d);
        case 'hh':
          return two(parts.h);
        case 'h':
          return String(parts.h);
        case 'ss':
          return two(parts.s);
        case 's':
          return String(parts.s);
        default:
          if (/^[/\-. :年月日]$/u.test(t)) return t;
          throw notSimulated(`number format ${JSON.stringify(format)}`);
      }
    })
    .join('');
}
