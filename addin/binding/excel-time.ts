// BIND43: server-owned times as Excel date-times: the Shanghai day's serial plus its minutes, read back to the minute.
import { formatShanghai, parseIsoTime } from '../../shared/time';
import { dateOfSerial, serialOfDate } from './excel-date';

/** BIND43: how time cells show: a Chinese date and the minute, still a real date-time for Excel's filters. */
export const TIME_FORMAT = 'yyyy"年"m"月"d"日" hh:mm';

const MINUTES_PER_DAY = 1440;

/**
 * The smallest number of 15 significant digits that is not below `x`: Excel keeps 15 significant digits
 * (https://learn.microsoft.com/office/troubleshoot/excel/floating-point-arithmetic-inaccurate-result), so the cell gives
 * back exactly this number, and a minute's serial is never below the minute (never earlier than the server's).
 */
export function excelNumber(x: number): number {
  const p = Number(x.toPrecision(15));
  if (p >= x || x === 0) return p;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 14);
  return Number((p + step).toPrecision(15));
}

/**
 * BIND43: the serial of the server's ISO time as the sheet shows it: the Shanghai calendar day's serial plus the
 * minutes of its Shanghai time of day (seconds are not shown; the BIND30 rules add them back as the end of the minute).
 * Null for anything that is not a time of 1900–2200.
 */
export function serialOfTime(iso: string): number | null {
  const ms = parseIsoTime(iso);
  if (ms === null) return null;
  const shanghai = formatShanghai(ms); // YYYY-MM-DDTHH:mm:ss+08:00
  const day = serialOfDate(shanghai.slice(0, 10));
  if (day === null) return null;
  const minutes = Number(shanghai.slice(11, 13)) * 60 + Number(shanghai.slice(14, 16));
  return excelNumber(day + minutes / MINUTES_PER_DAY);
}

/** BIND43: the minute a serial shows, 'YYYY-MM-DD HH:mm' (Shanghai, as the pane shows it); null for no day. */
export function timeOfSerial(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const minutes = Math.round(serial * MINUTES_PER_DAY);
  const day = Math.floor(minutes / MINUTES_PER_DAY);
  const date = dateOfSerial(day);
  if (date === null) return null;
  const rest = minutes - day * MINUTES_PER_DAY;
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${date} ${two(Math.floor(rest / 60))}:${two(rest % 60)}`;
}
