// WF1–WF20: 登记 and the workflow commands, run on the latest accepted state and answered once their unit of work is durable.
import type { Actor, CaseData } from '../../shared/case';
import { maySeeCase } from '../../shared/case';
import type { Calendar } from '../../shared/calendar';
import type { CommandContext } from '../../shared/commands';
import { applyCommand, registerCase } from '../../shared/commands';
import type { Result } from '../../shared/errors';
import { fail, ok } from '../../shared/errors';
import { shanghaiYear } from '../../shared/time';
import type { CommandName } from '../../shared/workflow';
import { auditRows } from './audit-rows';
import type { Counters } from './counters';
import { CASE_SEQ, caseYearCounter, supervisionCounter } from './counters';
import type { OpenSupervisions } from './open-supervisions';
import type { Projection } from './projection';
import type { UnitOfWork } from './unit-of-work';

export interface LedgerCommandsDeps {
  readonly projection: Projection;
  readonly counters: Counters;
  readonly openSupervisions: OpenSupervisions;
  readonly calendar: () => Calendar;
  readonly unitName: (id: string) => string | null;
  readonly clock: () => number;
  readonly newId: (prefix: string) => string;
  /** Throws STORAGE_UNAVAILABLE while storage is unavailable (STORE9). */
  readonly assertAvailable: () => void;
  readonly transaction: <T>(fn: (unit: UnitOfWork) => T) => { value: T; done: Promise<void> };
}

export class LedgerCommands {
  constructor(private readonly deps: LedgerCommandsDeps) {}

  private context(now: number): CommandContext {
    return {
      now,
      calendar: this.deps.calendar(),
      unitName: this.deps.unitName,
      nextSupervisionNumber: this.deps.counters.next(supervisionCounter(shanghaiYear(now))),
    };
  }

  /** WF3: 登记. Durable (case, numbers and audit together) before this resolves. */
  async register(actor: Actor, input: unknown): Promise<Result<CaseData>> {
    const { counters, projection } = this.deps;
    this.deps.assertAvailable();
    const now = this.deps.clock();
    const year = shanghaiYear(now);
    const caseId = this.deps.newId('c');
    const seq = counters.next(CASE_SEQ);
    const yearNumber = counters.next(caseYearCounter(year));
    const r = registerCase(actor, input, { ...this.context(now), caseId, seq, yearNumber });
    if (!r.ok) return r;
    const { value, done } = this.deps.transaction((unit) => {
      counters.bump(unit, CASE_SEQ);
      counters.bump(unit, caseYearCounter(year));
      unit.audit(auditRows(r.value.audit));
      return projection.commit(caseId, r.value.fields, unit);
    });
    await done;
    return ok(value);
  }

  /** WF1–WF20: runs a workflow command on the latest state; the result is durable before this resolves. */
  async run(actor: Actor, caseId: string, command: CommandName, input: unknown): Promise<Result<CaseData>> {
    const { counters, projection } = this.deps;
    this.deps.assertAvailable();
    const latest = projection.case(caseId);
    const c = latest !== null && maySeeCase(actor, latest) ? latest : null;
    if (c === null) return fail('CASE_NOT_FOUND');
    const now = this.deps.clock();
    const r = applyCommand(actor, c, command, input, this.context(now));
    if (!r.ok) return r;
    const { changes, audit, supervision } = r.value;
    const { value, done } = this.deps.transaction((unit) => {
      const after = projection.commit(caseId, changes, unit);
      if (supervision !== undefined) counters.bump(unit, supervisionCounter(shanghaiYear(now)));
      this.deps.openSupervisions.record(unit, command, after, supervision, audit[0]);
      unit.audit(auditRows(audit));
      return after;
    });
    await done;
    return ok(value);
  }
}
