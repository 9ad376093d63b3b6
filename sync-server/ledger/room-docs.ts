// The room documents: each update is committed to the store before listeners hear of it; periodic compaction.
import * as Y from 'yjs';
import type { Store } from '../store/store';
import { COMPENSATED } from './enforce';

export type CommittedListener = (room: string, update: Uint8Array, origin: unknown, echoToOrigin: boolean) => void;

/** Origin of the server's own writes (commands, projection, scheduler). */
export const SERVER_ORIGIN = Object.freeze({ server: true });
/** Origin used while loading stored updates: those are not stored again. */
const LOAD_ORIGIN = Object.freeze({ load: true });

export interface CompactionPolicy {
  /** Compact a room once this many updates were stored since its last snapshot. */
  updates: number;
}

export class RoomDocs {
  private readonly docs = new Map<string, Y.Doc>();
  private readonly listeners = new Set<CommittedListener>();
  private readonly sinceSnapshot = new Map<string, number>();
  private failure: unknown = null;

  constructor(
    private readonly store: Store,
    private readonly policy: CompactionPolicy = { updates: 1000 },
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
    this.sinceSnapshot.set(room, updates.length);
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
      const n = (this.sinceSnapshot.get(room) ?? 0) + 1;
      this.sinceSnapshot.set(room, n);
      if (n >= this.policy.updates) this.compact(room);
    });
  }

  /** The room's document, created (empty, persisted from now on) when it does not exist yet. */
  get(room: string): Y.Doc {
    const existing = this.docs.get(room);
    if (existing !== undefined) return existing;
    const doc = new Y.Doc({ gc: true });
    this.attach(room, doc);
    this.sinceSnapshot.set(room, 0);
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
    this.sinceSnapshot.set(room, 0);
    this.store.compactRoom(room, Y.encodeStateAsUpdate(doc)).catch((e: unknown) => {
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
