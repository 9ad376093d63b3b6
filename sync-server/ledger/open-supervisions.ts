// WF27, TIME4: the 督办单 open now, at most one per case: rebuilt from the store at (re)start, kept by commands.
import type { CaseData } from '../../shared/case';
import { text } from '../../shared/case';
import type { AuditEntry, SupervisionIssued } from '../../shared/commands/types';
import type { SupervisionRow } from '../store/store';
import type { UnitOfWork } from './unit-of-work';

export class OpenSupervisions {
  private open = new Map<string, SupervisionRow>();

  /**
   * WF27: the 督办单 that are open after a (re)start: unanswered in the store, the case still waiting for a reply
   * (督办回复期限 set), and only the latest per case — a row left unanswered by an older version of the server when a
   * second 督办单 replaced it, or on a case since archived, is never resurrected.
   */
  load(rows: readonly SupervisionRow[], caseOf: (id: string) => CaseData | null): void {
    const open = new Map<string, SupervisionRow>();
    for (const row of rows) {
      if (row.repliedAt !== null) continue;
      const c = caseOf(row.caseId);
      if (c === null || text(c, 'supervisionDueAt') === null || text(c, 'status') === 'archived') continue;
      const seen = open.get(row.caseId);
      if (seen === undefined || Date.parse(seen.issuedAt) <= Date.parse(row.issuedAt)) open.set(row.caseId, row);
    }
    this.open = open;
  }

  get(caseId: string): SupervisionRow | undefined {
    return this.open.get(caseId);
  }

  /** Opens (`row`) or closes (undefined) the case's 督办单 within `unit`; undone if the unit is rolled back. */
  set(unit: UnitOfWork, caseId: string, row: SupervisionRow | undefined): void {
    const before = this.open.get(caseId);
    if (row === undefined) this.open.delete(caseId);
    else this.open.set(caseId, row);
    unit.onRollback(() => (before === undefined ? this.open.delete(caseId) : this.open.set(caseId, before)));
  }

  /**
   * WF27: what a command does to the case's 督办单, in `unit`: a 督办单 it issues is opened and stored; 督办回复
   * (`supervise-reply`) closes the open one with the reply (the command's first audit entry: its time and note).
   */
  record(
    unit: UnitOfWork,
    command: string,
    after: CaseData,
    issued: SupervisionIssued | undefined,
    entry: AuditEntry | undefined,
  ): void {
    const caseId = after.id;
    if (issued !== undefined) {
      const row: SupervisionRow = {
        code: issued.code,
        caseId,
        unitId: text(after, 'leadUnit') ?? '',
        issuedAt: issued.issuedAt,
        replyDueAt: issued.replyDueAt,
        note: issued.note,
        repliedAt: null,
        reply: null,
      };
      this.set(unit, caseId, row);
      unit.write({ kind: 'supervision', row });
    }
    const open = this.open.get(caseId);
    if (command === 'supervise-reply' && open !== undefined) {
      this.set(unit, caseId, undefined);
      unit.write({ kind: 'supervision', row: { ...open, repliedAt: entry?.at ?? null, reply: entry?.note ?? null } });
    }
  }

  /** TIME4: the open 督办单 whose reply date has passed at `now`. */
  overdue(now: number): SupervisionRow[] {
    return [...this.open.values()].filter((s) => Date.parse(s.replyDueAt) < now);
  }
}
