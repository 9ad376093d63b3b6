// Keeps the ledger and every unit's projection consistent, field by field, from one accepted state (the mirror).
import type { CaseData, CaseFields } from '../../shared/case';
import { unitsSeeing } from '../../shared/case';
import type { FieldValue } from '../../shared/fields';
import { casesOf, readAllCases, removeCase, writeFields, writeMeta, writeUnit } from '../../shared/ydoc-layout';
import type * as Y from 'yjs';
import { LEDGER_ROOM, unitOfRoom, unitRoom } from '../rooms';
import type { RoomDocs } from './room-docs';
import { SERVER_ORIGIN } from './room-docs';
import type { UnitOfWork } from './unit-of-work';
import type { CaseStateRow } from '../store/store';
import { writeCaseState } from './case-state-writes';
import { reconcileLedgerRoom } from './ledger-room-repair';

type Changes = Readonly<Record<string, FieldValue | undefined>>;

export class Projection {
  /** The accepted state of every case, queued units included: the one authority for old values and for scoping. */
  private readonly mirror = new Map<string, CaseFields>();
  /** The committed state (what HTTP reads serve): a unit's cases enter it only once the unit is durable. */
  private readonly durable = new Map<string, CaseFields>();

  constructor(
    private readonly docs: RoomDocs,
    private readonly unitNames: () => ReadonlyMap<string, string>,
    private readonly year: () => number,
  ) {}

  /** Builds both states from the ledger document (STORE34: a store without complete case states). Writes nothing. */
  rebuild(): void {
    this.load(readAllCases(this.docs.get(LEDGER_ROOM)));
  }

  /** STORE32: builds both states from the stored case states (at start, and after a reload). Writes nothing. */
  load(rows: readonly (CaseStateRow | CaseData)[]): void {
    this.mirror.clear();
    this.durable.clear();
    for (const c of rows) {
      this.mirror.set(c.id, c.fields);
      this.durable.set(c.id, c.fields);
    }
  }

  /** STORE34: stores the state of every case in `unit` (filling case_states from the ledger room). */
  storeAll(unit: UnitOfWork): void {
    for (const [id, fields] of this.mirror) writeCaseState(unit, id, fields);
  }

  /** STORE33: whether the ledger room's document holds the accepted state (it is decoded, or there is none yet). */
  private ledgerLive(): boolean {
    return this.docs.decoded(LEDGER_ROOM) || !this.docs.has(LEDGER_ROOM);
  }

  /**
   * Brings every decoded room's server maps and every decoded or new unit room in line with the mirror (at start);
   * STORE31: a stored room decoded later is repaired then (repairRoom).
   */
  repairAll(): void {
    for (const room of this.docs.loadedRooms()) this.syncServerMaps(this.docs.get(room));
    if (this.ledgerLive()) this.syncServerMaps(this.docs.get(LEDGER_ROOM));
    for (const unitId of this.unitNames().keys()) {
      const room = unitRoom(unitId);
      if (this.docs.loadedRooms().includes(room) || !this.docs.has(room)) this.repairUnitRoom(unitId);
    }
  }

  /**
   * STORE31/STORE33: brings one room, just decoded, in line (its server maps; a unit room's cases too; the ledger
   * room's cases reconciled with the stored ones, in `unit`).
   */
  repairRoom(room: string, unit: UnitOfWork): void {
    const unitId = unitOfRoom(room);
    if (unitId !== null && this.unitNames().has(unitId)) this.repairUnitRoom(unitId);
    else this.syncServerMaps(this.docs.get(room));
    if (room === LEDGER_ROOM) {
      reconcileLedgerRoom(this.docs.get(LEDGER_ROOM), this.mirror, (id, fields) => this.commit(id, fields, unit));
    }
  }

  /** The latest accepted state of a case (queued units included): for enforcement and command preconditions. */
  case(id: string): CaseData | null {
    const fields = this.mirror.get(id);
    return fields === undefined ? null : { id, fields };
  }

  cases(): CaseData[] {
    return [...this.mirror].map(([id, fields]) => ({ id, fields }));
  }

  /** The committed state of a case: for what HTTP reads return. */
  durableCase(id: string): CaseData | null {
    const fields = this.durable.get(id);
    return fields === undefined ? null : { id, fields };
  }

