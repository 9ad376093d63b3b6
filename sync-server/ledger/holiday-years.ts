// CAL5: the calendar in use: built-in data, then the HOLIDAYS_FILE notices, then the years the office uploaded.
import type { Calendar, HolidayFile } from '../../shared/calendar';
import { createCalendar } from '../../shared/calendar';
import type { HolidayYearRow } from '../store/store';
import type { UnitOfWork } from './unit-of-work';

export class HolidayYears {
  private uploaded = new Map<number, HolidayYearRow>();
  private cal: Calendar;

  constructor(readonly files: readonly HolidayFile[]) {
    this.cal = this.calendarWith(null);
  }

  /** The calendar in use now. */
  get calendar(): Calendar {
    return this.cal;
  }

  /** Replaces the uploaded years with what the store holds (start, reload after a failed write). */
  load(rows: readonly HolidayYearRow[]): void {
    this.uploaded = new Map(rows.map((y) => [y.year, y]));
    this.cal = this.calendarWith(null);
  }

  /** The uploaded years, ascending. */
  list(): HolidayYearRow[] {
    return [...this.uploaded.values()].sort((a, b) => a.year - b.year);
  }

  /** The calendar there would be with `row` in place of its year's upload (null: as it is). */
  calendarWith(row: HolidayYearRow | null): Calendar {
    const uploaded = new Map(this.uploaded);
    if (row !== null) uploaded.set(row.year, row);
    const years = [...uploaded.values()].sort((a, b) => a.year - b.year);
    return createCalendar([...this.files, ...years.map((y) => ({ year: y.year, days: y.days }))]);
  }

  /**
   * Puts `row` into use once `unit` is durable (CAL8): the store write comes first, so a failing store leaves the
   * calendar in force as it was. The calendar is built when the unit commits, from the years in use then.
   */
  use(unit: UnitOfWork, row: HolidayYearRow): void {
    unit.write({ kind: 'holidayYear', row });
    unit.onCommit(() => {
      this.cal = this.calendarWith(row);
      this.uploaded = new Map(this.uploaded).set(row.year, row);
    });
  }
}
