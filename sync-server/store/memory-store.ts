// The in-memory store for fast in-process tests: the SQLite store's semantics (batches per tick, constraints, JSON audit) without a file.
import { GroupCommit } from './group-commit';
import { QueuedWrites } from './queued-writes';
import type { AuditQuery, AuditRow, RoomStats, Store, SupervisionRow, UnitRow, UserRow } from './store';
import { SCHEMA_VERSION_KEY } from './store';
import { SCHEMA_VERSION } from './sqlite-schema';
import type { AuditRecord, WriteOp } from './write-op';
import {
  auditValue, checkAuditQuery, opRefused
} from './write-op';

export interface MemoryStore extends Store {
  /** Batches applied so far (the counterpart of the SQLite store's COMMITs). */
  readonly commits: number;
}

interface Blob { snapshot: boolean; data: Uint8Array }

const CLOSED = '存储已关闭';
/** Orders like SQLite's BINARY collation (UTF-8 bytes), key by key. */
const byKeys = <T>(...keys: ((t: T) => string)[]) => (a: T, b: T): number => {
  for (const key of keys) {
    const c = Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b)));
    if (c !== 0) return c;
  }
  return 0;
};

class MemoryStoreImpl extends QueuedWrites implements MemoryStore {
  private readonly rooms = new Map<string, Blob[]>();
  private readonly counterMap = new Map<string, number>();
  private readonly unitMap = new Map<string, UnitRow>();
  private readonly userMap = new Map<string, UserRow>();
  private readonly supervisionMap = new Map<string, SupervisionRow>();
  private readonly metaMap = new Map<string, string>([[SCHEMA_VERSION_KEY, String(SCHEMA_VERSION)]]);
  private readonly auditLog: (AuditRecord & { id: number })[] = [];
  protected readonly queue = new GroupCommit<WriteOp>(
    (ops) => Promise.resolve(ops.map((op) => this.apply(op))),
    (message, error) => console.error(`[store] ${message}`, error),
  );
  private closed = false;

  /** Applies one op entirely or not at all; the same refusals as the SQLite schema. */
  private apply(op: WriteOp): Error | null {
    switch (op.kind) {
      case 'update': {
        const list = this.rooms.get(op.room) ?? [];
        list.push({ snapshot: false, data: op.data });
        this.rooms.set(op.room, list);
        return null;
      }
      case 'compact':
        this.rooms.set(op.room, [{ snapshot: true, data: op.data }]);
        return null;
      case 'audit': {
        for (const r of op.rows) this.auditLog.push({ ...r, id: this.auditLog.length + 1 });
        return null;
      }
      case 'counter': this.counterMap.set(op.name, op.value); return null;
      case 'unit': this.unitMap.set(op.row.id, op.row); return null;
      case 'user':
        if (op.row.unitId !== null && !this.unitMap.has(op.row.unitId)) {
          return opRefused(op, `FOREIGN KEY constraint failed（单位 ${op.row.unitId} 不存在）`);
        }
        this.userMap.set(op.row.id, op.row);
        return null;
      case 'supervision': this.supervisionMap.set(op.row.code, op.row); return null;
      case 'meta': this.metaMap.set(op.key, op.value); return null;
    }
  }

  private readable(): void {
    if (this.closed) throw new Error(CLOSED);
  }

  async loadRoom(room: string): Promise<Uint8Array[]> {
    this.readable();
    return (this.rooms.get(room) ?? []).map((b) => new Uint8Array(b.data));
  }

  async roomStats(room: string): Promise<RoomStats> {
    this.readable();
    const since = (this.rooms.get(room) ?? []).filter((b) => !b.snapshot);
    return { updates: since.length, bytes: since.reduce((n, b) => n + b.data.byteLength, 0) };
  }

  async listRooms(): Promise<string[]> {
    this.readable();
    return [...this.rooms.keys()].sort(byKeys((k) => k));
  }

  async counters(): Promise<Map<string, number>> {
    this.readable();
    return new Map([...this.counterMap].sort(byKeys(([k]) => k)));
  }

  async units(): Promise<UnitRow[]> {
    this.readable();
    return [...this.unitMap.values()].sort(byKeys((u) => u.id)).map((u) => ({ ...u }));
  }

  async users(): Promise<UserRow[]> {
    this.readable();
    return [...this.userMap.values()].sort(byKeys((u) => u.id)).map((u) => ({ ...u }));
  }

  async user(id: string): Promise<UserRow | null> {
    this.readable();
    const u = this.userMap.get(id);
    return u === undefined ? null : { ...u };
  }

  async audit(q: AuditQuery): Promise<AuditRow[]> {
    checkAuditQuery(q);
    this.readable();
    const after = q.afterId ?? 0;
    return this.auditLog
      .filter((a) => a.id > after && (q.caseId === undefined || a.caseId === q.caseId))
      .slice(0, q.limit)
      .map((a) => ({ ...a, old: auditValue(a.old), new: auditValue(a.new) }));
  }

  async supervisions(caseId?: string): Promise<SupervisionRow[]> {
    this.readable();
    return [...this.supervisionMap.values()]
      .filter((s) => caseId === undefined || s.caseId === caseId)
      .sort(byKeys((s) => s.issuedAt, (s) => s.code))
      .map((s) => ({ ...s }));
  }

  async meta(key: string): Promise<string | null> {
    this.readable();
    return this.metaMap.get(key) ?? null;
  }

  async backup(_file: string): Promise<void> {
    throw new Error('内存存储不支持备份');
  }

  async close(): Promise<void> {
    this.queue.close(CLOSED);
    await this.queue.flush().catch(() => undefined);
    this.closed = true;
  }
}

/** A fresh, empty in-memory store. */
export function createMemoryStore(): MemoryStore {
  return new MemoryStoreImpl();
}
