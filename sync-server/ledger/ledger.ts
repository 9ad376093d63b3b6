// The ledger service: rooms, projection, enforcement of client edits, commands, counters and audit, over one store.
import type { Actor, CaseData } from '../../shared/case';
import { maySeeCase } from '../../shared/case';
import type { Calendar } from '../../shared/calendar';
import type { AuditEntry, CommandContext } from '../../shared/commands';
import { applyCommand, registerCase } from '../../shared/commands';
import type { Result } from '../../shared/errors';
import { fail, ok } from '../../shared/errors';
import { warningFor } from '../../shared/deadlines';
import { kindOf, statusOf, text } from '../../shared/case';
import { formatShanghai, shanghaiDate, shanghaiYear } from '../../shared/time';
import type { CommandName } from '../../shared/workflow';
import type { NewAudit, Store, SupervisionRow, UnitRow } from '../store/store';
import { mayJoinRoom, unitOfRoom } from '../rooms';
import type { EnforcementScope, Rejection } from './enforce';
import { applyWithEnforcement } from './enforce';
import { Projection } from './projection';
import type { CommittedListener, CompactionPolicy } from './room-docs';
import { RoomDocs } from './room-docs';

export interface LedgerOptions {
  store: Store;
  calendar: Calendar;
  clock: () => number;
  newId: (prefix: string) => string;
  compaction?: CompactionPolicy;
}

const CASE_SEQ = 'case-seq';
const caseYearCounter = (year: number) => `case:${year}`;
const supervisionCounter = (year: number) => `supervision:${year}`;

export class Ledger {
  readonly docs: RoomDocs;
  readonly projection: Projection;
  private readonly units = new Map<string, UnitRow>();
  private readonly counters = new Map<string, number>();
  private readonly openSupervisions = new Map<string, SupervisionRow>();

  private constructor(private readonly opts: LedgerOptions) {
    this.docs = new RoomDocs(opts.store, opts.compaction);
    this.projection = new Projection(
      this.docs,
      () => new Map([...this.units.values()].map((u) => [u.id, u.name])),
      () => shanghaiYear(opts.clock()),
    );
  }

  /** Cold start: rooms, units, counters and open 督办单 from the store; the projections are repaired. */
  static async open(opts: LedgerOptions): Promise<Ledger> {
    const ledger = new Ledger(opts);
    const { store } = opts;
    await ledger.docs.loadAll();
    for (const u of await store.units()) ledger.units.set(u.id, u);
    for (const [k, v] of await store.counters()) ledger.counters.set(k, v);
    for (const s of await store.supervisions()) if (s.repliedAt === null) ledger.openSupervisions.set(s.caseId, s);
    ledger.projection.rebuild();
    return ledger;
  }

  // ---- units -------------------------------------------------------------------------------

  unitList(): UnitRow[] {
    return [...this.units.values()];
  }

  unit(id: string): UnitRow | null {
    return this.units.get(id) ?? null;
  }

  async createUnit(name: string, contact: string | null): Promise<UnitRow> {
    const unit: UnitRow = { id: this.opts.newId('u'), name, contact, createdAt: formatShanghai(this.opts.clock()) };
    this.units.set(unit.id, unit);
    const stored = this.opts.store.putUnit(unit);
    for (const room of this.docs.rooms()) this.projection.syncServerMaps(this.docs.get(room));
    this.projection.repairUnitRoom(unit.id);
    await stored;
    await this.docs.whenDurable();
    return unit;
  }

  // ---- reading, scoped to the caller (SEC1) -------------------------------------------------

  visibleCases(actor: Actor): CaseData[] {
    return this.projection.cases().filter((c) => maySeeCase(actor, c));
  }

  caseFor(actor: Actor, id: string): CaseData | null {
    const c = this.projection.case(id);
    return c !== null && maySeeCase(actor, c) ? c : null;
  }

  // ---- commands ---------------------------------------------------------------------------

  private context(now: number): CommandContext {
    return {
      now,
      calendar: this.opts.calendar,
      unitName: (id) => this.units.get(id)?.name ?? null,
      nextSupervisionNumber: (this.counters.get(supervisionCounter(shanghaiYear(now))) ?? 0) + 1,
    };
  }

  private bump(name: string): number {
    const n = (this.counters.get(name) ?? 0) + 1;
    this.counters.set(name, n);
    this.write(this.opts.store.setCounter(name, n));
    return n;
  }

  /** WF3: 登记. */
  async register(actor: Actor, input: unknown): Promise<Result<CaseData>> {
    const now = this.opts.clock();
    const year = shanghaiYear(now);
    const caseId = this.opts.newId('c');
    const seq = (this.counters.get(CASE_SEQ) ?? 0) + 1;
    const yearNumber = (this.counters.get(caseYearCounter(year)) ?? 0) + 1;
    const r = registerCase(actor, input, { ...this.context(now), caseId, seq, yearNumber });
    if (!r.ok) return r;
    this.bump(CASE_SEQ);
    this.bump(caseYearCounter(year));
    const c = this.projection.commit(caseId, r.value.fields);
    this.audit(r.value.audit);
    await this.docs.whenDurable();
    return ok(c);
  }

