// ADDIN30: the pane's period choice (全部/年/季度/月/自定义) as the query of GET /api/stats, checked by the shared rule (pure).
import type { Result } from '../../shared/errors';
import type { Period, PeriodInput } from '../../shared/stats/period';
import { readPeriod } from '../../shared/stats/period';

export const PERIOD_KINDS = [
  ['all', '全部'],
  ['year', '年'],
  ['quarter', '季度'],
  ['month', '月'],
  ['range', '自定义'],
] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number][0];

/** What the form holds (strings as typed); only the fields of the kind are used. */
export interface PeriodChoice {
  kind: PeriodKind;
  year: string;
  quarter: string;
  month: string;
  from: string;
  to: string;
}

export function defaultChoice(today: string): PeriodChoice {
  const month = String(Number(today.slice(5, 7)));
  return {
    kind: 'all',
    year: today.slice(0, 4),
    quarter: String(Math.ceil(Number(month) / 3)),
    month,
    from: `${today.slice(0, 4)}-01-01`,
    to: today,
  };
}

/** The query parameters of a choice (empty custom bounds left out: open on that side). */
export function periodInput(c: PeriodChoice): PeriodInput {
  const year = c.year.trim();
  switch (c.kind) {
    case 'all':
      return {};
    case 'year':
      return { year };
    case 'quarter':
      return { year, quarter: c.quarter };
    case 'month':
      return { year, month: c.month };
    case 'range':
      return {
        ...(c.from.trim() === '' ? {} : { from: c.from.trim() }),
        ...(c.to.trim() === '' ? {} : { to: c.to.trim() }),
      };
  }
}

/** STAT2 in the pane: the same rule and Chinese message as the server, before anything is sent. */
export function checkChoice(c: PeriodChoice): Result<{ input: PeriodInput; period: Period }> {
  const input = periodInput(c);
  const r = readPeriod(input);
  return r.ok ? { ok: true, value: { input, period: r.value } } : r;
}