  durableCases(): CaseData[] {
    return [...this.durable].map(([id, fields]) => ({ id, fields }));
  }

  /** A case as a unit's room holds it, or null when the unit must not see it (SYNC2). */
  caseForUnit(unitId: string, id: string): CaseData | null {
    const fields = this.mirror.get(id);
    return fields !== undefined && unitsSeeing(fields).includes(unitId) ? { id, fields } : null;
  }

  /**
   * SYNC4: writes accepted changes of one case into the ledger and the rooms of the units that see it;
   * a unit that starts seeing the case receives all of it, one that stops seeing it loses it. The mirror changes
   * now (undone if the unit fails before it is queued); the committed state once the unit is durable.
   */
  commit(id: string, changes: Changes, unit: UnitOfWork): CaseData {
    const before = this.mirror.get(id);
    const fields: CaseFields = { ...(before ?? {}), ...stripUndefined(changes) };
    this.mirror.set(id, fields);
    unit.onRollback(() => (before === undefined ? this.mirror.delete(id) : this.mirror.set(id, before)));
    unit.onCommit(() => this.durable.set(id, fields));
    writeCaseState(unit, id, fields);
    const previous = before === undefined ? [] : unitsSeeing(before);
    const now = unitsSeeing(fields);
    // STORE33: a ledger room not decoded yet gets the change when it is (reconcileLedgerRoom)
    if (this.ledgerLive()) writeFields(this.docs.get(LEDGER_ROOM), id, changes, SERVER_ORIGIN);
    for (const unitId of now) {
      const doc = this.docs.get(unitRoom(unitId));
      writeFields(doc, id, previous.includes(unitId) ? changes : fields, SERVER_ORIGIN);
    }
    for (const unitId of previous) {
      if (!now.includes(unitId)) removeCase(this.docs.get(unitRoom(unitId)), id, SERVER_ORIGIN);
    }
    return { id, fields };
  }

  /**
   * Writes one new unit's name into every decoded room (linear in the number of rooms, not quadratic); a room decoded
   * later gets it with its server maps (STORE31, STORE33).
   */
  addUnit(unitId: string, name: string): void {
    for (const room of this.docs.loadedRooms()) writeUnit(this.docs.get(room), unitId, name, SERVER_ORIGIN);
    this.syncServerMaps(this.docs.get(unitRoom(unitId)));
  }

  /** Writes the unit names and meta into a document (also used to undo a client's write to them). */
  syncServerMaps(doc: Y.Doc): void {
    const names = this.unitNames();
    doc.transact(() => {
      const units = doc.getMap<unknown>('units');
      for (const key of [...units.keys()]) if (!names.has(key)) units.delete(key);
      for (const [id, name] of names) {
        const entry = units.get(id) as Y.Map<unknown> | undefined;
        const clean =
          entry !== undefined &&
          typeof entry === 'object' &&
          'keys' in entry &&
          [...entry.keys()].every((k) => k === 'name');
        if (!clean) units.delete(id);
        writeUnit(doc, id, name, SERVER_ORIGIN);
      }
      const meta = doc.getMap<unknown>('meta');
      for (const key of [...meta.keys()]) if (key !== 'schemaVersion' && key !== 'year') meta.delete(key);
      writeMeta(doc, this.year(), SERVER_ORIGIN);
    }, SERVER_ORIGIN);
  }

  /** Brings a unit's room in line with the mirror (after a restart, or when the unit is new). */
  repairUnitRoom(unitId: string): void {
    const doc = this.docs.get(unitRoom(unitId));
    this.syncServerMaps(doc);
    const cases = casesOf(doc);
    doc.transact(() => {
      for (const id of [...cases.keys()]) {
        if (this.caseForUnit(unitId, id) === null) cases.delete(id);
      }
      for (const [id, fields] of this.mirror) {
        if (unitsSeeing(fields).includes(unitId)) writeFields(doc, id, fields, SERVER_ORIGIN);
      }
    }, SERVER_ORIGIN);
  }
}

function stripUndefined(changes: Changes): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(changes)) out[k] = v === undefined ? null : v;
  return out;
}
