// Working-day calendar: State Council holidays and 调休 from chinese-days, plus override files in holiday-cn shape.

import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { Result } from './errors';
import { fail, ok } from './errors';
import { dayOfWeek, isValidDate } from './time';

/** One override file, in the shape of holiday-cn's per-year JSON (extra keys such as `papers` are ignored). */
export interface HolidayFile {
  year: number;
  days: { name: string; date: string; isOffDay: boolean }[];
}

/** Which days are worked, for one deployment (base data + its override files). */
export interface Calendar {
  /** True when the base package or an override file covers this year. */
  hasData(year: number): boolean;
  /** Override entry wins; then base holiday (off) / base 调休 make-up day (on); else Monday–Friday. */
  isWorkingDay(date: string): boolean;
  /** Name of the holiday or 调休 make-up day on this date (e.g. '国庆节'), or null for an ordinary day. */
  dayName(date: string): string | null;
  /** Years with data, ascending. */
  coveredYears(): number[];
}

export const HOLIDAY_YEAR_MIN = 2000;
export const HOLIDAY_YEAR_MAX = 2100;
export const HOLIDAY_NAME_MAX = 50;
export const HOLIDAY_DAYS_MAX = 400;

/** chinese-days writes "English,中文,n"; holiday-cn (and the notices) say 清明节/端午节/中秋节. */
const NAME_FIX: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

interface BaseDay {
  readonly off: boolean;
  readonly name: string;
}

function chineseName(raw: string): string {
  const parts = raw.split(',');
  const zh = (parts.length >= 2 ? parts[1] : parts[0])?.trim() ?? '';
  return NAME_FIX[zh] ?? zh;
}

/** The chinese-days base data, indexed once per process. */
let baseIndex: { days: Map<string, BaseDay>; years: Set<number> } | null = null;

function base(): { days: Map<string, BaseDay>; years: Set<number> } {
  if (baseIndex) return baseIndex;
  const data = chineseDays as unknown as { holidays: Record<string, string>; workdays: Record<string, string> };
  const days = new Map<string, BaseDay>();
  const years = new Set<number>();
  for (const [date, raw] of Object.entries(data.holidays)) {
    days.set(date, { off: true, name: chineseName(raw) });
    years.add(Number(date.slice(0, 4)));
  }
  for (const [date, raw] of Object.entries(data.workdays)) {
    days.set(date, { off: false, name: chineseName(raw) });
    years.add(Number(date.slice(0, 4)));
  }
  baseIndex = { days, years };
  return baseIndex;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Strictly validates an override file. Dates must lie in the declared year, or in December of the
 * year before: holiday-cn files carry the 元旦 span of a notice that starts in late December
 * (e.g. its 2019.json lists 2018-12-29 as a 调休 working day). Duplicate dates are refused.
 */
export function parseHolidayFile(json: unknown): Result<HolidayFile> {
  const bad = (message: string, field?: string): Result<HolidayFile> =>
    fail('INVALID_HOLIDAY_FILE', `节假日文件格式不正确：${message}`, field);
  if (!isPlainObject(json)) return bad('文件内容应为 JSON 对象（含 year 与 days）');
  const year = json.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < HOLIDAY_YEAR_MIN || year > HOLIDAY_YEAR_MAX) {
    return bad(
      `year 应为 ${HOLIDAY_YEAR_MIN}–${HOLIDAY_YEAR_MAX} 之间的整数年份，实为 ${JSON.stringify(year) ?? '空'}`,
      'year',
    );
  }
  const days = json.days;
  if (!Array.isArray(days)) return bad('days 应为数组', 'days');
  if (days.length === 0) return bad(`days 为空，${year}年没有任何节假日安排，不能据此视为已有日历数据`, 'days');
  if (days.length > HOLIDAY_DAYS_MAX)
    return bad(`days 条目过多（${days.length} 条，最多 ${HOLIDAY_DAYS_MAX} 条）`, 'days');
  const seen = new Set<string>();
  const out: HolidayFile['days'] = [];
  for (let i = 0; i < days.length; i++) {
    const entry: unknown = days[i];
    const at = `第 ${i + 1} 条`;
    const field = `days[${i}]`;
    if (!isPlainObject(entry)) return bad(`${at}应为对象（含 name、date、isOffDay）`, field);
    const { name, date, isOffDay } = entry;
    const label = typeof date === 'string' ? `${at}（${date}）` : at;
    if (typeof date !== 'string' || !isValidDate(date)) {
      return bad(`${at}的日期 ${JSON.stringify(date) ?? '空'} 不是 YYYY-MM-DD 格式的真实日期`, `${field}.date`);
    }
    const dateYear = Number(date.slice(0, 4));
    const inPrevDecember = dateYear === year - 1 && date.slice(5, 7) === '12';
    if (dateYear !== year && !inPrevDecember) {
      return bad(`${label}不在文件声明的 ${year} 年内`, `${field}.date`);
    }
    if (seen.has(date)) return bad(`${label}日期重复`, `${field}.date`);
    seen.add(date);
    if (typeof name !== 'string' || name.trim() === '') return bad(`${label}缺少名称 name`, `${field}.name`);
    if (name.trim().length > HOLIDAY_NAME_MAX) {
      return bad(`${label}名称超过 ${HOLIDAY_NAME_MAX} 个字符`, `${field}.name`);
    }
    if (typeof isOffDay !== 'boolean') {
      return bad(
        `${label}的 isOffDay 应为 true（休息）或 false（上班），实为 ${JSON.stringify(isOffDay) ?? '空'}`,
        `${field}.isOffDay`,
      );
    }
    out.push({ name: name.trim(), date, isOffDay });
  }
  return ok({ year, days: out });
}

/**
 * Builds the calendar from the chinese-days data and the given override files (already parsed);
 * where two files name the same date, the later file wins. Lookups are O(1) Map hits, memoized per date.
 */
export function createCalendar(overrides: HolidayFile[] = []): Calendar {
  const b = base();
  const overrideDays = new Map<string, BaseDay>();
  const years = new Set<number>(b.years);
  for (const file of overrides) {
    years.add(file.year);
    for (const d of file.days) overrideDays.set(d.date, { off: d.isOffDay, name: d.name });
  }
  const covered = [...years].sort((x, y) => x - y);
  const lookup = (date: string): BaseDay | undefined => overrideDays.get(date) ?? b.days.get(date);
  /** Answers already given; at most one entry per valid date (1900–2200), so it stays small. */
  const memo = new Map<string, boolean>();
  return {
    hasData: (year) => years.has(year),
    isWorkingDay(date) {
      const known = memo.get(date);
      if (known !== undefined) return known;
      const weekday = dayOfWeek(date); // also validates the date
      const special = lookup(date);
      const working = special ? !special.off : weekday >= 1 && weekday <= 5;
      memo.set(date, working);
      return working;
    },
    dayName(date) {
      dayOfWeek(date); // validates the date
      return lookup(date)?.name ?? null;
    },
    coveredYears: () => [...covered],
  };
}
