// CAL10/CAL12: a notice for a year the calendar has no data for must be the whole year's notice, not a few days of it.
import { builtInYears } from './calendar';
import type { Result } from './errors';
import { fail, ok } from './errors';
import type { HolidayFile, HolidayFileRules } from './holiday-file';
import { parseHolidayFile } from './holiday-file';

/**
 * The seven statutory holidays (《全国年节及纪念日放假办法》, as amended for 2008 on) every State Council notice
 * arranges, as holiday-cn names them (a merged span such as “中秋节、国庆节” names two).
 */
export const STATUTORY_HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;
type Holiday = (typeof STATUTORY_HOLIDAYS)[number];

/** CAL12: before 2008 the law had four holidays (10 days); 清明、端午、中秋 came with the 2008 amendment. */
function holidaysOf(year: number): readonly Holiday[] {
  return year < 2008 ? ['元旦', '春节', '劳动节', '国庆节'] : STATUTORY_HOLIDAYS;
}

/** CAL12: the days of statutory holiday the law grants (1999: 10; 2008: 11; 2025: 13) — a notice gives no fewer off. */
function legalDaysOff(year: number): number {
  return year < 2008 ? 10 : year < 2025 ? 11 : 13;
}

/**
 * CAL12: where each holiday's days off can fall (MM-DD, inclusive; 元旦 wraps the year): the lunar ones over the
 * range of their dates, widened by the weekend a span may bridge — every year of the built-in data (2004–2026) fits.
 */
const WINDOWS: Record<Holiday, readonly [string, string]> = {
  元旦: ['12-30', '01-03'],
  春节: ['01-20', '02-25'],
  清明节: ['04-01', '04-07'],
  劳动节: ['04-28', '05-07'],
  端午节: ['05-26', '06-28'],
  中秋节: ['09-05', '10-08'],
  国庆节: ['09-28', '10-09'],
};

/** The short names chinese-days and some notices use. */
const ALIASES: Readonly<Record<string, Holiday>> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** CAL12: the holidays a day's name names: split on 、，, and matched whole (never a substring of a longer name). */
export function holidaysNamed(name: string): Holiday[] {
  return name
    .split(/[、，,]/)
    .map((part) => part.trim())
    .flatMap((part) => {
      const h = ALIASES[part] ?? part;
      return (STATUTORY_HOLIDAYS as readonly string[]).includes(h) ? [h as Holiday] : [];
    });
}

function inWindow(date: string, [from, to]: readonly [string, string]): boolean {
  const md = date.slice(5);
  return from <= to ? md >= from && md <= to : md >= from || md <= to;
}

/** CAL10/CAL12: what makes `file` less than a whole year's notice (Chinese, one clause each); empty when whole. */
export function noticeGaps(file: HolidayFile): string[] {
  const off = file.days.filter((d) => d.isOffDay);
  const named = (h: Holiday) => off.filter((d) => holidaysNamed(d.name).includes(h));
  const gaps: string[] = [];
  const missing = holidaysOf(file.year).filter(
    // a 中秋 merged into 国庆 may be named for 国庆 alone: its span is then longer than 国庆's 7 days
    (h) => named(h).length === 0 && !(h === '中秋节' && named('国庆节').length >= 8),
  );
  if (missing.length > 0) gaps.push(`缺少${missing.join('、')}的放假日期`);
  for (const h of holidaysOf(file.year)) {
    const wrong = named(h).filter((d) => !inWindow(d.date, WINDOWS[h]));
    if (wrong.length > 0) gaps.push(`${h}的放假日期${wrong.map((d) => d.date).join('、')}不在该节日可能的日期范围内`);
  }
  const least = legalDaysOff(file.year);
  if (off.length < least) gaps.push(`放假日期只有${off.length}天，少于法定节假日的${least}天`);
  return gaps;
}

/**
 * CAL2 + CAL10/CAL12: the shared validator, then, for a year the built-in data does not cover, completeness: each
 * statutory holiday named, its days off where it can fall, and as many days off as the law grants; otherwise
 * INVALID_HOLIDAY_FILE naming what is wrong. A notice for a year already covered (a local closure, a correction) may
 * list any days.
 */
export function parseNotice(json: unknown, rules: HolidayFileRules = {}): Result<HolidayFile> {
  const r = parseHolidayFile(json, rules);
  if (!r.ok || builtInYears().includes(r.value.year)) return r;
  const gaps = noticeGaps(r.value);
  if (gaps.length === 0) return ok(r.value);
  return fail(
    'INVALID_HOLIDAY_FILE',
    `节假日文件格式不正确：${r.value.year}年的节假日安排不完整：${gaps.join('；')}。` +
      '请导入国务院办公厅当年通知的全部放假和调休安排，否则该年其余日期会被误当作已有日历数据',
    'days',
  );
}
