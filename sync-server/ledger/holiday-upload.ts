// CAL4–CAL6, CAL9: the office loads a year's holiday notice: validated, stored, put into use, open deadlines recounted and audited.
import type { Actor, CaseData } from '../../shared/case';
import { statusOf, text } from '../../shared/case';
import type { Calendar } from '../../shared/calendar';
import type { AuditEntry } from '../../shared/commands';
import { caseWarning } from '../../shared/completion';
import type { CalendarLoaded, DeadlineChanged } from '../../shared/contract/http';
import type { DeadlineMove } from '../../shared/deadline-recount';
import { recountDeadline } from '../../shared/deadline-recount';
import { recountRound1Deadline, recountSettledRound1 } from '../../shared/round1-recount';
import type { Result } from '../../shared/errors';
import { LedgerError, ok } from '../../shared/errors';
import type { FieldValue } from '../../shared/fields';
import { parseNotice } from '../../shared/holiday-notice';
import { mayLoadHolidays } from '../../shared/permissions';
import { formatShanghai, shanghaiYear } from '../../shared/time';
import type { HolidayYearRow, NewAudit } from '../store/store';
import { auditRows } from './audit-rows';
import type { Projection } from './projection';
import type { HealthState } from './storage-health';
import type { UnitOfWork } from './unit-of-work';

/** What loading a notice needs of the ledger. */
export interface HolidayTarget {
  readonly calendar: Calendar;
  readonly projection: Pick<Projection, 'commit' | 'cases'>;
  clock(): number;
  uploadedHolidayYears(): HolidayYearRow[];
  calendarWith(row: HolidayYearRow): Calendar;
  useHolidayYear(unit: UnitOfWork, row: HolidayYearRow): void;
  storageState(): HealthState;
  transaction<T>(fn: (unit: UnitOfWork) => T): { value: T; done: Promise<void> };
}

/** The audit command of everything a loaded notice changes, and the reason it gives (CAL6). */
export const CALENDAR_COMMAND = 'calendar';
export const CALENDAR_REASON = '节假日安排更新';

/** The audit row of the upload itself (no case): which year, how many days, what it replaced. */
function uploadAudit(actor: Actor, row: HolidayYearRow, previous: HolidayYearRow | undefined): NewAudit {
  const summary = (r: HolidayYearRow) =>
    `${r.year}年节假日安排（${r.days.length} 天，${r.uploadedByName} ${r.uploadedAt}）`;
  return {
    at: row.uploadedAt,
    actorId: actor.userId,
    actorName: actor.name,
    role: actor.role,
    unitId: actor.unitId,
    caseId: null,
    command: CALENDAR_COMMAND,
    field: null,
    old: previous === undefined ? null : summary(previous),
    new: summary(row),
    accepted: true,
    code: null,
    note: `${CALENDAR_REASON}：${previous === undefined ? '导入' : '替换'}${row.year}年节假日安排`,
  };
}

/** WF19 for a moved deadline: the command entry (status unchanged) and one entry per changed field. */
function caseAudit(actor: Actor, c: CaseData, set: Record<string, FieldValue>, at: string, year: number): AuditEntry[] {
  const entry = (field: string | null, old: FieldValue, value: FieldValue, note: string): AuditEntry => ({
    at,
    actorId: actor.userId,
    actorName: actor.name,
    role: actor.role,
    unitId: actor.unitId,
    caseId: c.id,
    command: CALENDAR_COMMAND,
    field,
    old,
    new: value,
    note,
  });
  const status = statusOf(c);
  const changed = Object.entries(set).filter(([k, v]) => (c.fields[k as keyof typeof c.fields] ?? null) !== v);
  return [
    entry(null, status, status, `${CALENDAR_REASON}：已导入${year}年节假日安排，办结时限重新计算`),
    ...changed.map(([k, v]) => entry(k, c.fields[k as keyof typeof c.fields] ?? null, v, CALENDAR_REASON)),
  ];
}

