// IMP2: dates as offices write them — date cells, Excel serial numbers, 2025年11月3日, 2025.11.3, 2025/11/3, 2025-11-03.
import { formatShanghai, isValidDate, parseIsoTime } from '../time';
import { folded } from './plain';
import type { GridCell } from './types';

/** A date inside free text: 2025年11月3日, or y-m-d with one separator (- / .) used twice. */
const TEXT_DATE = /(?<!\d)(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})|([-/.])\s*(\d{1,2})\s*\4\s*(\d{1,2}))(?!\d)/g;
/** A date typed as one number: 20251103. */
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const DAY_MS = 86_400_000;
/** The largest serial Excel shows as a date (9999-12-31). */
const MAX_SERIAL = 2_958_465;
/** IMP2: a date alone in a time column (交办日期 …) is read as 09:00 Shanghai time, the start of the office day. */
export const DEFAULT_TIME_OF_DAY = '09:00:00';

function ymd(y: string, m: string, d: string): string | null {
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isValidDate(date) ? date : null;
}

/** Every real date written in a text, in order. */
export function findDates(text: string): string[] {
  const out: string[] = [];
  for (const m of folded(text).matchAll(TEXT_DATE)) {
    const date = m[2] !== undefined ? ymd(m[1] ?? '', m[2], m[3] ?? '') : ymd(m[1] ?? '', m[5] ?? '', m[6] ?? '');
    if (date !== null) out.push(date);
  }
  return out;
}

/** IMP2: the first real date written in a text ("2025-11-03实地回访，基本满意" → 2025-11-03), or null. */
export function findDate(text: string): string | null {
  return findDates(text)[0] ?? null;
}

/** An Excel serial day number (1900 date system, its phantom 1900-02-29 skipped) as a date, or null. */
export function serialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > MAX_SERIAL) return null;
  const day = Math.floor(serial);
  if (day === 60) return null;
  const base = day < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(base + day * DAY_MS).toISOString().slice(0, 10);
  return isValidDate(date) ? date : null;
}

function compactDate(text: string): string | null {
  const m = COMPACT.exec(text);
  return m ? ymd(m[1] ?? '', m[2] ?? '', m[3] ?? '') : null;
}

/** IMP2: the date a cell of a date column holds: a date cell, a serial number, 20251103 or a date in its text. */
export function readDateCell(cell: GridCell | undefined): string | null {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return null;
  if (typeof cell === 'number') return compactDate(String(cell)) ?? serialDate(cell);
  if (typeof cell === 'string') {
    const t = folded(cell).trim();
    return compactDate(t) ?? findDate(t);
  }
  if ('date' in cell) return isValidDate(cell.date) ? cell.date : null;
  return cell.cached === undefined || cell.cached === null ? null : readDateCell(cell.cached);
}

/** The wall-clock time of an Excel serial's fraction, or null at midnight (a date alone). */
function serialTime(serial: number): string | null {
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  if (seconds === 0 || seconds >= 86_400) return null;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** IMP2: the time a cell of a time column holds, ISO 8601 in Shanghai time; a date alone is read at 09:00. */
export function readTimeCell(cell: GridCell | undefined): string | null {
  if (typeof cell === 'string') {
    const ms = parseIsoTime(
      folded(cell)
        .trim()
        .replace(/^(\d{4}-\d{2}-\d{2})\s+(?=\d{2}:)/, '$1T'),
    );
    if (ms !== null) return formatShanghai(ms);
  }
  if (cell !== null && typeof cell === 'object' && 'formula' in cell) {
    return cell.cached === undefined || cell.cached === null ? null : readTimeCell(cell.cached);
  }
  const date = readDateCell(cell);
  if (date === null) return null;
  const time = typeof cell === 'number' && compactDate(String(cell)) === null ? serialTime(cell) : null;
  return `${date}T${time ?? DEFAULT_TIME_OF_DAY}+08:00`;
}
