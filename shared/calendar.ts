// Working-day calendar: State Council holidays and 调休 from chinese-days, plus override files in holiday-cn shape.

import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { HolidayFile } from './holiday-file';
import { dayOfWeek } from './time';

export type { HolidayFile } from './holiday-file';
export { parseHolidayFile } from './holiday-file';

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

/** CAL1: the years the built-in chinese-days data covers, ascending. */
export function builtInYears(): number[] {
  return [...base().years].sort((x, y) => x - y);
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
