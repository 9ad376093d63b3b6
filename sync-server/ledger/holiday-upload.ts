// CAL4–CAL6, CAL9: the office loads a year's holiday notice: validated, stored, put into use, open deadlines recounted and audited.
import type { Actor, CaseData } from '../../shared/case';
import { statusOf, text } from '../../shared/case';
import type { Calendar } from '../../shared/calendar';
import type { AuditEntry } from '../../shared/commands';
import { caseWarning } from '../../shared/completion';
import type { CalendarLoaded, DeadlineChanged } from '../../shared/contract/http';
import type { DeadlineMove } from '../../shared/deadline-recount';
import { recountDeadline } from '../../shared/deadline-recount';
import { recountFollowup } from '../../shared/followup-recount';
import type { RecountedDeadline } from '../../shared/notice-hold';
import { heldDeadline, holdFrom } from '../../shared/notice-hold';
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
function caseAudit(actor: Actor, m: CaseMove, set: Record<string, FieldValue>, at: string, year: number): AuditEntry[] {
  const { c } = m;
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
    entry(
      null,
      status,
      status,
      `${CALENDAR_REASON}：已导入${year}年节假日安排，办结时限重新计算${m.held.map((h) => `；${h}`).join('')}`,
    ),
    ...changed.map(([k, v]) => entry(k, c.fields[k as keyof typeof c.fields] ?? null, v, CALENDAR_REASON)),
  ];
}

/** A case whose deadlines move: 办结时限 (CAL6), round 1's kept 办结时限 (CAL9), 说明决定期限 (WF34). */
interface CaseMove {
  c: CaseData;
  due: DeadlineMove | null;
  round1DueAt: string | null;
  followup: DeadlineMove | null;
  /** CAL11: why a deadline was not moved as far back as the new calendar counts it (Chinese, for the audit). */
  held: string[];
}

type DeadlineField = RecountedDeadline;

/** The fields each deadline is counted into (with its note). */
const DEADLINE_FIELDS: Record<DeadlineField, readonly string[]> = {
  dueAt: ['dueAt', 'dueNote'],
  round1DueAt: ['round1DueAt'],
  followupDueAt: ['followupDueAt', 'followupDueNote'],
};

/** CAL6, CAL9, WF34: the moves a new calendar makes to the deadlines `only` of case `c` (all by default). */
function moveOf(c: CaseData, before: Calendar, after: Calendar, only: readonly DeadlineField[]): CaseMove {
  return {
    c,
    due: only.includes('dueAt') ? (recountDeadline(c, before, after) ?? recountSettledRound1(c, before, after)) : null,
    round1DueAt: only.includes('round1DueAt') ? recountRound1Deadline(c, before, after) : null,
    followup: only.includes('followupDueAt') ? recountFollowup(c, before, after) : null,
    held: [],
  };
}

const ALL_DEADLINES = Object.keys(DEADLINE_FIELDS) as DeadlineField[];

function moves(list: readonly CaseMove[]): CaseMove[] {
  return list.filter((m) => m.due !== null || m.round1DueAt !== null || m.followup !== null);
}

/** CAL6, CAL9, WF34: every case a new calendar moves a deadline of. */
function movesOf(cases: readonly CaseData[], before: Calendar, after: Calendar): CaseMove[] {
  return moves(cases.map((c) => moveOf(c, before, after, ALL_DEADLINES)));
}

/** The deadline fields of every case as the upload left them (the mirror's objects are replaced on every change). */
type Snapshot = ReadonlyMap<string, CaseData['fields']>;

/**
 * CAL8: the deadlines set while the notice's write was pending were counted with the old calendar (in force until
 * the store holds the notice): every deadline of a case that changed since the upload's own recount is counted again.
 */
function windowMoves(cases: readonly CaseData[], snapshot: Snapshot, before: Calendar, after: Calendar): CaseMove[] {
  return moves(
    cases.flatMap((c) => {
      const s = snapshot.get(c.id);
      if (s === c.fields) return [];
      const changed = ALL_DEADLINES.filter(
        (d) =>
          s === undefined || DEADLINE_FIELDS[d].some((k) => (s[k as never] ?? null) !== (c.fields[k as never] ?? null)),
      );
      return changed.length === 0 ? [] : [moveOf(c, before, after, changed)];
    }),
  );
}

/** What the office is told of one moved deadline (HTTP40). */
function changedLine(c: CaseData, deadline: DeadlineChanged['deadline'], to: DeadlineMove): DeadlineChanged {
  const noteField = deadline === 'dueAt' ? 'dueNote' : deadline === 'followupDueAt' ? 'followupDueNote' : null;
  return {
    caseId: c.id,
    code: text(c, 'code'),
    deadline,
    oldDueAt: text(c, deadline) ?? '',
    newDueAt: to.dueAt,
    oldNote: noteField === null ? null : text(c, noteField),
    newNote: noteField === null ? null : to.dueNote,
  };
}

