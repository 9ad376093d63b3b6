// Looks inside a client's Yjs update before anything is applied and refuses it whole unless it has the ledger's shape (SYNC10).
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import type { ErrorCode } from '../../shared/errors';
import { CASES_KEY, isFieldValue, META_KEY, UNITS_KEY } from '../../shared/ydoc-layout';
import type { Struct } from './structure-costs';
import { checkDependencies, ConflictBudget } from './structure-costs';
import type { AnyType, Container } from './structure-places';
import { MISSING, Places, Refused } from './structure-places';

export interface StructureLimits {
  /** Structs (items, tombstones) in one update. */
  readonly maxStructs: number;
  /** Delete-set ranges in one update. */
  readonly maxDeleteRanges: number;
  /** Server items one update's delete set may reach (live or already deleted). */
  readonly maxDeletedItems: number;
  /** Longest key (case id, field): ledger keys are short; a long key would live on in every tombstone. */
  readonly maxKeyLength: number;
  /** Client ids one update may bring that the room has never seen (a real client brings one). */
  readonly maxNewClients: number;
  /** Steps Yjs' conflict resolution may take for one update (items it walks past), so no update costs quadratic time. */
  readonly maxConflictSteps: number;
}

export const DEFAULT_STRUCTURE_LIMITS: StructureLimits = {
  maxStructs: 20_000,
  maxDeleteRanges: 20_000,
  maxDeletedItems: 50_000,
  maxKeyLength: 64,
  maxNewClients: 32,
  maxConflictSteps: 100_000,
};

export type StructureVerdict =
  | {
      readonly ok: true;
      /** The update to apply: the client's update without what the server already has (Yjs' own slicing). */
      readonly update: Uint8Array;
      /** New structs plus live items deleted: what the update would change. */
      readonly writes: number;
      /** Items Yjs will drop because their case is gone from this room (e.g. reassigned while the client edited). */
      readonly dropped: number;
    }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string; readonly reason: string };

/** What a map holds in the ledger layout. */
type Role = 'cases' | 'case' | 'units' | 'unit' | 'meta' | 'other';

const SERVER_MAPS = '单位名单和台账信息由系统维护，不能修改';
const NEW_CASE = '不能通过编辑表格新增或替换诉求，请使用“登记”';
const DELETE_CASE = '不能通过编辑表格删除诉求';

/**
 * SYNC10: decides, without applying anything, whether `update` may be applied to `doc`. The update is first cut to
 * what the server lacks (`Y.diffUpdate`, so a struct the server partly has starts at the server's state, as Yjs
 * itself would integrate it); the verdict's `update` is what must be applied. The ledger's shape is flat: case maps
 * under `cases` hold primitives; clients may only write those fields (values, deletions). Everything else — case maps
 * created, replaced or deleted, anything in `units`/`meta`, other roots, nested types, text/array/XML/binary/
 * subdocument content, sequence items, long keys, references the server lacks, dependency cycles, more than the
 * limits, conflict resolution that would walk too far — is refused whole, so no recursive or quadratic Yjs code ever
 * runs on what a client controls. Throws when the update cannot be decoded at all.
 */
export function inspectUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  limits: StructureLimits = DEFAULT_STRUCTURE_LIMITS,
): StructureVerdict {
  const missing = Y.diffUpdate(update, Y.encodeStateVector(doc));
  const decoded = Y.decodeUpdate(missing);
  try {
    // Yjs keeps only the last block of a client listed twice: the number of blocks must be the number of clients
    const blocks = decoding.readVarUint(decoding.createDecoder(missing));
    const inspector = new Inspector(doc, decoded.structs as Struct[], decoded.ds, limits);
    inspector.run(blocks);
    return { ok: true, update: missing, writes: inspector.writes, dropped: inspector.dropped };
  } catch (e) {
    if (!(e instanceof Refused)) throw e;
    return { ok: false, code: e.code, message: e.userMessage, reason: e.reason };
  }
}

class Inspector {
  writes = 0;
  dropped = 0;
  private readonly byClient = new Map<number, Struct[]>();
  private places!: Places;
  private readonly rootNames = new Map<AnyType, string>();
  private readonly conflicts: ConflictBudget;

  constructor(
    private readonly doc: Y.Doc,
    private readonly structs: readonly Struct[],
    private readonly ds: ReturnType<typeof Y.decodeUpdate>['ds'],
    private readonly limits: StructureLimits,
  ) {
    for (const [name, type] of doc.share) this.rootNames.set(type as AnyType, name);
    this.conflicts = new ConflictBudget(
      limits.maxConflictSteps,
      () => new Refused('conflict resolution would walk too far'),
    );
  }

  run(blocks: number): void {
    if (this.structs.length > this.limits.maxStructs) throw new Refused(`too many structs (${this.structs.length})`);
    this.indexByClient();
    if (blocks !== this.byClient.size) throw new Refused('a client appears in two blocks, or a block is empty');
    this.places = new Places(this.doc, this.byClient, this.structs.length);
    checkDependencies(
      this.structs,
      (id) => this.places.findInUpdate(id),
      () => new Refused('structs depend on each other in a cycle', MISSING),
    );
    for (const s of this.structs) {
      this.writes++;
      if (s instanceof Y.Item) this.checkItem(s);
    }
    this.checkDeleteSet();
  }

