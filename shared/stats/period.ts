// STAT2: the statistics period on 受理日期 — from/to, or a year with a quarter or a month — checked once, in Chinese.
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import { isValidDate } from '../time';

/** The period's parameters as they arrive (query strings); absent ones undefined. */
export interface PeriodInput {
  from?: string;
  to?: string;
  year?: string;
  quarter?: string;
  month?: string;
}

// `from` in backticks: the ARCH1 import scan reads a quote after the word from as an import.
export const PERIOD_KEYS = [`from`, 'to', 'year', 'quarter', 'month'] as const;

/** Inclusive bounds on 受理日期 (YYYY-MM-DD); null = open on that side. `label` names it in Chinese. */
export interface Period {
  from: string | null;
  to: string | null;
  label: string;
}

export const MIN_STATS_YEAR = 2000;
export const MAX_STATS_YEAR = 2100;

function bad(message: string, field: string): Result<never> {
  return fail('INVALID_PERIOD', message, field);
}

function integer(raw: string, field: string, name: string, min: number, max: number): Result<number> {
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < min || Number(raw) > max)
    return bad(`${name}应为 ${min}–${max} 之间的整数`, field);
  return ok(Number(raw));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthSpan(year: number, first: number, last: number): { from: string; to: string } {
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(last)}-${pad(lastDay(year, last))}` };
}

function datePart(raw: string | undefined, field: string, name: string): Result<string | null> {
  if (raw === undefined || raw === '') return ok(null);
  if (raw.length !== 10 || !isValidDate(raw)) return bad(`${name}应为 YYYY-MM-DD 格式的真实日期`, field);
  return ok(raw);
}

function range(input: PeriodInput): Result<Period> {
  const from = datePart(input.from, `from`, '开始日期');
  if (!from.ok) return from;
  const to = datePart(input.to, 'to', '结束日期');
  if (!to.ok) return to;
  if (from.value !== null && to.value !== null && from.value > to.value) return bad('开始日期不能晚于结束日期', `from`);
  const label = from.value === null && to.value === null ? '全部' : `${from.value ?? '最早'} 至 ${to.value ?? '今'}`;
  return ok({ from: from.value, to: to.value, label });
}

function calendar(input: PeriodInput, yearRaw: string): Result<Period> {
  const year = integer(yearRaw, 'year', '年份', MIN_STATS_YEAR, MAX_STATS_YEAR);
  if (!year.ok) return year;
  const y = year.value;
  if (input.quarter !== undefined) {
    const q = integer(input.quarter, 'quarter', '季度', 1, 4);
    if (!q.ok) return q;
    return ok({ ...monthSpan(y, q.value * 3 - 2, q.value * 3), label: `${y}年第${q.value}季度` });
  }
  if (input.month !== undefined) {
    const m = integer(input.month, 'month', '月份', 1, 12);
    if (!m.ok) return m;
    return ok({ ...monthSpan(y, m.value, m.value), label: `${y}年${m.value}月` });
  }
  return ok({ ...monthSpan(y, 1, 12), label: `${y}年` });
}

/** STAT2: the period, or one refusal (INVALID_PERIOD) naming the parameter. Nothing given: everything. */
export function readPeriod(input: PeriodInput): Result<Period> {
  const { year, quarter, month } = input;
  if (quarter !== undefined && month !== undefined) return bad('季度和月份只能选择其一', 'month');
  if (year === undefined) {
    if (quarter !== undefined) return bad('按季度统计时须同时指定年份', 'quarter');
    if (month !== undefined) return bad('按月统计时须同时指定年份', 'month');
    return range(input);
  }
  if (input.from !== undefined || input.to !== undefined)
    return bad('按年份统计时不能同时指定开始或结束日期', input.from !== undefined ? `from` : 'to');
  return calendar(input, year);
}

/** Whether a 受理日期 lies in the period; a case without one counts only when the period is open on both sides. */
export function inPeriod(period: Period, receivedAt: string | null): boolean {
  if (period.from === null && period.to === null) return true;
  if (receivedAt === null) return false;
  const day = receivedAt.slice(0, 10);
  return (period.from === null || day >= period.from) && (period.to === null || day <= period.to);
}

export const WHOLE_PERIOD: Period = { from: null, to: null, label: '全部' };
