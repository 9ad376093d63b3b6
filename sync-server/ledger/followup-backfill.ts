// WF35: at start, cases waiting for a 说明 or its decision without 说明决定期限 get it from their last change of state.
import type { CaseData } from '../../shared/case';
import { statusOf } from '../../shared/case';
import type { Calendar } from '../../shared/calendar';
import type { AuditEntry } from '../../shared/commands';
import { WAITING_STATES, missingFollowup } from '../../shared/followup-clock';
import type { FieldValue } from '../../shared/fields';
import { formatShanghai } from '../../shared/time';
import type { Store } from '../store/store';
import { auditRows } from './audit-rows';
import type { Projection } from './projection';
import { historyUntil } from './sample-draw';
import type { UnitOfWork } from './unit-of-work';

export const BACKFILL_COMMAND = 'followup-clock';

/** What the backfill needs of the ledger. */
export interface BackfillTarget {
  readonly calendar: Calendar;
  readonly projection: Pick<Projection, 'commit' | 'cases'>;
  clock(): number;
  transaction<T>(fn: (unit: UnitOfWork) => T): { value: T; done: Promise<void> };
}

/** The server's own audit entries for a limit it sets (no user acts). */
function backfillAudit(c: CaseData, set: Record<string, FieldValue>, at: string): AuditEntry[] {
  const base = { at, actorId: 'system', actorName: '系统', role: 'office' as const, unitId: null, caseId: c.id };
  const status = statusOf(c);
  const note = '补记说明决定期限：自最后一次状态变更之日起5个工作日';
  return [
    { ...base, command: BACKFILL_COMMAND, field: null, old: status, new: status, note },
    ...Object.entries(set).map(([field, value]) => ({
      ...base,
      command: BACKFILL_COMMAND,
      field,
      old: null,
      new: value,
      note: null,
    })),
  ];
}

/**
 * WF35: sets 说明决定期限 on every waiting case lacking it, counted from the time of its last accepted change of state
 * in the audit (the start of the wait); a case with no such row counts from now. Audited; nothing when none lacks it.
 */
export async function backfillFollowup(target: BackfillTarget, store: Pick<Store, 'audit'>): Promise<number> {
  const lacking = target.projection
    .cases()
    .filter((c) => WAITING_STATES.includes(statusOf(c)) && c.fields.followupDueAt == null);
  if (lacking.length === 0) return 0;
  const now = target.clock();
  const since = new Map<string, number>();
  for (const e of await historyUntil(store, Number.POSITIVE_INFINITY)) {
    if (e.field === 'status') since.set(e.caseId, e.at);
  }
  const at = formatShanghai(now);
  await target.transaction((unit) => {
    for (const c of lacking) {
      const set = missingFollowup(target.calendar, c, since.get(c.id) ?? now);
      if (set === null) continue;
      unit.audit(auditRows(backfillAudit(c, set, at)));
      target.projection.commit(c.id, set, unit);
    }
  }).done;
  return lacking.length;
}
