// CAL2/CAL4: the State Council's holiday notice in holiday-cn's JSON shape, checked strictly (files and uploads alike).
import type { Result } from './errors';
import { fail, ok } from './errors';
import { hasInvisible, hasLoneSurrogate } from './text';
import { isValidDate } from './time';

/** One year's notice, in the shape of holiday-cn's per-year JSON. */
export interface HolidayFile {
  year: number;
  days: { name: string; date: string; isOffDay: boolean }[];
}

export const HOLIDAY_YEAR_MIN = 2000;
export const HOLIDAY_YEAR_MAX = 2100;
export const HOLIDAY_NAME_MAX = 50;
/** A notice lists about 30–40 days; a file with more than this is not a notice. */
export const HOLIDAY_DAYS_MAX = 100;
/** holiday-cn's own keys besides year and days: accepted and dropped. */
const EXTRA_KEYS = ['$schema', '$id', 'papers'];
const PAPERS_MAX = 20;
const LINK_MAX = 500;

export interface HolidayFileRules {
  /** The year the file must declare (the upload's path). */
  year?: number;
  /** The latest year accepted (the upload: next year and the one after); default HOLIDAY_YEAR_MAX. */
  latestYear?: number;
}

type Bad = (message: string, field?: string) => Result<never>;

const bad: Bad = (message, field) => fail('INVALID_HOLIDAY_FILE', `节假日文件格式不正确：${message}`, field);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A key or value quoted for a message: JSON escapes (no lone surrogate or control character reaches the reader), short. */
function quote(v: unknown): string {
  const s = JSON.stringify(v) ?? '空';
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function unknownKey(o: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(o).find((k) => !allowed.includes(k));
}

/** Text a person typed: no unpaired surrogate, no control or invisible character. */
function cleanText(s: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  return !hasLoneSurrogate(s) && !hasInvisible(s) && !/[\u0000-\u001F\u007F-\u009F]/.test(s);
}

function checkExtras(json: Record<string, unknown>): Result<true> {
  const stray = unknownKey(json, ['year', 'days', ...EXTRA_KEYS]);
  if (stray !== undefined) return bad(`含有不认识的键 ${quote(stray)}（只能有 year、days，以及 papers、$schema、$id）`);
  for (const key of ['$schema', '$id']) {
    const v = json[key];
    if (v !== undefined && (typeof v !== 'string' || v.length > LINK_MAX || !cleanText(v))) {
      return bad(`${key} 应为不超过 ${LINK_MAX} 个字符的网址`, key);
    }
  }
  const papers = json.papers;
  if (papers === undefined) return ok(true);
  const links = Array.isArray(papers) ? papers : null;
  if (links === null || links.length > PAPERS_MAX) return bad(`papers 应为不超过 ${PAPERS_MAX} 条网址的数组`, 'papers');
  const i = links.findIndex((p) => typeof p !== 'string' || p.length > LINK_MAX || !cleanText(p));
  if (i >= 0) return bad(`papers 第 ${i + 1} 条应为不超过 ${LINK_MAX} 个字符的网址`, `papers[${i}]`);
  return ok(true);
}

function checkYear(year: unknown, rules: HolidayFileRules): Result<number> {
  const latest = Math.min(rules.latestYear ?? HOLIDAY_YEAR_MAX, HOLIDAY_YEAR_MAX);
  if (typeof year !== 'number' || !Number.isInteger(year) || year < HOLIDAY_YEAR_MIN || year > latest) {
    return bad(`year 应为 ${HOLIDAY_YEAR_MIN}–${latest} 之间的整数年份，实为 ${quote(year)}`, 'year');
  }
  if (rules.year !== undefined && year !== rules.year) {
    return bad(`文件中的 year（${year}）与要导入的年份（${rules.year}）不一致`, 'year');
  }
  return ok(year);
}

type Day = HolidayFile['days'][number];

/** One entry of days; `seen` collects the dates so far. */
function checkDay(entry: unknown, i: number, year: number, seen: Set<string>): Result<Day> {
  const at = `第 ${i + 1} 条`;
  const field = `days[${i}]`;
  if (!isPlainObject(entry)) return bad(`${at}应为对象（含 name、date、isOffDay）`, field);
  const stray = unknownKey(entry, ['name', 'date', 'isOffDay']);
  if (stray !== undefined) return bad(`${at}含有不认识的键 ${quote(stray)}（只能有 name、date、isOffDay）`, field);
  const { name, date, isOffDay } = entry;
  if (typeof date !== 'string' || !isValidDate(date)) {
    return bad(`${at}的日期 ${quote(date)} 不是 YYYY-MM-DD 格式的真实日期`, `${field}.date`);
  }
  const label = `${at}（${date}）`;
  const dateYear = Number(date.slice(0, 4));
  // CAL2: only the 元旦 span may reach back into the year before (holiday-cn's 2019.json lists 2018-12-29 as 元旦),
  // never the rest of its December, which would rewrite deadlines of the current year
  const inPrevDecember = dateYear === year - 1 && date.slice(5) >= '12-20';
  if (dateYear !== year && !inPrevDecember) return bad(`${label}不在文件声明的 ${year} 年内`, `${field}.date`);
  if (dateYear !== year && !(typeof name === 'string' && name.includes('元旦')))
    return bad(`${label}是上一年的日期，只能属于“元旦”假期安排`, `${field}.name`);
  if (seen.has(date)) return bad(`${label}日期重复`, `${field}.date`);
  seen.add(date);
  if (typeof name !== 'string' || name.trim() === '') return bad(`${label}缺少名称 name`, `${field}.name`);
  if ([...name.trim()].length > HOLIDAY_NAME_MAX) {
    return bad(`${label}名称超过 ${HOLIDAY_NAME_MAX} 个字符`, `${field}.name`);
  }
  if (!cleanText(name))
    return bad(`${label}名称含有无法保存的字符（控制字符、不可见字符或残缺的代理对）`, `${field}.name`);
  if (typeof isOffDay !== 'boolean') {
    return bad(`${label}的 isOffDay 应为 true（休息）或 false（上班），实为 ${quote(isOffDay)}`, `${field}.isOffDay`);
  }
  return ok({ name: name.trim(), date, isOffDay });
}

/**
 * CAL2/CAL4: strictly validates one year's notice. Dates must lie in the declared year, or in December of the year
 * before: a notice whose 元旦 span starts in late December lists those days too (holiday-cn's 2019.json has
 * 2018-12-29 as a 调休 working day). Unknown keys (`__proto__` included) are refused, never ignored; nothing is
 * walked deeper than the shape, so nesting cannot exhaust the stack. Only year and days are kept.
 */
export function parseHolidayFile(json: unknown, rules: HolidayFileRules = {}): Result<HolidayFile> {
  if (!isPlainObject(json)) return bad('文件内容应为 JSON 对象（含 year 与 days）');
  const extras = checkExtras(json);
  if (!extras.ok) return extras;
  const year = checkYear(json.year, rules);
  if (!year.ok) return year;
  const days = json.days;
  if (!Array.isArray(days)) return bad('days 应为数组', 'days');
  if (days.length === 0) return bad(`days 为空，${year.value}年没有任何节假日安排，不能据此视为已有日历数据`, 'days');
  if (days.length > HOLIDAY_DAYS_MAX)
    return bad(`days 条目过多（${days.length} 条，最多 ${HOLIDAY_DAYS_MAX} 条）`, 'days');
  const seen = new Set<string>();
  const out: Day[] = [];
  for (let i = 0; i < days.length; i++) {
    const d = checkDay(days[i], i, year.value, seen);
    if (!d.ok) return d;
    out.push(d.value);
  }
  return ok({ year: year.value, days: out });
}