  /** WF1–WF20: runs a workflow command; the result is durable before this resolves. */
  async run(actor: Actor, caseId: string, command: CommandName, input: unknown): Promise<Result<CaseData>> {
    const c = this.caseFor(actor, caseId);
    if (c === null) return fail('CASE_NOT_FOUND');
    const now = this.opts.clock();
    const r = applyCommand(actor, c, command, input, this.context(now));
    if (!r.ok) return r;
    const { changes, audit, supervision } = r.value;
    const after = this.projection.commit(caseId, changes);
    if (supervision !== undefined) {
      this.bump(supervisionCounter(shanghaiYear(now)));
      const row: SupervisionRow = {
        code: supervision.code, caseId, unitId: text(after, 'leadUnit') ?? '', issuedAt: supervision.issuedAt,
        replyDueAt: supervision.replyDueAt, note: supervision.note, repliedAt: null, reply: null,
      };
      this.openSupervisions.set(caseId, row);
      this.write(this.opts.store.putSupervision(row));
    }
    if (command === 'supervise-reply') {
      const open = this.openSupervisions.get(caseId);
      if (open !== undefined) {
        this.openSupervisions.delete(caseId);
        this.write(this.opts.store.putSupervision({ ...open, repliedAt: audit[0]?.at ?? null, reply: audit[0]?.note ?? null }));
      }
    }
    this.audit(audit);
    await this.docs.whenDurable();
    return ok(after);
  }

  /** A queued store write: its failure is logged here and surfaces again through whenDurable(). */
  private write(p: Promise<void>): void {
    p.catch((e: unknown) => console.error('[存储] 写入失败', e));
  }

  private audit(entries: readonly AuditEntry[]): void {
    if (entries.length === 0) return;
    this.write(this.opts.store.appendAudit(entries.map((e): NewAudit => ({ ...e, accepted: true, code: null }))));
  }

  // ---- sync: client edits (SYNC3) ---------------------------------------------------------

  mayJoin(actor: Actor, room: string): boolean {
    if (!mayJoinRoom(actor, room)) return false;
    const unitId = unitOfRoom(room);
    return unitId === null || this.units.has(unitId);
  }

  doc(room: string) {
    return this.docs.get(room);
  }

  applyClientUpdate(room: string, actor: Actor, origin: object, update: Uint8Array): Rejection[] {
    const unitId = unitOfRoom(room);
    const scope: EnforcementScope = {
      caseInRoom: (id) => (unitId === null ? this.projection.case(id) : this.projection.caseForUnit(unitId, id)),
      restoreServerMaps: (doc) => this.projection.syncServerMaps(doc),
    };
    const { edits, rejections } = applyWithEnforcement(this.docs.get(room), actor, origin, update, scope, shanghaiDate(this.opts.clock()));
    const at = formatShanghai(this.opts.clock());
    const base = { at, actorId: actor.userId, actorName: actor.name, role: actor.role, unitId: actor.unitId };
    const rows: NewAudit[] = [];
    for (const e of edits) {
      this.projection.commit(e.caseId, { [e.field]: e.value });
      rows.push({ ...base, caseId: e.caseId, command: 'edit', field: e.field, old: e.old ?? null, new: e.value, accepted: true, code: null, note: null });
    }
    for (const r of rejections) {
      rows.push({ ...base, caseId: r.caseId, command: 'edit', field: r.field, old: null, new: null, accepted: false, code: r.code, note: r.message });
    }
    if (rows.length > 0) this.write(this.opts.store.appendAudit(rows));
    return rejections;
  }

  whenDurable(): Promise<void> {
    return this.docs.whenDurable();
  }

  onCommitted(listener: CommittedListener): () => void {
    return this.docs.onCommitted(listener);
  }

  // ---- scheduler (SCHED1) -----------------------------------------------------------------

  /** Recomputes `warning` for every case under the clock; returns how many changed. */
  refreshWarnings(): number {
    const now = this.opts.clock();
    let changed = 0;
    for (const c of this.projection.cases()) {
      const w = warningFor(this.opts.calendar, { status: statusOf(c), kind: kindOf(c), dueAt: text(c, 'dueAt') }, now);
      if (c.fields.warning !== w) {
        this.projection.commit(c.id, { warning: w });
        changed++;
      }
    }
    return changed;
  }

  /** 督办单 whose reply is overdue (TIME4). */
  overdueSupervisions(): SupervisionRow[] {
    const now = this.opts.clock();
    return [...this.openSupervisions.values()].filter((s) => Date.parse(s.replyDueAt) < now);
  }

  close(): void {
    this.docs.destroy();
  }
}
