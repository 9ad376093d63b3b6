// The room documents: changes are captured per unit of work, committed before anyone hears of them, and rolled back from an in-memory log.
import * as Y from 'yjs';
import type { Store, StoreWrite } from '../store/store';
import type { CompactionPolicy, RoomLog } from './room-compaction';
import { DEFAULT_COMPACTION, RoomCompaction } from './room-compaction';
import { COMPENSATED } from './enforce';

export type { CompactionPolicy } from './room-compaction';
export { DEFAULT_COMPACTION } from './room-compaction';

export type CommittedListener = (room: string, update: Uint8Array, origin: unknown, echoToOrigin: boolean) => void;

/** Origin of the server's own writes (commands, projection, scheduler). */
export const SERVER_ORIGIN = Object.freeze({ server: true });
/** Origin used while loading stored updates: those are not stored again. */
const LOAD_ORIGIN = Object.freeze({ load: true });

/** An update a unit of work produced: stored with the unit, broadcast once the unit commits. */
export interface CapturedUpdate {
  readonly room: string;
  readonly update: Uint8Array;
  readonly origin: unknown;
  readonly echo: boolean;
}

interface Capture {
  readonly updates: CapturedUpdate[];
  readonly touched: Set<string>;
  /** STORE31/STORE33: stored rooms first decoded inside this unit (undone by unloading them again). */
  readonly loaded: Set<string>;
}

export class RoomDocs {
  private docs = new Map<string, Y.Doc>();
  private logs = new Map<string, RoomLog>();
  private readonly listeners = new Set<CommittedListener>();
  private capturing: Capture | null = null;
  /** Updates made outside any unit of work (a programming error, kept rather than lost): stored on their own. */
  private stray: CapturedUpdate[] = [];
  private paused = false;
  private readonly compaction: RoomCompaction;
  /** STORE31: stored rooms not decoded yet (their parts are in their logs). */
  private unloaded = new Set<string>();
  /** STORE31: called once a room stored before the start is decoded (the ledger repairs it). */
  onFirstLoad: (room: string) => void = () => undefined;
  /**
   * STORE35: called with a room's document when a compaction encodes it; what it returns is called with the snapshot
   * once the snapshot is the room's only part and its store write is queued.
   */
  onSnapshot: (room: string, doc: Y.Doc) => ((snapshot: Uint8Array) => void) | null = () => null;
  private destroyed = false;

  constructor(
    private readonly store: Store,
    policy: CompactionPolicy = DEFAULT_COMPACTION,
    private readonly log: (message: string, error?: unknown) => void = (m, e) => console.error(m, e ?? ''),
  ) {
    this.compaction = new RoomCompaction(
      {
        logOf: (room) => this.logs.get(room),
        docOf: (room) => this.docs.get(room),
        paused: () => this.paused,
        capturing: () => this.capturing !== null,
        destroyed: () => this.destroyed,
        onSnapshot: (room, doc) => this.onSnapshot(room, doc),
      },
      store,
      policy,
      log,
    );
  }

  /**
   * Reads every stored room (SYNC6: all rooms are persisted, so reconnecting clients converge). STORE31: only the rooms
   * `eager` names are decoded now; every other room is decoded from its parts, already in memory, on first use.
   */
  async loadAll(eager: (room: string) => boolean = () => true): Promise<void> {
    const rooms = await this.store.listRooms();
    const loaded = await Promise.all(rooms.map(async (room) => [room, await this.store.loadRoom(room)] as const));
    for (const doc of this.docs.values()) doc.destroy();
    this.docs = new Map();
    this.unloaded = new Set();
    this.compaction.reset();
    const versions = this.logs;
    this.logs = new Map();
    for (const [room, parts] of loaded) {
      const bytes = parts.reduce((n, u) => n + u.length, 0);
      const version = (versions.get(room)?.version ?? 0) + 1;
      this.logs.set(room, {
        parts,
        bytes,
        updates: parts.length,
        snapshotBytes: parts[0]?.length ?? 0,
        scheduled: false,
        version,
      });
      if (eager(room)) this.attach(room, this.build(room, parts));
      else this.unloaded.add(room);
    }
  }