/** A case whose deadlines move: 办结时限 (CAL6) and/or round 1's kept 办结时限 (CAL9). */
interface CaseMove {
  c: CaseData;
  due: DeadlineMove | null;
  round1DueAt: string | null;
}

/** CAL6, CAL9: every case a new calendar moves a deadline of. */
function movesOf(cases: readonly CaseData[], before: Calendar, after: Calendar): CaseMove[] {
  return cases
    .map((c) => ({
      c,
      due: recountDeadline(c, before, after) ?? recountSettledRound1(c, before, after),
      round1DueAt: recountRound1Deadline(c, before, after),
    }))
    .filter((m) => m.due !== null || m.round1DueAt !== null);
}

/** What the office is told of one moved deadline (HTTP40). */
function changedLine(c: CaseData, deadline: DeadlineChanged['deadline'], to: DeadlineMove): DeadlineChanged {
  const note = deadline === 'dueAt' ? text(c, 'dueNote') : null;
  return {
    caseId: c.id,
    code: text(c, 'code'),
    deadline,
    oldDueAt: text(c, deadline) ?? '',
    newDueAt: to.dueAt,
    oldNote: note,
    newNote: deadline === 'dueAt' ? to.dueNote : null,
  };
}

/** CAL6, CAL9: moves the deadlines of `moves` inside `unit`; returns what the office is told. */
function commitMoves(
  target: HolidayTarget,
  unit: UnitOfWork,
  actor: Actor,
  moves: readonly CaseMove[],
  at: { ms: number; iso: string; year: number },
  after: Calendar,
): DeadlineChanged[] {
  return moves.flatMap(({ c, due, round1DueAt }) => {
    const set: Record<string, FieldValue> = {};
    if (due !== null) {
      const next: CaseData = { id: c.id, fields: { ...c.fields, dueAt: due.dueAt, dueNote: due.dueNote } };
      Object.assign(set, { dueAt: due.dueAt, dueNote: due.dueNote, warning: caseWarning(after, next, at.ms) });
    }
    if (round1DueAt !== null) set.round1DueAt = round1DueAt;
    unit.audit(auditRows(caseAudit(actor, c, set, at.iso, at.year)));
    target.projection.commit(c.id, set, unit);
    return [
      ...(due === null ? [] : [changedLine(c, 'dueAt', due)]),
      ...(round1DueAt === null ? [] : [changedLine(c, 'round1DueAt', { dueAt: round1DueAt, dueNote: null })]),
    ];
  });
}

/**
 * CAL4–CAL6/HTTP40: validates the notice for `year` (no later than next year), stores it, puts the new calendar
 * into use and recounts every open deadline, all in one unit of work: refused, nothing changes.
 */
export async function loadHolidayYear(
  target: HolidayTarget,
  actor: Actor,
  year: number,
  json: unknown,
): Promise<Result<CalendarLoaded>> {
  const allowed = mayLoadHolidays(actor);
  if (!allowed.ok) return allowed;
  const ms = target.clock();
  const file = parseNotice(json, { year, latestYear: shanghaiYear(ms) + 1 });
  if (!file.ok) return file;
  if (!target.storageState().ok) throw new LedgerError('STORAGE_UNAVAILABLE');
  const at = { ms, iso: formatShanghai(ms), year };
  const row: HolidayYearRow = {
    year,
    days: file.value.days,
    uploadedBy: actor.userId,
    uploadedByName: actor.name,
    uploadedAt: at.iso,
  };
  const previous = target.uploadedHolidayYears().find((y) => y.year === year);
  const { value: changed, done } = target.transaction((unit) => {
    const before = target.calendar;
    const after = target.calendarWith(row);
    const moves = movesOf(target.projection.cases(), before, after);
    unit.audit([uploadAudit(actor, row, previous)]);
    target.useHolidayYear(unit, row);
    return commitMoves(target, unit, actor, moves, at, after);
  });
  await done;
  return ok({ year, days: row.days.length, replaced: previous !== undefined, changed });
}
