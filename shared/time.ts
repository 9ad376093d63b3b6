// Asia/Shanghai date and time helpers on epoch milliseconds (fixed UTC+8, no DST); never reads the clock.

import { LedgerError } from './errors';

const HOUR_MS = 3_600_000;
/** Asia/Shanghai has been a fixed UTC+8 since 1991 (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** Years a calendar date may carry in this ledger. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/** UTC fields of an instant shifted to Shanghai wall-clock time. */
function shanghaiFields(ms: number): Date {
  if (!Number.isFinite(ms)) throw new LedgerError('INVALID_TIME', `时间戳不是有效数值：${String(ms)}`);
  return new Date(ms + SHANGHAI_OFFSET_MS);
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** True when y-m-d (month 1-based) is a real Gregorian date in 1900–2200. */
function isRealDate(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil; pure arithmetic). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** 'YYYY-MM-DD' of a day number (inverse of daysFromCivil). */
function civilFromDays(z: number): string {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new LedgerError('INVALID_DATE', `日期超出支持范围（${MIN_YEAR}–${MAX_YEAR} 年）`);
  }
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** Day number of a real 'YYYY-MM-DD' in 1900–2200, or NaN; hand-parsed because it runs per day in deadline loops. */
function dayNumberOrNaN(s: string): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  let y = 0;
  let m = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    if (i < 4) y = y * 10 + c;
    else if (i < 7) m = m * 10 + c;
    else d = d * 10 + c;
  }
  return isRealDate(y, m, d) ? daysFromCivil(y, m, d) : NaN;
}

/** Shanghai calendar date of an instant, 'YYYY-MM-DD'. */
export function shanghaiDate(ms: number): string {
  const t = shanghaiFields(ms);
  return `${pad4(t.getUTCFullYear())}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}

/** Shanghai calendar year of an instant. */
export function shanghaiYear(ms: number): number {
  return shanghaiFields(ms).getUTCFullYear();
}

/** An instant as ISO 8601 in Shanghai time, seconds precision (milliseconds dropped), always '+08:00'. */
export function formatShanghai(ms: number): string {
  const t = shanghaiFields(Math.floor(ms / 1000) * 1000);
  return (
    `${pad4(t.getUTCFullYear())}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}` +
    `T${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}+08:00`
  );
}

/**
 * Parses an ISO 8601 date-time to epoch ms, or null when malformed or impossible.
 * Accepts 'YYYY-MM-DDTHH:mm[:ss[.fff]]' followed by 'Z', '+hh:mm', '+hhmm' or nothing;
 * without an offset the time is read as Shanghai local time. Hour 24 and leap seconds are refused;
 * fractions beyond milliseconds are truncated. Years outside 1900–2200 are refused.
 */
export function parseIsoTime(s: string): number | null {
  if (typeof s !== 'string') return null;
  const m = TIME_RE.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  const frac = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (!isRealDate(y, mo, d) || h > 23 || mi > 59 || sec > 59) return null;
  let offsetMs: number;
  if (m[8] !== undefined) {
    offsetMs = 0;
  } else if (m[9] !== undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return null;
    offsetMs = (m[9] === '-' ? -1 : 1) * (oh * HOUR_MS + om * 60_000);
  } else {
    offsetMs = SHANGHAI_OFFSET_MS;
  }
  const wall = Date.UTC(y, mo - 1, d, h, mi, sec, frac);
  // Round-trip check: the wall-clock fields must come back unchanged (no silent rollover).
  const back = new Date(wall);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== sec
  ) {
    return null;
  }
  return wall - offsetMs;
}

/** VAL22: the ways people here write a date: 2026-11-28, 2026/11/28, 2026.11.28, 2026年11月28日 (month, day 1–2 digits). */
const DATE_SPELLING = /^(\d{4})\s*(?:-|\/|\.|年)\s*(\d{1,2})\s*(?:-|\/|\.|月)\s*(\d{1,2})\s*日?$/u;

/**
 * VAL22: a date as people type it, as 'YYYY-MM-DD'; null when it is not one of the spellings or not a real date.
 * The one parser of typed dates: command inputs (the pane's forms, the API) and the sheet's cells both go through it.
 */
export function parseDateSpelling(s: string): string | null {
  const m = DATE_SPELLING.exec(s.trim());
  if (m === null) return null;
  const [, y, mo, d] = m;
  const iso = `${y}-${(mo ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
  // one separator style per date: 2026-11/28 is a typo, not a date
  const seps = s.trim().replace(/\d/gu, '').replace(/\s/gu, '');
  if (!['--', '//', '..', '年月', '年月日'].includes(seps)) return null;
  return isValidDate(iso) ? iso : null;
}

/** True for a real calendar date written 'YYYY-MM-DD' with a year in 1900–2200. */
export function isValidDate(s: string): boolean {
  return !Number.isNaN(dayNumberOrNaN(s));
}

/** Days since 1970-01-01 of a valid 'YYYY-MM-DD'; throws INVALID_DATE otherwise. */
function dayNumber(date: string): number {
  const n = dayNumberOrNaN(date);
  if (Number.isNaN(n)) {
    throw new LedgerError('INVALID_DATE', `日期不正确：${String(date)}（应为 YYYY-MM-DD 且为真实存在的日期）`);
  }
  return n;
}

/** The instant at which the Shanghai day 'YYYY-MM-DD' ends, as '<date>T23:59:59+08:00'. */
export function endOfShanghaiDay(date: string): string {
  dayNumber(date);
  return `${date}T23:59:59+08:00`;
}

/** The calendar date n days after (n < 0: before) the given date. */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new LedgerError('INVALID_NUMBER', `天数应为整数：${String(n)}`);
  return civilFromDays(dayNumber(date) + n);
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}
