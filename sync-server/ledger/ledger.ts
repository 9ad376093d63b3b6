// The ledger service: rooms, projection, units of work over one store, counters, client edits; commands and cold rooms beside it.
import type { Actor, CaseData } from '../../shared/case';
import { maySeeCase } from '../../shared/case';
import type { Calendar, HolidayFile } from '../../shared/calendar';
import { caseWarning } from '../../shared/completion';
import type { Result } from '../../shared/errors';
import { LedgerError } from '../../shared/errors';
import { formatShanghai, shanghaiYear } from '../../shared/time';
import type { CommandName } from '../../shared/workflow';
import { LEDGER_ROOM, mayJoinRoom, unitOfRoom, unitRoom } from '../rooms';
import type { HolidayYearRow, Store, SupervisionRow, UnitRow } from '../store/store';
import { ClientUpdates } from './client-updates';
import type { ClientUpdateOutcome } from './client-updates';
import { Projection } from './projection';
import type { RefusalAuditOptions } from './refusal-audit';
import type { CommittedListener, CompactionPolicy } from './room-docs';
import { RoomDocs } from './room-docs';
import { Counters } from './counters';
import type { HealthState } from './storage-health';
import { StorageHealth } from './storage-health';
import type { StructureLimits } from './structure';
import type { UnitOfWork } from './unit-of-work';
import { runUnitOfWork } from './unit-of-work';
import { backfillFollowup } from './followup-backfill';
import { HolidayYears } from './holiday-years';
import { OpenSupervisions } from './open-supervisions';
import { CASE_STATES_COMPLETE, CASE_STATES_KEY } from '../store/case-states';
import { ColdRooms } from './cold-rooms';
import { LedgerCommands } from './ledger-commands';
import type { StoredState } from './room-marks';

export interface LedgerOptions {
  store: Store;
  /** CAL2/CAL5: the deployment's HOLIDAYS_FILE notices; the office's uploaded years (from the store) come after them. */
  holidayFiles?: readonly HolidayFile[];
  clock: () => number;
  newId: (prefix: string) => string;
  compaction?: CompactionPolicy;
  structure?: StructureLimits;
  refusalAudit?: RefusalAuditOptions;
  /** Where storage failures and recoveries are reported (default console.error). */
  log?: (message: string, error?: unknown) => void;
}

export class Ledger {
  readonly docs: RoomDocs;
  readonly projection: Projection;
  readonly health: StorageHealth;
  private units = new Map<string, UnitRow>();
  readonly counters = new Counters();
  private readonly openSupervisions = new OpenSupervisions();
  /** CAL5: the calendar in use (built-in data, HOLIDAYS_FILE, then the years the office uploaded). */
  private readonly holidays: HolidayYears;
  private readonly clients: ClientUpdates;
  private readonly log: (message: string, error?: unknown) => void;
  /** The unit of work running now (a room decoded inside it is repaired inside it, STORE31/STORE33). */
  private unitNow: UnitOfWork | null = null;
  /** STORE34: whether the cases came from case_states (else from the ledger room, and case_states is filled). */
  private casesStored = false;
  /** STORE31–STORE36, SYNC13: rooms decoded on first use, and cold unit rooms served from their marked snapshots. */
  private readonly cold: ColdRooms;
  private readonly commands: LedgerCommands;

  private constructor(private readonly opts: LedgerOptions) {
    this.log = opts.log ?? ((m, e) => console.error(m, e ?? ''));
    this.holidays = new HolidayYears(opts.holidayFiles ?? []);
    this.docs = new RoomDocs(opts.store, opts.compaction, this.log);
    const unitNames = () => new Map([...this.units.values()].map((u) => [u.id, u.name]));
    this.projection = new Projection(this.docs, unitNames, () => shanghaiYear(opts.clock()));
    this.cold = new ColdRooms({
      docs: this.docs,
      projection: this.projection,
      store: opts.store,
      clock: opts.clock,
      unitNames,
      unitNow: () => this.unitNow,
      transaction: (fn) => this.transaction(fn),
      write: (p) => this.write(p),
      log: this.log,
    });
    this.commands = new LedgerCommands({
      projection: this.projection,
      counters: this.counters,
      openSupervisions: this.openSupervisions,
      calendar: () => this.calendar,
      unitName: (id) => this.units.get(id)?.name ?? null,
      clock: opts.clock,
      newId: opts.newId,
      assertAvailable: () => {
        if (!this.storageState().ok) throw new LedgerError('STORAGE_UNAVAILABLE');
      },
      transaction: (fn) => this.transaction(fn),
    });
    this.health = new StorageHealth({
      settle: () => opts.store.flush().catch(() => undefined),
      reload: () => this.reload(),
      probe: () => opts.store.probe(),
      resumed: () => this.docs.pause(false),
      clock: opts.clock,
      format: formatShanghai,
      log: this.log,
    });
    this.clients = new ClientUpdates({
      docs: this.docs,
      projection: this.projection,
      clock: opts.clock,
      structure: opts.structure,
      transaction: (fn) => this.transaction(fn),
      writeRefusals: (rows) => this.write(opts.store.appendAudit(rows)),
      refusalAudit: opts.refusalAudit,
      log: this.log,
      health: this.health,
    });
  }

