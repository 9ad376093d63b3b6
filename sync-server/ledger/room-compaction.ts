// STORE4, STORE30: when and how a room's stored parts are replaced by one snapshot — on the main thread, or in a worker thread for large rooms.
import * as Y from 'yjs';
import type { Store } from '../store/store';
import { Compactor } from './compactor';
import { cheapToEncode } from './encode-cost';

/**
 * STORE4: a room is compacted once the updates stored since its snapshot weigh as much as the snapshot
 * (at least `minBytes`), or their count reaches `maxUpdates`; so a cold start replays at most about twice
 * the room's size, and a large room is not re-encoded every few hundred edits.
 */
export interface CompactionPolicy {
  minBytes: number;
  maxUpdates: number;
  /** STORE30: a room whose parts weigh at least this many bytes is compacted in a worker thread (default 256 KiB). */
  backgroundBytes?: number;
  /** STORE41: false keeps the compaction worker at the process's scheduling priority (default: the lowest). */
  lowPriority?: boolean;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { minBytes: 256 * 1024, maxUpdates: 20_000 };
/** About 5 ms of encoding on the main thread: above it, a compaction would stall the event loop (STORE30). */
const BACKGROUND_BYTES = 256 * 1024;

/**
 * What a room's document is made of: its snapshot and every update accepted since (committed or queued with its
 * unit), so the document can be rebuilt synchronously when a unit of work fails half way.
 */
export interface RoomLog {
  parts: Uint8Array[];
  bytes: number;
  updates: number;
  snapshotBytes: number;
  scheduled: boolean;
  version: number;
}

/** What a compaction needs from the room documents: a room's log and document now, and whether it may run. */
export interface CompactionHost {
  logOf(room: string): RoomLog | undefined;
  docOf(room: string): Y.Doc | undefined;
  /** Storage unavailable: the rooms are reloaded from the store meanwhile. */
  paused(): boolean;
  /** A unit of work is capturing changes now. */
  capturing(): boolean;
  destroyed(): boolean;
  /** STORE35: the mark of the snapshot a compaction is about to make (RoomDocs.onSnapshot). */
  onSnapshot(room: string, doc: Y.Doc): ((snapshot: Uint8Array) => void) | null;
}

export class RoomCompaction {
  private readonly compactor: Compactor;
  /**
   * STORE30: rooms whose stored parts Yjs could not wholly apply when they were decoded (a store that lost a write):
   * compacted from their document on the main thread only, since a worker's rebuild of the parts could hold what the
   * document dropped (and the snapshot would carry the document's mark, STORE35).
   */
  private lossyRooms = new Set<string>();

  constructor(
    private readonly host: CompactionHost,
    private readonly store: Store,
    private readonly policy: CompactionPolicy,
    private readonly log: (message: string, error?: unknown) => void,
  ) {
    this.compactor = new Compactor(policy.lowPriority !== false);
  }

  /** After a reload every room is rebuilt from what the store holds. */
  reset(): void {
    this.lossyRooms = new Set();
  }

  /** The room was decoded with parts Yjs could not wholly apply. */
  lossy(room: string): void {
    this.lossyRooms.add(room);
  }

  /** STORE4: compacts the room soon once its log is due. */
  whenDue(room: string, log: RoomLog): void {
    const due =
      log.bytes - log.snapshotBytes >= Math.max(this.policy.minBytes, log.snapshotBytes) ||
      log.updates >= this.policy.maxUpdates;
    if (due) this.soon(room);
  }

  /**
   * Compacts the room on a later turn (outside any unit of work), in the worker thread when it is large and its document
   * is not cheap to encode (STORE30, STORE44).
   */
  soon(room: string): void {
    const log = this.host.logOf(room);
    if (log === undefined || log.scheduled) return;
    // outside the unit of work, so the update that tipped it over is broadcast first
    log.scheduled = true;
    setImmediate(() => {
      if (this.cheapHere(room, log) || this.lossyRooms.has(room)) this.now(room);
      else void this.inBackground(room);
    });
  }

  /** STORE30, STORE44: encoding the room on the main thread is cheap: its parts are small, or its document is. */
  private cheapHere(room: string, log: RoomLog): boolean {
    if (log.bytes < (this.policy.backgroundBytes ?? BACKGROUND_BYTES)) return true;
    const doc = this.host.docOf(room);
    return doc !== undefined && cheapToEncode(doc, log.bytes);
  }

  /**
   * STORE30: compacts a room from a snapshot encoded in a worker thread. Updates accepted meanwhile stay in the room's
   * log and are stored again after the snapshot, in the same write. A snapshot that no longer matches the log (the room
   * was reloaded, or compacted directly meanwhile) is dropped; a failing worker falls back to now(). Resolves once
   * the snapshot is adopted (or dropped); its store write is queued then.
   */
  async inBackground(room: string): Promise<void> {
    const log = this.host.logOf(room);
    if (log === undefined || this.host.docOf(room) === undefined || this.host.paused()) {
      if (log !== undefined) log.scheduled = false;
      return;
    }
    if (this.lossyRooms.has(room)) return this.now(room);
    log.scheduled = true;
    const first = log.parts[0];
    const count = log.parts.length;
    const marked = this.host.onSnapshot(room, this.host.docOf(room) as Y.Doc);
    let snapshot: Uint8Array;
    try {
      // a copy of the list: updates accepted while the parts are copied to the worker are appended to log.parts
      snapshot = await this.compactor.snapshot(log.parts.slice(0, count));
    } catch (e) {
      log.scheduled = false;
      if (this.host.logOf(room) !== log || this.host.destroyed()) return;
      this.log(`[同步] 房间 ${room} 后台压缩失败，改在主线程压缩`, e);
      this.now(room);
      return;
    }
    log.scheduled = false;
    if (this.host.logOf(room) !== log || log.parts[0] !== first || log.parts.length < count || this.host.paused())
      return;
    const later = log.parts.slice(count);
    log.parts = [snapshot, ...later];
    log.updates = log.parts.length;
    log.bytes = log.parts.reduce((n, u) => n + u.length, 0);
    log.snapshotBytes = snapshot.length;
    this.store.compactRoom(room, snapshot, later).catch((e: unknown) => this.log(`[同步] 房间 ${room} 压缩失败`, e));
    if (later.length === 0) marked?.(snapshot);
  }

  /** Replaces a room's stored history with one snapshot of its current state. */
  now(room: string): void {
    const doc = this.host.docOf(room);
    const log = this.host.logOf(room);
    if (log !== undefined) log.scheduled = false; // a room unloaded meanwhile is compacted again when due
    if (doc === undefined || log === undefined) return;
    if (this.host.paused() || this.host.capturing()) return;
    const snapshot = Y.encodeStateAsUpdate(doc);
    const marked = this.host.onSnapshot(room, doc);
    log.parts = [snapshot];
    log.updates = 1;
    log.bytes = snapshot.length;
    log.snapshotBytes = snapshot.length;
    this.store.compactRoom(room, snapshot).catch((e: unknown) => this.log(`[同步] 房间 ${room} 压缩失败`, e));
    this.lossyRooms.delete(room); // its parts are now its document
    marked?.(snapshot);
  }

  close(): void {
    this.compactor.close();
  }
}
