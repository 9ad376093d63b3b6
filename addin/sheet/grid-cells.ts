// What Excel reports for one cell (value, formula, number format) as the 台账 reader's GridCell: dates and formulas kept.
import type { GridCell } from '../../shared/import/types';

/** Excel's last date serial, 9999-12-31. */
const LAST_SERIAL = 2_958_465;

/**
 * Whether a number format shows a date: its first section, without quoted text, escaped characters and [brackets]
 * (colours, locales, elapsed-time [h]), names a year or a day. Time-only formats ('h:mm') are not dates.
 */
export function isDateFormat(format: string): boolean {
  const first = format.split(';')[0] ?? '';
  const bare = first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return /[yd]/i.test(bare);
}

/**
 * An Excel serial date (1900 date system) as YYYY-MM-DD; null for a serial that is no day (≤ 0, beyond 9999, or 60,
 * the 1900-02-29 Excel counts for compatibility with Lotus 1-2-3). The time of day is dropped.
 */
export function serialDate(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (day < 1 || day > LAST_SERIAL || day === 60) return null;
  const epoch = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + day * 86_400_000).toISOString().slice(0, 10);
}

function scalar(value: unknown): string | number | boolean | null {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * One cell: a formula as `{formula, cached}` (never evaluated; a date result as its YYYY-MM-DD text), a number in a
 * date format as `{date}`, empty as null, anything else as Excel gives it.
 */
export function gridCell(value: unknown, formula: unknown, numberFormat: unknown): GridCell {
  const format = typeof numberFormat === 'string' ? numberFormat : 'General';
  const date = typeof value === 'number' && isDateFormat(format) ? serialDate(value) : null;
  // Excel gives a constant's value in place of a formula: text that only starts with '=' (in a text cell) is no formula.
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) {
    const cached = date ?? scalar(value);
    return { formula, cached: cached ?? '' };
  }
  if (date !== null) return { date };
  return scalar(value);
}