  /** Cold start: rooms, units, counters and open 督办单 from the store; the projections are repaired. */
  static async open(opts: LedgerOptions): Promise<Ledger> {
    const ledger = new Ledger(opts);
    await ledger.reload();
    await ledger.transaction((unit) => {
      ledger.projection.repairAll();
      if (ledger.casesStored) return;
      // STORE34: case_states filled from the ledger room once, with the mark that it is complete, in one unit
      ledger.projection.storeAll(unit);
      unit.write({ kind: 'meta', key: CASE_STATES_KEY, value: CASE_STATES_COMPLETE });
    }).done;
    ledger.casesStored = true;
    await backfillFollowup(ledger, opts.store);
    return ledger;
  }

  /** Replaces everything in memory with what the store holds (at start, and after a failed write). */
  private async reload(): Promise<void> {
    const { store } = this.opts;
    const [units, counters, supervisions, years, mark] = await Promise.all([
      store.units(),
      store.counters(),
      store.supervisions(),
      store.holidayYears(),
      store.meta(CASE_STATES_KEY),
    ]);
    const stored = mark === CASE_STATES_COMPLETE;
    this.casesStored = stored;
    // STORE31/STORE32: no room is decoded at start when the cases are stored; else the ledger room (STORE34). The
    // rooms' rows are read while the cases are parsed.
    const [cases] = await Promise.all([
      stored ? store.caseStates() : null,
      this.docs.loadAll((room) => !stored && room === LEDGER_ROOM),
    ]);
    await this.cold.load(units.map((u) => unitRoom(u.id)));
    this.holidays.load(years);
    this.units = new Map(units.map((u) => [u.id, u]));
    this.counters.load(counters);
    if (cases === null) this.projection.rebuild();
    else this.projection.load(cases);
    this.openSupervisions.load(supervisions, (id) => this.projection.case(id));
  }

  // ---- units of work -------------------------------------------------------------------------

  /** STORE5/STORE9: runs `fn` as one unit of work (see runUnitOfWork), refused while storage is unavailable. */
  transaction<T>(fn: (unit: UnitOfWork) => T): { value: T; done: Promise<void> } {
    this.storageState();
    this.health.assertWritable();
    return runUnitOfWork(
      this.docs,
      this.opts.store,
      (e) => this.storageFailed(e),
      (unit) => {
        this.unitNow = unit;
        try {
          return fn(unit);
        } finally {
          this.unitNow = null;
        }
      },
    );
  }

  private storageFailed(e: unknown): void {
    this.docs.pause(true);
    this.health.failed(e);
  }

  /** A store write outside any unit (refusal audit): a failure is logged and makes the storage unavailable. */
  private write(p: Promise<void>): void {
    p.catch((e: unknown) => this.storageFailed(e));
  }

  // ---- what the import reads (IMP4) ------------------------------------------------------------

  newId(prefix: string): string {
    return this.opts.newId(prefix);
  }

  /** CAL5: the calendar in use now. */
  get calendar(): Calendar {
    return this.holidays.calendar;
  }

  /** CAL5: the HOLIDAYS_FILE notices of this deployment. */
  get holidayFiles(): readonly HolidayFile[] {
    return this.holidays.files;
  }

  uploadedHolidayYears(): HolidayYearRow[] {
    return this.holidays.list();
  }

  calendarWith(row: HolidayYearRow | null): Calendar {
    return this.holidays.calendarWith(row);
  }

  useHolidayYear(unit: UnitOfWork, row: HolidayYearRow): void {
    this.holidays.use(unit, row);
  }

  clock(): number {
    return this.opts.clock();
  }

  /** Every case, accepted state (the import compares 诉求编号 against it). */
  allCases(): CaseData[] {
    return this.projection.cases();
  }

  // ---- units -------------------------------------------------------------------------------

  unitList(): UnitRow[] {
    return [...this.units.values()];
  }

  unit(id: string): UnitRow | null {
    return this.units.get(id) ?? null;
  }

