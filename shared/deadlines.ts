// Handling deadlines (办结时限), 督办 reply deadlines and the overdue/dueSoon warning (TIME1–TIME4, CAL3).

import type { Calendar } from './calendar';
import { LedgerError } from './errors';
import { addDays, endOfShanghaiDay, formatShanghai, parseIsoTime, shanghaiDate } from './time';
import type { CaseKind, Warning } from './vocabulary';

export type { CaseKind, Warning };

const HOUR_MS = 3_600_000;

/** Time limit of each kind of case: 咨询类 24 hours, 一般诉求 5 working days, 疑难诉求 20 working days. */
export const KIND_LIMIT = {
  consult: { unit: 'hours', amount: 24 },
  general: { unit: 'workingDays', amount: 5 },
  complex: { unit: 'workingDays', amount: 20 },
} as const satisfies Record<CaseKind, { unit: 'hours' | 'workingDays'; amount: number }>;

/** A consultation is dueSoon when at most this much time is left. */
export const CONSULT_DUE_SOON_MS = 4 * HOUR_MS;
/** 督办单 reply is due at the end of this many calendar days after the issue date. */
export const SUPERVISION_REPLY_DAYS = 5;
/** Statuses under the clock: assigned (已交办) and handling (办理中). */
export const CLOCK_STATUSES: readonly string[] = ['assigned', 'handling'];

export interface Deadline {
  /** ISO 8601 with '+08:00', e.g. '2026-10-13T23:59:59+08:00'. */
  dueAt: string;
  /** Shanghai date of dueAt, 'YYYY-MM-DD'. */
  dueDate: string;
  /** Chinese reason when the date rests on a Mon–Fri guess for a year without calendar data; else null. */
  provisional: string | null;
}

/** The Chinese reason attached to a deadline counted through years without holiday data. */
export function provisionalReason(years: readonly number[]): string {
  const list = [...years]
    .sort((a, b) => a - b)
    .map(String)
    .join('、');
  return `${list}年节假日安排尚未纳入日历，时限按周一至周五暂估，待市营商办导入该年节假日安排后自动重算`;
}

/**
 * The nth working day after startDate; the start day itself is never counted.
 * n = 0 returns startDate unchanged (no working day is added, nothing is examined), whatever day it is.
 * Days in years without calendar data are counted Monday–Friday and make the result provisional.
 * Throws INVALID_NUMBER for a negative or non-integer n, INVALID_DATE for a bad startDate.
 */
export function addWorkingDays(
  cal: Calendar,
  startDate: string,
  n: number,
): { date: string; provisional: string | null } {
  if (!Number.isInteger(n) || n < 0) {
    throw new LedgerError('INVALID_NUMBER', `工作日数应为非负整数：${String(n)}`);
  }
  let date = addDays(startDate, 0); // validates startDate
  let missing: Set<number> | null = null;
  let checkedYear = -1;
  let remaining = n;
  while (remaining > 0) {
    date = addDays(date, 1);
    const year = Number(date.slice(0, 4));
    if (year !== checkedYear) {
      checkedYear = year;
      if (!cal.hasData(year)) (missing ??= new Set()).add(year);
    }
    if (cal.isWorkingDay(date)) remaining--;
  }
  return { date, provisional: missing ? provisionalReason([...missing]) : null };
}

/** The largest extension allowed for a kind: at most the original limit (延长时限不得超过原办理时限的1倍). */
function checkExtra(kind: CaseKind, extra: number): void {
  const limit = KIND_LIMIT[kind];
  if (!Number.isInteger(extra) || extra < 0) {
    throw new LedgerError('INVALID_NUMBER', `延长时限应为非负整数：${String(extra)}`);
  }
  if (extra > limit.amount) {
    const unit = limit.unit === 'hours' ? '小时' : '个工作日';
    throw new LedgerError('EXTENSION_TOO_LONG', `延长时限不得超过原办理时限的1倍（最多延长 ${limit.amount} ${unit}）`);
  }
}

/**
 * Due time of a case assigned at assignedAtMs, with `extra` from an approved extension
 * (hours for consult, working days otherwise; at most the original limit).
 * consult: exactly assignedAt + (24 + extra) hours. general/complex: 23:59:59 Shanghai of the
 * (limit + extra)th working day after the Shanghai date of assignment.
 */
export function computeDueAt(cal: Calendar, kind: CaseKind, assignedAtMs: number, extra = 0): Deadline {
  if (!Number.isFinite(assignedAtMs)) {
    throw new LedgerError('INVALID_TIME', `交办时间不正确：${String(assignedAtMs)}`);
  }
  checkExtra(kind, extra);
  const limit = KIND_LIMIT[kind];
  if (limit.unit === 'hours') {
    const dueMs = assignedAtMs + (limit.amount + extra) * HOUR_MS;
    return { dueAt: formatShanghai(dueMs), dueDate: shanghaiDate(dueMs), provisional: null };
  }
  const r = addWorkingDays(cal, shanghaiDate(assignedAtMs), limit.amount + extra);
  return { dueAt: endOfShanghaiDay(r.date), dueDate: r.date, provisional: r.provisional };
}

/**
 * Warning of one case at nowMs. Only assigned/handling cases are under the clock; a case without
 * kind or dueAt is normal. overdue: now is past dueAt (compared at whole seconds, since dueAt carries
 * seconds: '…T23:59:59+08:00' covers that whole second). dueSoon: consult with ≤ 4 h left; working-day
 * kinds when the due date is today or the next working day after today (Shanghai).
 * Throws INVALID_TIME when dueAt is present but not a valid ISO time.
 */
export function warningFor(
  cal: Calendar,
  c: { status: string; kind: CaseKind | null; dueAt: string | null },
  nowMs: number,
): Warning {
  if (!CLOCK_STATUSES.includes(c.status) || c.kind === null || c.dueAt === null || c.dueAt === '') return 'normal';
  const dueMs = parseIsoTime(c.dueAt);
  if (dueMs === null) throw new LedgerError('INVALID_TIME', `办结时限不是有效时间：${c.dueAt}`);
  if (!Number.isFinite(nowMs)) throw new LedgerError('INVALID_TIME', `当前时间不正确：${String(nowMs)}`);
  if (Math.floor(nowMs / 1000) * 1000 > dueMs) return 'overdue';
  if (KIND_LIMIT[c.kind].unit === 'hours') {
    return dueMs - nowMs <= CONSULT_DUE_SOON_MS ? 'dueSoon' : 'normal';
  }
  const today = shanghaiDate(nowMs);
  const dueDate = shanghaiDate(dueMs);
  if (dueDate <= today) return 'dueSoon';
  return dueDate <= addWorkingDays(cal, today, 1).date ? 'dueSoon' : 'normal';
}

/** 督办单 reply due: end (23:59:59 Shanghai) of the 5th calendar day after the issue date, which is not counted. */
export function supervisionReplyDue(issuedAtMs: number): string {
  if (!Number.isFinite(issuedAtMs)) {
    throw new LedgerError('INVALID_TIME', `督办单签发时间不正确：${String(issuedAtMs)}`);
  }
  return endOfShanghaiDay(addDays(shanghaiDate(issuedAtMs), SUPERVISION_REPLY_DAYS));
}
