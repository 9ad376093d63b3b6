// The room documents: each update is committed to the store before listeners hear of it; periodic compaction.
import * as Y from 'yjs';
import type { Store } from '../store/store';
import { COMPENSATED } from './enforce';

export type CommittedListener = (room: string, update: Uint8Array, origin: unknown, echoToOrigin: boolean) => void;

/** Origin of the server's own writes (commands, projection, scheduler). */
export const SERVER_ORIGIN = Object.freeze({ server: true });
/** Origin used while loading stored updates: those are not stored again. */
const LOAD_ORIGIN = Object.freeze({ load: true });

/**
 * STORE4: a room is compacted once the updates stored since its snapshot weigh as much as the snapshot
 * (at least `minBytes`), or their count reaches `maxUpdates`; so a cold start replays at most about twice
 * the room's size, and a large room is not re-encoded every few hundred edits.
 */
export interface CompactionPolicy {
  minBytes: number;
  maxUpdates: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { minBytes: 256 * 1024, maxUpdates: 20_000 };

interface RoomLog { updates: number; bytes: number; snapshotBytes: number; scheduled: boolean }

export class RoomDocs {
  private readonly docs = new Map<string, Y.Doc>();
  private readonly listeners = new Set<CommittedListener>();
  private readonly logs = new Map<string, RoomLog>();
  private failure: unknown = null;

  constructor(
    private readonly store: Store,
    private readonly policy: CompactionPolicy = DEFAULT_COMPACTION,
  ) {}

  /** Loads every stored room (SYNC6: all rooms are persisted, so reconnecting clients converge). */
  async loadAll(): Promise<void> {
    for (const room of await this.store.listRooms()) await this.load(room);
  }

  private async load(room: string): Promise<Y.Doc> {
    const doc = new Y.Doc({ gc: true });
    const updates = await this.store.loadRoom(room);
    if (updates.length > 0) {
      Y.transact(doc, () => {
        for (const u of updates) Y.applyUpdate(doc, u, LOAD_ORIGIN);
      }, LOAD_ORIGIN);
    }
    const bytes = updates.reduce((n, u) => n + u.length, 0);
    this.logs.set(room, { updates: updates.length, bytes, snapshotBytes: updates[0]?.length ?? 0, scheduled: false });
    this.attach(room, doc);
    return doc;
  }

  private attach(room: string, doc: Y.Doc): void {
    this.docs.set(room, doc);
    doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      if (origin === LOAD_ORIGIN) return;
      const echo = tr.meta.get(COMPENSATED) === true;
      // SYNC5: commit first, then tell the listeners (broadcast)
      this.store.appendUpdate(room, update).then(
        () => {
          for (const l of this.listeners) l(room, update, origin, echo);
        },
        (e: unknown) => {
          this.failure = e;
          console.error(`[同步] 房间 ${room} 的更新写入失败`, e);
        },
      );
      const log = this.logs.get(room) ?? { updates: 0, bytes: 0, snapshotBytes: 0, scheduled: false };
      log.updates++;
      log.bytes += update.length;
      this.logs.set(room, log);
      const due = log.bytes >= Math.max(this.policy.minBytes, log.snapshotBytes) || log.updates >= this.policy.maxUpdates;
      if (due && !log.scheduled) {
        // outside the update handler, so the edit that tipped it over is broadcast first
        log.scheduled = true;
        setImmediate(() => this.compact(room));
      }
    });
  }

  /** The room's document, created (empty, persisted from now on) when it does not exist yet. */
  get(room: string): Y.Doc {
    const existing = this.docs.get(room);
    if (existing !== undefined) return existing;
    const doc = new Y.Doc({ gc: true });
    this.attach(room, doc);
    this.logs.set(room, { updates: 0, bytes: 0, snapshotBytes: 0, scheduled: false });
    return doc;
  }

  has(room: string): boolean {
    return this.docs.has(room);
  }

  rooms(): string[] {
    return [...this.docs.keys()];
  }

  /** Replaces a room's stored history with one snapshot of its current state. */
  compact(room: string): void {
    const doc = this.docs.get(room);
    if (doc === undefined) return;
    const snapshot = Y.encodeStateAsUpdate(doc);
    this.logs.set(room, { updates: 0, bytes: 0, snapshotBytes: snapshot.length, scheduled: false });
    this.store.compactRoom(room, snapshot).catch((e: unknown) => {
      console.error(`[同步] 房间 ${room} 压缩失败`, e);
    });
  }

  onCommitted(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when everything applied so far is durable; rejects if a write has failed. */
  async whenDurable(): Promise<void> {
    await this.store.flush();
    if (this.failure !== null) throw this.failure;
  }

  destroy(): void {
    for (const doc of this.docs.values()) doc.destroy();
    this.docs.clear();
  }
}
