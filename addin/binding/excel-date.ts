// BIND40: calendar dates as Excel date serials and back: the sheet's date cells hold real dates, the Y.Doc 'YYYY-MM-DD'.
import { isValidDate, parseDateSpelling } from '../../shared/time';

/** BIND40: how date cells show: a Chinese date, still a real date for Excel's filters (本月, 上周) and sorting. */
export const DATE_FORMAT = 'yyyy"年"m"月"d"日"';

const DAY_MS = 86_400_000;
/** Serial 0 of the 1900 system is 1899-12-30 from serial 61 on (Excel counts a 1900-02-29 that never was: serial 60). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
/** Serial 0 of the 1904 system is 1904-01-01 (no phantom day). */
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * BIND40: the serial Excel stores for a calendar day 'YYYY-MM-DD' (local calendar day, no time zone: the serial of a
 * day is the same number everywhere). Null for anything that is not a real date of 1900–2200.
 */
export function serialOfDate(date: string, date1904 = false): number | null {
  if (!isValidDate(date)) return null;
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  if (date1904) return ms < EPOCH_1904 ? null : (ms - EPOCH_1904) / DAY_MS;
  const serial = (ms - EPOCH_1900) / DAY_MS;
  // before 1900-03-01 Excel's serials are one less (its 1900-02-29 is serial 60)
  return serial < 61 ? serial - 1 : serial;
}

/**
 * BIND40: the calendar day of a date serial (a time of day, the fraction, is dropped); null for a serial that is no
 * day (below 1, Excel's phantom 1900-02-29, not finite, or outside 1900–2200).
 */
export function dateOfSerial(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (date1904 ? day < 0 : day < 1 || day === 60) return null;
  const ms = date1904 ? EPOCH_1904 + day * DAY_MS : EPOCH_1900 + (day < 61 ? day + 1 : day) * DAY_MS;
  const date = new Date(ms).toISOString().slice(0, 10);
  return isValidDate(date) ? date : null;
}

/**
 * BIND41: what a date cell means: a serial (Excel parsed the typing into a date) is its day; text in one of the
 * spellings of VAL22 (2026/11/28, 2026.11.28, 2026年11月28日, 2026-11-28) is that day; other text stays as typed, so
 * the shared check refuses it with its Chinese message.
 */
export function readDateCell(cell: string | number | boolean): string {
  if (typeof cell === 'number') return dateOfSerial(cell) ?? String(cell);
  const s = String(cell);
  return parseDateSpelling(s) ?? s;
}