  /** A new unit: its row and its name in every room in one unit of work; linear in the number of rooms. */
  async createUnit(name: string, contact: string | null): Promise<UnitRow> {
    const unit: UnitRow = { id: this.opts.newId('u'), name, contact, createdAt: formatShanghai(this.opts.clock()) };
    await this.transaction((w) => {
      w.write({ kind: 'unit', row: unit });
      this.units.set(unit.id, unit);
      w.onRollback(() => this.units.delete(unit.id));
      this.projection.addUnit(unit.id, name);
    }).done;
    return unit;
  }

  // ---- reading, scoped to the caller (SEC1): committed state only ------------------------------

  /** Every durable case, for counts that are never shown case by case (STAT3). */
  durableCases(): CaseData[] {
    return this.projection.durableCases();
  }

  visibleCases(actor: Actor): CaseData[] {
    return this.projection.durableCases().filter((c) => maySeeCase(actor, c));
  }

  caseFor(actor: Actor, id: string): CaseData | null {
    const c = this.projection.durableCase(id);
    return c !== null && maySeeCase(actor, c) ? c : null;
  }

  // ---- commands ---------------------------------------------------------------------------

  /** WF3: 登记. Durable (case, numbers and audit together) before this resolves. */
  register(actor: Actor, input: unknown): Promise<Result<CaseData>> {
    return this.commands.register(actor, input);
  }

  /** WF1–WF20: runs a workflow command on the latest state; the result is durable before this resolves. */
  run(actor: Actor, caseId: string, command: CommandName, input: unknown): Promise<Result<CaseData>> {
    return this.commands.run(actor, caseId, command, input);
  }

  // ---- sync: client edits (SYNC3, SYNC10) ----------------------------------------------------

  mayJoin(actor: Actor, room: string): boolean {
    if (!mayJoinRoom(actor, room)) return false;
    const unitId = unitOfRoom(room);
    return unitId === null || this.units.has(unitId);
  }

  /** The room's current document: never keep it (a rollback or a reload replaces it). */
  doc(room: string) {
    return this.docs.get(room);
  }

  version(room: string): number {
    return this.docs.version(room);
  }

  /** SYNC13: a cold unit room's state from its marked snapshot, without decoding it; null when it must be decoded. */
  storedState(room: string): StoredState | null {
    return this.cold.storedState(room);
  }

  applyClientUpdate(room: string, actor: Actor, origin: object, update: Uint8Array): ClientUpdateOutcome {
    return this.clients.apply(room, actor, origin, update);
  }

  /** Resolves when everything applied so far is durable; rejects if a write has failed. */
  async whenDurable(): Promise<void> {
    await this.opts.store.flush();
    if (!this.health.ok) throw new LedgerError('STORAGE_UNAVAILABLE');
  }

  onCommitted(listener: CommittedListener): () => void {
    return this.docs.onCommitted(listener);
  }

  /** STORE6: the storage state now; a store halted by someone else's write (accounts) makes the ledger degraded too. */
  storageState(): HealthState {
    const halted = this.opts.store.halted;
    if (this.health.ok && halted !== null) this.storageFailed(halted);
    return this.health.current;
  }

  onHealth(listener: (s: HealthState) => void): () => void {
    return this.health.onChange(listener);
  }

  // ---- scheduler (SCHED1) -----------------------------------------------------------------

  /** Recomputes `warning` for every case under the clock; returns how many changed. Nothing while storage is unavailable. */
  refreshWarnings(): number {
    if (!this.storageState().ok) return 0;
    const now = this.opts.clock();
    const changes: [string, string][] = [];
    for (const c of this.projection.cases()) {
      const w = caseWarning(this.calendar, c, now);
      if (c.fields.warning !== w) changes.push([c.id, w]);
    }
    if (changes.length > 0)
      this.transaction((unit) => {
        for (const [id, w] of changes) this.projection.commit(id, { warning: w }, unit);
      });
    return changes.length;
  }

  /** ANX5: every 督办单 issued on a case, as committed (a command answers once its 督办单 is durable). */
  supervisionsOf(caseId: string): Promise<SupervisionRow[]> {
    return this.opts.store.supervisions(caseId);
  }

  /** 督办单 whose reply is overdue (TIME4). */
  overdueSupervisions(): SupervisionRow[] {
    return this.openSupervisions.overdue(this.opts.clock());
  }

  /** Writes the refusal groups still open (call before the store closes). */
  flushAudit(): void {
    this.clients.flushAudit();
  }

  close(): void {
    this.health.stop();
    this.clients.flushAudit();
    this.docs.destroy();
  }
}