  /** A document from stored parts; what Yjs could not apply (a store that lost a write) is reported and dropped. */
  private build(room: string, parts: readonly Uint8Array[]): Y.Doc {
    const doc = new Y.Doc({ gc: true });
    if (parts.length > 0) {
      Y.transact(
        doc,
        () => {
          for (const u of parts) Y.applyUpdate(doc, u, LOAD_ORIGIN);
        },
        LOAD_ORIGIN,
      );
    }
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      this.log(`[同步] 房间 ${room} 的存储数据缺少部分前置更新，无法应用的部分已忽略`);
      this.compaction.lossy(room);
      doc.store.pendingStructs = null;
      doc.store.pendingDs = null;
    }
    return doc;
  }

  private attach(room: string, doc: Y.Doc): void {
    this.docs.set(room, doc);
    doc.on('beforeTransaction', () => {
      this.capturing?.touched.add(room);
    });
    doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      if (origin === LOAD_ORIGIN) return;
      this.logOf(room).version++; // every change of the document, whatever made it, keys caches anew
      const captured = { room, update, origin, echo: tr.meta.get(COMPENSATED) === true };
      if (this.capturing !== null) this.capturing.updates.push(captured);
      else this.stray.push(captured);
    });
  }

  /**
   * Runs `fn` with every document change captured instead of stored. If `fn` throws (or leaves a document in a broken
   * transaction state), every room it touched is rebuilt from its log — as it was before — and the error rethrown.
   */
  capture<T>(fn: () => T): { value: T; updates: CapturedUpdate[] } {
    if (this.capturing !== null) throw new Error('units of work do not nest');
    const capture: Capture = { updates: [], touched: new Set(), loaded: new Set() };
    this.capturing = capture;
    let value: T;
    try {
      value = fn();
      for (const room of capture.touched) {
        if ((this.docs.get(room)?._transactionCleanups.length ?? 0) > 0)
          throw new Error(`房间 ${room} 的文档处于异常状态`);
      }
    } catch (e) {
      this.capturing = null;
      // a room first decoded in this unit goes back to its stored parts: decoded again (and repaired) on next use
      for (const room of capture.loaded) this.unload(room);
      for (const room of capture.touched) if (!capture.loaded.has(room)) this.rollback(room);
      throw e;
    }
    this.capturing = null;
    return { value, updates: capture.updates };
  }

  /** Updates made outside a unit of work since the last call (stored by the caller like a unit's). */
  takeStray(): CapturedUpdate[] {
    const out = this.stray;
    this.stray = [];
    return out;
  }

  /** STORE31/STORE33: drops a room's decoded document; its stored parts (its log) stay, decoded on next use. */
  private unload(room: string): void {
    const doc = this.docs.get(room);
    if (doc !== undefined) {
      doc.destroy();
      this.docs.delete(room);
      this.logOf(room).version++;
    }
    this.unloaded.add(room);
  }

  /** Rebuilds a room's document from its log: the state before the failed unit of work. */
  private rollback(room: string): void {
    const old = this.docs.get(room);
    const log = this.logOf(room);
    old?.destroy();
    this.attach(room, this.build(room, log.parts));
    log.version++;
  }

  private logOf(room: string): RoomLog {
    let log = this.logs.get(room);
    if (log === undefined) {
      log = { parts: [], bytes: 0, updates: 0, snapshotBytes: 0, scheduled: false, version: 1 };
      this.logs.set(room, log);
    }
    return log;
  }

  /** Accepts captured updates into the room logs (they are part of the rooms from now on); returns their store writes. */
  accept(updates: readonly CapturedUpdate[]): StoreWrite[] {
    return updates.map((u) => {
      const log = this.logOf(u.room);
      log.parts.push(u.update);
      log.updates++;
      log.bytes += u.update.length;
      this.compaction.whenDue(u.room, log);
      return { kind: 'update', room: u.room, update: u.update };
    });
  }

  /** SYNC5: the unit holding these updates is durable: now the listeners (the broadcast) hear of them, in order. */
  committed(updates: readonly CapturedUpdate[]): void {
    for (const u of updates) {
      for (const l of this.listeners) {
        try {
          l(u.room, u.update, u.origin, u.echo);
        } catch (e) {
          this.log('[同步] 广播出错', e);
        }
      }
    }
  }

  /** The room's document, created (empty, persisted from its first change) when it does not exist yet. Never keep it: a rollback replaces it. */
  get(room: string): Y.Doc {
    const existing = this.docs.get(room);
    if (existing !== undefined) return existing;
    if (this.unloaded.has(room)) {
      const doc = this.build(room, this.logOf(room).parts); // throws on undecodable parts: the room stays unloaded
      this.unloaded.delete(room);
      this.attach(room, doc);
      this.logOf(room).version++; // SYNC13: an answer served from the stored parts is encoded again from the document
      this.capturing?.loaded.add(room);
      try {
        this.onFirstLoad(room);
      } catch (e) {
        // STORE33: a room that could not be repaired is never served: it stays stored, decoded again on next use
        this.unload(room);
        throw e;
      }
      return this.docs.get(room) ?? doc;
    }
    const doc = new Y.Doc({ gc: true });
    this.logOf(room);
    this.attach(room, doc);
    return doc;
  }

  /** Whether a unit of work is capturing changes now (STORE31: a room decoded inside one is repaired inside it). */
  get capturingNow(): boolean {
    return this.capturing !== null;
  }

  /** Changes whenever the room's document changes or is replaced (keys caches of its encoded state). */
  version(room: string): number {
    return this.logs.get(room)?.version ?? 0;
  }

  has(room: string): boolean {
    return this.docs.has(room) || this.unloaded.has(room);
  }

  /** Whether the room's document exists now (decoded from the store, or created since). */
  decoded(room: string): boolean {
    return this.docs.has(room);
  }

  /**
   * SYNC13: a room's parts (its snapshot and the updates accepted after it), null for an unknown room. While the room
   * is not decoded they are what loadAll read: committed.
   */
  storedParts(room: string): readonly Uint8Array[] | null {
    return this.logs.get(room)?.parts ?? null;
  }

  /** Every room, decoded or not. */
  rooms(): string[] {
    return [...this.docs.keys(), ...this.unloaded];
  }

  /** The rooms decoded so far. */
  loadedRooms(): string[] {
    return [...this.docs.keys()];
  }

  /** No compaction while storage is unavailable (the rooms are reloaded from the store meanwhile). */
  pause(paused: boolean): void {
    this.paused = paused;
  }

  /** Compacts the room on a later turn (outside any unit of work), in the worker thread when it is large (STORE30). */
  compactSoon(room: string): void {
    this.compaction.soon(room);
  }

  /** STORE30: compacts a room from a snapshot encoded in a worker thread (RoomCompaction.inBackground). */
  compactInBackground(room: string): Promise<void> {
    return this.compaction.inBackground(room);
  }

  /** Replaces a room's stored history with one snapshot of its current state. */
  compact(room: string): void {
    this.compaction.now(room);
  }

  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.destroyed = true;
    this.compaction.close();
    for (const doc of this.docs.values()) doc.destroy();
    this.docs.clear();
  }
}