const DEADLINE_NAMES: Record<RecountedDeadline, string> = {
  dueAt: '办结时限',
  round1DueAt: '首轮办结时限',
  followupDueAt: '说明决定期限',
};

/** CAL11: the moves as made: none earlier than the end of today or of the round's feedback; no-ops dropped. */
function heldMoves(list: readonly CaseMove[], nowMs: number): CaseMove[] {
  return moves(
    list.map((m) => {
      const held: string[] = [];
      const hold = (d: RecountedDeadline, counted: string, note: string | null, noteField: string | null) => {
        const old = text(m.c, d);
        if (old === null) return counted;
        const to = heldDeadline(old, counted, holdFrom(m.c, d, nowMs));
        if (to !== counted)
          held.push(`${DEADLINE_NAMES[d]}按新安排为${counted.slice(0, 10)}，不早于${to.slice(0, 10)}（CAL11）`);
        const same = to === old && (noteField === null || note === text(m.c, noteField));
        return same ? null : to;
      };
      const due = m.due && hold('dueAt', m.due.dueAt, m.due.dueNote, 'dueNote');
      const round1 = m.round1DueAt && hold('round1DueAt', m.round1DueAt, null, null);
      const followup = m.followup && hold('followupDueAt', m.followup.dueAt, m.followup.dueNote, 'followupDueNote');
      return {
        c: m.c,
        due: m.due && due !== null ? { dueAt: due, dueNote: m.due.dueNote } : null,
        round1DueAt: round1 ?? null,
        followup: m.followup && followup !== null ? { dueAt: followup, dueNote: m.followup.dueNote } : null,
        held,
      };
    }),
  );
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
  return heldMoves(moves, at.ms).flatMap((m) => {
    const { c, due, round1DueAt, followup } = m;
    const set: Record<string, FieldValue> = {};
    if (due !== null) {
      const next: CaseData = { id: c.id, fields: { ...c.fields, dueAt: due.dueAt, dueNote: due.dueNote } };
      Object.assign(set, { dueAt: due.dueAt, dueNote: due.dueNote, warning: caseWarning(after, next, at.ms) });
    }
    if (round1DueAt !== null) set.round1DueAt = round1DueAt;
    if (followup !== null) Object.assign(set, { followupDueAt: followup.dueAt, followupDueNote: followup.dueNote });
    unit.audit(auditRows(caseAudit(actor, m, set, at.iso, at.year)));
    target.projection.commit(c.id, set, unit);
    return [
      ...(due === null ? [] : [changedLine(c, 'dueAt', due)]),
      ...(round1DueAt === null ? [] : [changedLine(c, 'round1DueAt', { dueAt: round1DueAt, dueNote: null })]),
      ...(followup === null ? [] : [changedLine(c, 'followupDueAt', followup)]),
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
  let late: { value: DeadlineChanged[]; done: Promise<void> } | null = null;
  const { value: changed, done } = target.transaction((unit) => {
    const before = target.calendar;
    const after = target.calendarWith(row);
    unit.audit([uploadAudit(actor, row, previous)]);
    target.useHolidayYear(unit, row);
    const lines = commitMoves(target, unit, actor, movesOf(target.projection.cases(), before, after), at, after);
    const snapshot: Snapshot = new Map(target.projection.cases().map((c) => [c.id, c.fields]));
    // registered after useHolidayYear: runs once the new calendar is in force (CAL8)
    unit.onCommit(() => {
      const moved = windowMoves(target.projection.cases(), snapshot, before, target.calendar);
      if (moved.length === 0) return;
      const now = target.clock();
      const when = { ms: now, iso: formatShanghai(now), year };
      try {
        late = target.transaction((u) => commitMoves(target, u, actor, moved, when, target.calendar));
      } catch (e) {
        // storage became unavailable in between (STORE9): the answer says so (503) rather than claim a full recount
        late = {
          value: [],
          done: Promise.reject(e instanceof LedgerError ? e : new LedgerError('STORAGE_UNAVAILABLE')),
        };
        late.done.catch(() => undefined);
      }
    });
    return lines;
  });
  await done;
  const recounted = late as { value: DeadlineChanged[]; done: Promise<void> } | null;
  if (recounted !== null) await recounted.done;
  return ok({
    year,
    days: row.days.length,
    replaced: previous !== undefined,
    changed: [...changed, ...(recounted?.value ?? [])],
  });
}
