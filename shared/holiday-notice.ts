// CAL10: a notice for a year the calendar has no data for must be the whole year's notice, not a few days of it.
import { builtInYears } from './calendar';
import type { Result } from './errors';
import { fail, ok } from './errors';
import type { HolidayFile, HolidayFileRules } from './holiday-file';
import { parseHolidayFile } from './holiday-file';

/**
 * The seven statutory holidays (《全国年节及纪念日放假办法》) every State Council notice arranges, as holiday-cn names
 * them (a merged span such as “中秋节、国庆节” names two).
 */
export const STATUTORY_HOLIDAYS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'] as const;

/** The holidays of the seven that have no day off named after them (the name's first two characters suffice: 清明). */
export function missingHolidays(file: HolidayFile): string[] {
  const offNames = file.days.filter((d) => d.isOffDay).map((d) => d.name);
  return STATUTORY_HOLIDAYS.filter((h) => !offNames.some((n) => n.includes(h.slice(0, 2))));
}

/**
 * CAL2 + CAL10: the shared validator, then, for a year the built-in data does not cover, completeness: a day off
 * named for each of the seven holidays; otherwise INVALID_HOLIDAY_FILE naming the missing ones. A notice for a year
 * already covered (a local closure, a correction) may list any days.
 */
export function parseNotice(json: unknown, rules: HolidayFileRules = {}): Result<HolidayFile> {
  const r = parseHolidayFile(json, rules);
  if (!r.ok || builtInYears().includes(r.value.year)) return r;
  const missing = missingHolidays(r.value);
  if (missing.length === 0) return ok(r.value);
  return fail(
    'INVALID_HOLIDAY_FILE',
    `节假日文件格式不正确：${r.value.year}年的节假日安排不完整，缺少${missing.join('、')}的放假日期。` +
      '请导入国务院办公厅当年通知的全部放假和调休安排，否则该年其余日期会被误当作已有日历数据',
    'days',
  );
}
