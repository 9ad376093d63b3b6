// SYNC13/STORE35: the mark a unit room's snapshot gets when the server compacts it, and the check that lets a cold room be served from that snapshot without decoding it.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { Store } from '../store/store';
import { SCHEMA_VERSION } from '../../shared/ydoc-layout';

/** The meta row holding a room's mark. */
export function markKey(room: string): string {
  return `room-snapshot:${room}`;
}

/** What a mark records: the snapshot's digest and state vector, and the server maps the snapshot holds. */
interface Mark {
  readonly digest: string;
  readonly stateVector: Map<number, number>;
  readonly maps: string;
}

/** A cold room's whole state (its one stored snapshot) and state vector, as SyncCache serves them. */
export interface StoredState {
  readonly update: Uint8Array;
  readonly stateVector: Map<number, number>;
}

function digest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/**
 * Bumped whenever a repair (Projection.repairUnitRoom, syncServerMaps, writeFields) would leave a room differently than
 * before: every older mark then names server maps that differ from what a repair writes now, so no snapshot marked by
 * an older server is served without a decode and repair (SYNC13).
 */
export const REPAIR_VERSION = 1;

type Canon = string | number | boolean | null | Canon[];

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/** A map as sorted [key, value] pairs from its own entries: keys such as `__proto__` are kept, never lost in an object. */
function canonMap(entries: Iterable<[string, unknown]>): Canon {
  return [...entries].sort(byKey).map(([k, v]) => [k, canonValue(v)]);
}

function canonValue(v: unknown): Canon {
  if (v instanceof Y.Map) return ['map', canonMap(v.entries() as Iterable<[string, unknown]>)];
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return ['value', v];
  return ['other', JSON.stringify(v instanceof Y.AbstractType ? v.toJSON() : v) ?? typeof v]; // never what a repair writes
}

/** The server maps (`units`, `meta`) a room's document holds, as one text. */
export function mapsOfDoc(doc: Y.Doc): string {
  const units = canonMap(doc.getMap('units').entries() as Iterable<[string, unknown]>);
  const meta = canonMap(doc.getMap('meta').entries() as Iterable<[string, unknown]>);
  return JSON.stringify([REPAIR_VERSION, units, meta]);
}

/** The server maps a repair writes into every room now (Projection.syncServerMaps), in the same form. */
export function mapsNow(names: ReadonlyMap<string, string>, year: number): string {
  const units = [...names].sort(byKey).map(([id, name]): Canon => [id, ['map', canonMap([['name', name]])]]);
  const meta = canonMap([
    ['schemaVersion', SCHEMA_VERSION],
    ['year', year],
  ]);
  return JSON.stringify([REPAIR_VERSION, units, meta]);
}

/** The marks of the unit rooms, as committed (read at start and after a reload; set once a mark's write is durable). */
export class RoomMarks {
  private marks = new Map<string, Mark>();
  /** Snapshots already hashed (a room is checked on every version of its cache; its snapshot never changes). */
  private readonly digests = new WeakMap<Uint8Array, string>();

  async load(store: Store, rooms: readonly string[]): Promise<void> {
    const values = await Promise.all(rooms.map((room) => store.meta(markKey(room))));
    const marks = new Map<string, Mark>();
    rooms.forEach((room, i) => {
      const mark = parse(values[i] ?? null);
      if (mark !== null) marks.set(room, mark);
    });
    this.marks = marks;
  }

  /** The mark's row for a snapshot encoded from a document whose server maps are `maps` and state vector `stateVector`. */
  static row(snapshot: Uint8Array, stateVector: Uint8Array, maps: string): string {
    return JSON.stringify({ digest: digest(snapshot), sv: Buffer.from(stateVector).toString('base64'), maps });
  }

  /** Takes a mark whose row is now durable. */
  set(room: string, row: string): void {
    const mark = parse(row);
    if (mark !== null) this.marks.set(room, mark);
  }

  /**
   * SYNC13: the room's state when its stored parts are exactly the one snapshot its mark names (same bytes) and that
   * snapshot holds the server maps a repair would write now; else null (decode and repair it, as before).
   */
  servable(room: string, parts: readonly Uint8Array[], maps: string): StoredState | null {
    const mark = this.marks.get(room);
    const snapshot = parts[0];
    if (mark === undefined || parts.length !== 1 || snapshot === undefined || mark.maps !== maps) return null;
    let d = this.digests.get(snapshot);
    if (d === undefined) {
      d = digest(snapshot);
      this.digests.set(snapshot, d);
    }
    return d === mark.digest ? { update: snapshot, stateVector: mark.stateVector } : null;
  }
}

/** A row that is not a well-formed mark is no mark (the room is decoded, as before). */
function parse(row: string | null): Mark | null {
  if (row === null) return null;
  try {
    const v = JSON.parse(row) as { digest?: unknown; sv?: unknown; maps?: unknown };
    if (typeof v.digest !== 'string' || typeof v.sv !== 'string' || typeof v.maps !== 'string') return null;
    return { digest: v.digest, stateVector: Y.decodeStateVector(Buffer.from(v.sv, 'base64')), maps: v.maps };
  } catch {
    return null;
  }
}
