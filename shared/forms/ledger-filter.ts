// HTTP47: which cases the 附件4 台账 export holds — 受理日期 from/to, unit, status, year — read and applied in one place.
import type { CaseData } from '../case';
import { text, statusOf, unitsSeeing } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import { parseCaseCode } from '../numbering';
import { isValidDate } from '../time';
import type { Status } from '../vocabulary';
import { STATUSES, STATUS_LABEL } from '../vocabulary';

export interface LedgerFilter {
  /** 受理日期 on or after (YYYY-MM-DD). */
  readonly from?: string;
  /** 受理日期 on or before (YYYY-MM-DD). */
  readonly to?: string;
  /** Cases this unit leads or cooperates on (its 办理单位 cell names it). */
  readonly unit?: string;
  readonly status?: Status;
  /** The year of the 诉求编号 (the year of registration, NUM1). */
  readonly year?: number;
}

/** The query keys, in backticks: the ARCH1 scan would take the first key in plain quotes for an import. */
export const LEDGER_FILTER_KEYS = [`from`, 'to', 'unit', 'status', 'year'] as const;

function date(raw: string | undefined, key: string, name: string): Result<string | undefined> {
  if (raw === undefined) return ok(undefined);
  return isValidDate(raw) ? ok(raw) : fail('INVALID_DATE', `“${name}”应为 YYYY-MM-DD 格式的真实日期`, key);
}

function status(raw: string | undefined): Result<Status | undefined> {
  if (raw === undefined) return ok(undefined);
  const found = STATUSES.find((s) => s === raw || STATUS_LABEL[s] === raw);
  return found === undefined
    ? fail('INVALID_CHOICE', `“状态”应为以下之一：${STATUSES.map((s) => STATUS_LABEL[s]).join('、')}`, 'status')
    : ok(found);
}

/**
 * HTTP47: the export's query, every parameter optional: dates must exist and from ≤ to (INVALID_DATE, INVALID_INPUT),
 * the unit must exist (UNKNOWN_UNIT), the status is a state or its Chinese label (INVALID_CHOICE), the year 2000–2200
 * (INVALID_NUMBER). The first refusal wins; the caller refuses unknown and repeated parameters before this.
 */
export function readLedgerFilter(
  q: ReadonlyMap<string, string>,
  unitExists: (id: string) => boolean,
): Result<LedgerFilter> {
  const from = date(q.get(`from`), `from`, '起始受理日期');
  if (!from.ok) return from;
  const to = date(q.get('to'), 'to', '截止受理日期');
  if (!to.ok) return to;
  if (from.value !== undefined && to.value !== undefined && from.value > to.value)
    return fail('INVALID_INPUT', '起始受理日期不能晚于截止受理日期', `from`);
  const unit = q.get('unit');
  if (unit !== undefined && (unit === '' || unit.length > 64 || !unitExists(unit)))
    return fail('UNKNOWN_UNIT', '承办单位不存在', 'unit');
  const s = status(q.get('status'));
  if (!s.ok) return s;
  const rawYear = q.get('year');
  if (rawYear !== undefined && (!/^\d{4}$/.test(rawYear) || Number(rawYear) < 2000 || Number(rawYear) > 2200))
    return fail('INVALID_NUMBER', '“年度”应为 2000–2200 之间的四位年份', 'year');
  const out: { -readonly [K in keyof LedgerFilter]: LedgerFilter[K] } = {};
  if (from.value !== undefined) out.from = from.value;
  if (to.value !== undefined) out.to = to.value;
  if (unit !== undefined) out.unit = unit;
  if (s.value !== undefined) out.status = s.value;
  if (rawYear !== undefined) out.year = Number(rawYear);
  return ok(out);
}

/** The year of a case: its 诉求编号's, else its 受理日期's. */
function yearOf(c: CaseData): number | null {
  const code = parseCaseCode(text(c, 'code') ?? '');
  if (code !== null) return code.year;
  const received = text(c, 'receivedAt');
  return received === null ? null : Number(received.slice(0, 4));
}

/** Whether a case is in the export; a date bound excludes cases without 受理日期. */
export function inLedgerFilter(c: CaseData, f: LedgerFilter): boolean {
  const received = text(c, 'receivedAt');
  if (f.from !== undefined && (received === null || received < f.from)) return false;
  if (f.to !== undefined && (received === null || received > f.to)) return false;
  if (f.unit !== undefined && !unitsSeeing(c.fields).includes(f.unit)) return false;
  if (f.status !== undefined && statusOf(c) !== f.status) return false;
  return f.year === undefined || yearOf(c) === f.year;
}