  /** Groups structs per client; each client's run is one contiguous block starting exactly at the server's state. */
  private indexByClient(): void {
    let previous: number | null = null;
    for (const s of this.structs) {
      const client = s.id.client;
      let list = this.byClient.get(client);
      if (list === undefined) {
        list = [];
        this.byClient.set(client, list);
      } else if (previous !== client) {
        throw new Refused('a client appears in two blocks');
      }
      const last = list[list.length - 1];
      if (last !== undefined && last.id.clock + last.length !== s.id.clock)
        throw new Refused('structs of a client are not contiguous', MISSING);
      if (s instanceof Y.Skip) throw new Refused('a skipped range', MISSING);
      list.push(s);
      previous = client;
    }
    let fresh = 0;
    for (const [client, list] of this.byClient) {
      const state = Y.getState(this.doc.store, client);
      if (state === 0) fresh++;
      if ((list[0] as Struct).id.clock !== state)
        throw new Refused(`structs of client ${client} do not start at the server's state`, MISSING);
    }
    if (fresh > this.limits.maxNewClients) throw new Refused(`${fresh} client ids the room has never seen`);
  }

  private checkItem(item: Y.Item): void {
    if (item.rightOrigin !== null) throw new Refused('sequence insertion (right origin) in a map');
    const place = this.places.place(item);
    if (place.container.kind === 'void') {
      this.dropped++;
      return;
    }
    if (place.key === null) throw new Refused('sequence item in a map');
    if (place.key.length > this.limits.maxKeyLength) throw new Refused(`key longer than ${this.limits.maxKeyLength}`);
    const role = this.roleOf(place.container);
    if (role === 'cases') throw new Refused('a case created or replaced', NEW_CASE, 'CASE_CREATE_FORBIDDEN');
    if (role === 'units' || role === 'unit' || role === 'meta')
      throw new Refused(`content in ${role}`, SERVER_MAPS, 'FIELD_SERVER_OWNED');
    if (role !== 'case') throw new Refused('content outside the ledger layout');
    const content = item.content;
    if (
      !(content instanceof Y.ContentDeleted) &&
      !(content instanceof Y.ContentAny && content.arr.length === 1 && isFieldValue(content.arr[0]))
    ) {
      throw new Refused('a field value must be one primitive');
    }
    if (place.container.kind === 'type')
      this.conflicts.charge(item, place.key, place.container.type, (id) => this.places.findInDoc(id));
  }

  /** What a container is in the layout; a type created by this update takes the role of where its item lands. */
  private roleOf(container: Container): Role {
    switch (container.kind) {
      case 'void':
        return 'other';
      case 'root':
        return container.name === CASES_KEY
          ? 'cases'
          : container.name === UNITS_KEY
            ? 'units'
            : container.name === META_KEY
              ? 'meta'
              : 'other';
      case 'type': {
        const name = this.rootNames.get(container.type);
        if (name !== undefined) return this.roleOf({ kind: 'root', name });
        const holder = container.type._item;
        const parent = holder?.parent;
        if (holder === null || typeof holder.parentSub !== 'string' || !(parent instanceof Y.AbstractType))
          return 'other';
        const parentName = this.rootNames.get(parent as AnyType);
        return parentName === CASES_KEY ? 'case' : parentName === UNITS_KEY ? 'unit' : 'other';
      }
      case 'new':
        // a type created by this update sits under `cases` or `units` (refused there) or somewhere worse
        return 'other';
    }
  }

  /**
   * Deletions may only reach what the server has (or this update brings), never more than the limits, and only field
   * values of cases (clearing a cell): never a case, a unit or meta, nor anything outside the layout.
   */
  private checkDeleteSet(): void {
    let ranges = 0;
    let reached = 0;
    for (const [client, items] of this.ds.clients) {
      ranges += items.length;
      if (ranges > this.limits.maxDeleteRanges) throw new Refused(`too many delete ranges (${ranges})`);
      const serverState = Y.getState(this.doc.store, client);
      const mine = this.byClient.get(client);
      const last = mine?.[mine.length - 1];
      const after = Math.max(serverState, last === undefined ? 0 : last.id.clock + last.length);
      for (const d of items) {
        if (d.len <= 0) continue;
        if (d.clock + d.len > after) throw new Refused('deletes what the server lacks', MISSING);
        reached += this.checkDeletedInDoc(
          client,
          d.clock,
          Math.min(d.clock + d.len, serverState),
          this.limits.maxDeletedItems - reached,
        );
      }
    }
  }

  /** Walks the server's structs in [from, to) of one client; returns how many it reached. */
  private checkDeletedInDoc(client: number, from: number, to: number, budget: number): number {
    if (from >= to) return 0;
    const list = this.doc.store.clients.get(client) as Struct[] | undefined;
    if (list === undefined) return 0;
    let reached = 0;
    for (let index = Y.findIndexSS(list as (Y.Item | Y.GC)[], from); index < list.length; index++) {
      const s = list[index] as Struct;
      if (s.id.clock >= to) break;
      if (++reached > budget) throw new Refused('deletes too many items');
      if (!(s instanceof Y.Item) || s.deleted) continue;
      this.writes++;
      const parent = s.parent;
      const role = parent instanceof Y.AbstractType ? this.roleOf({ kind: 'type', type: parent as AnyType }) : 'other';
      if (role === 'cases') throw new Refused('deletes a case', DELETE_CASE, 'CASE_DELETE_FORBIDDEN');
      if (role === 'units' || role === 'unit' || role === 'meta')
        throw new Refused(`deletes in ${role}`, SERVER_MAPS, 'FIELD_SERVER_OWNED');
      if (role !== 'case' || s.parentSub === null) throw new Refused('deletes content outside the ledger layout');
    }
    return reached;
  }
}
