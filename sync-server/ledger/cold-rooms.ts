// STORE31/STORE33/STORE35/STORE36, SYNC13: rooms decoded on first use — their repair, their snapshots' marks, and serving a cold unit room from its marked snapshot.
import * as Y from 'yjs';
import { shanghaiYear } from '../../shared/time';
import { unitOfRoom } from '../rooms';
import type { Store } from '../store/store';
import type { Projection } from './projection';
import type { RoomDocs } from './room-docs';
import type { StoredState } from './room-marks';
import { mapsNow, mapsOfDoc, markKey, RoomMarks } from './room-marks';
import type { UnitOfWork } from './unit-of-work';

export interface ColdRoomsDeps {
  readonly docs: RoomDocs;
  readonly projection: Projection;
  readonly store: Store;
  readonly clock: () => number;
  /** The unit names now (what a repair writes into the server maps). */
  readonly unitNames: () => Map<string, string>;
  /** The unit of work running now, if any. */
  readonly unitNow: () => UnitOfWork | null;
  readonly transaction: (fn: (unit: UnitOfWork) => void) => unknown;
  /** A store write outside any unit: a failure makes the storage unavailable. */
  readonly write: (p: Promise<void>) => void;
  readonly log: (message: string, error?: unknown) => void;
}

export class ColdRooms {
  /** SYNC13/STORE35: the committed marks of the unit rooms' snapshots. */
  private readonly marks = new RoomMarks();

  constructor(private readonly deps: ColdRoomsDeps) {
    deps.docs.onFirstLoad = (room) => this.repairOnLoad(room);
    deps.docs.onSnapshot = (room, doc) => this.markSnapshot(room, doc);
  }

  /** Reads the marks of the given rooms (at start and after a reload). */
  load(rooms: readonly string[]): Promise<void> {
    return this.marks.load(this.deps.store, rooms);
  }

  /**
   * STORE31/STORE33: a stored room decoded on first use is repaired in the unit of work that decoded it, or in its own.
   * A repair that cannot be stored (storage unavailable) throws: the room is not served, and is decoded and repaired
   * again on its next use (RoomDocs unloads it), so nobody ever sees it behind the accepted state.
   */
  private repairOnLoad(room: string): void {
    const { docs, projection } = this.deps;
    const before = docs.version(room);
    const unitNow = this.deps.unitNow();
    if (unitNow !== null) projection.repairRoom(room, unitNow);
    else {
      try {
        this.deps.transaction((unit) => projection.repairRoom(room, unit));
      } catch (e) {
        this.deps.log(`[同步] 房间 ${room} 载入后未能修复，暂不提供，下次使用时重试`, e);
        throw e;
      }
    }
    // STORE36: unless the repaired room is still its marked snapshot, compact it (marked: served cold after a restart)
    if (unitOfRoom(room) !== null && (docs.version(room) !== before || this.markedState(room) === null))
      docs.compactSoon(room);
  }

  /**
   * STORE35: a unit room's snapshot is marked with its digest, state vector and server maps (a meta row written right
   * after the snapshot); the mark counts once that row is durable.
   */
  private markSnapshot(room: string, doc: Y.Doc): ((snapshot: Uint8Array) => void) | null {
    if (unitOfRoom(room) === null) return null;
    const stateVector = Y.encodeStateVector(doc);
    const maps = mapsOfDoc(doc);
    return (snapshot) => {
      const row = RoomMarks.row(snapshot, stateVector, maps);
      const written = this.deps.store.setMeta(markKey(room), row);
      written.then(
        () => this.marks.set(room, row),
        () => undefined,
      );
      this.deps.write(written);
    };
  }

  /** SYNC13: a cold unit room's state from its marked snapshot, without decoding it; null when it must be decoded. */
  storedState(room: string): StoredState | null {
    return this.deps.docs.decoded(room) ? null : this.markedState(room);
  }

  /** The room's one stored part when its mark names it and the server maps now (SYNC13), else null. */
  private markedState(room: string): StoredState | null {
    const parts = unitOfRoom(room) === null ? null : this.deps.docs.storedParts(room);
    if (parts === null) return null;
    return this.marks.servable(room, parts, mapsNow(this.deps.unitNames(), shanghaiYear(this.deps.clock())));
  }
}
