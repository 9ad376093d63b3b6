// The in-memory store for fast in-process tests: the SQLite store's semantics (batches per tick, constraints, JSON audit, halt) without a file.
import { GroupCommit } from './group-commit';
import { QueuedWrites } from './queued-writes';
import { caseStateRow } from './case-states';
import type {
  AuditQuery,
  AuditRow,
  CaseStateRow,
  HolidayYearRow,
  RoomStats,
  Store,
  SupervisionRow,
  UnitRow,
  UserRow,
} from './store';
import { PROBE_KEY, SCHEMA_VERSION_KEY } from './store';
import { SCHEMA_VERSION } from './sqlite-schema';
import type { AuditRecord, HolidayYearRecord, WriteOp } from './write-op';
import { auditValue, checkAuditQuery, holidayYearRow, opRefused, unitFailed } from './write-op';

export interface MemoryStore extends Store {
  /** Batches applied so far (the counterpart of the SQLite store's COMMITs). */
  readonly commits: number;
  /**
   * Tests only — simulates a full disk: while `full` is true every batch fails as SQLite's does on a full disk
   * (an error with code SQLITE_FULL, nothing of the batch applied), so the store halts (STORE6), and probe() resolves
   * false. After setFull(false) the next probe() succeeds and the store resumes.
   */
  setFull(full: boolean): void;
}

type Undo = (() => void)[];

/** Sets `map[key] = value`, recording how to put the old value (or absence) back. */
function put<K, V>(map: Map<K, V>, key: K, value: V, undo: Undo): void {
  const had = map.has(key);
  const old = map.get(key);
  map.set(key, value);
  undo.push(() => (had ? map.set(key, old as V) : map.delete(key)));
}

/** What a batch fails with while the simulated disk is full: SQLite's code, so callers see what SQLite would give. */
function diskFull(): Error {
  return Object.assign(new Error('SQLITE_FULL: database or disk is full（内存存储模拟的磁盘已满，见 setFull）'), {
    code: 'SQLITE_FULL',
  });
}

interface Blob {
  snapshot: boolean;
  data: Uint8Array;
}

const CLOSED = '存储已关闭';
/** Orders like SQLite's BINARY collation (UTF-8 bytes), key by key. */
const byKeys =
  <T>(...keys: ((t: T) => string)[]) =>
  (a: T, b: T): number => {
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
  private readonly holidayMap = new Map<number, HolidayYearRecord>();
  private readonly metaMap = new Map<string, string>([[SCHEMA_VERSION_KEY, String(SCHEMA_VERSION)]]);
  private readonly auditLog: (AuditRecord & { id: number })[] = [];
  private readonly caseStateMap = new Map<string, string>();
  protected readonly queue: GroupCommit<WriteOp>;
  private closed = false;
  private full = false;

  constructor(log: (message: string, error: unknown) => void) {
    super();
    this.queue = new GroupCommit<WriteOp>((ops) => Promise.resolve(this.runBatch(ops)), log);
  }

  setFull(full: boolean): void {
    this.full = full;
  }

  protected async probeWrite(at: string): Promise<void> {
    if (this.full) throw diskFull();
    this.metaMap.set(PROBE_KEY, at);
  }

  /** All or nothing, like one SQLite transaction: a failure of the batch undoes what it had applied. */
  private runBatch(ops: readonly WriteOp[]): (Error | null)[] {
    if (this.full) throw diskFull();
    const undo: Undo = [];
    try {
      return ops.map((op) => this.applyOp(op, undo));
    } catch (e) {
      for (const step of undo.reverse()) step();
      throw e;
    }
  }

  /** A single write that is refused fails alone; a refused write inside a unit fails the batch (STORE5). */
  private applyOp(op: WriteOp, undo: Undo): Error | null {
    if (op.kind !== 'all') {
      const refused = this.apply(op, undo);
      return refused === null ? null : opRefused(op, refused);
    }
    for (const member of op.writes) {
      const refused = this.apply(member, undo);
      if (refused !== null) throw unitFailed(member, new Error(refused));
    }
    return null;
  }

  /** Applies one write entirely or not at all; returns why it was refused (the same refusals as the SQLite schema). */
  private apply(op: Exclude<WriteOp, { kind: 'all' }>, undo: Undo): string | null {
    switch (op.kind) {
      case 'update': {
        const list = this.rooms.get(op.room);
        const blob: Blob = { snapshot: false, data: op.data };
        if (list === undefined) {
          put(this.rooms, op.room, [blob], undo);
        } else {
          list.push(blob);
          undo.push(() => list.pop());
        }
        return null;
      }
      case 'compact':
        put(
          this.rooms,
          op.room,
          [{ snapshot: true, data: op.data }, ...op.later.map((data) => ({ snapshot: false, data }))],
          undo,
        );
        return null;
      case 'audit': {
        const before = this.auditLog.length;
        for (const r of op.rows) this.auditLog.push({ ...r, id: this.auditLog.length + 1 });
        undo.push(() => {
          this.auditLog.length = before;
        });
        return null;
      }
      case 'counter':
        put(this.counterMap, op.name, op.value, undo);
        return null;
      case 'unit':
        put(this.unitMap, op.row.id, op.row, undo);
        return null;
      case 'user':
        if (op.row.unitId !== null && !this.unitMap.has(op.row.unitId))
          return `FOREIGN KEY constraint failed（单位 ${op.row.unitId} 不存在）`;
        put(this.userMap, op.row.id, op.row, undo);
        return null;
      case 'supervision':
        put(this.supervisionMap, op.row.code, op.row, undo);
        return null;
      case 'holidayYear':
        put(this.holidayMap, op.row.year, op.row, undo);
        return null;
      case 'meta':
        put(this.metaMap, op.key, op.value, undo);
        return null;
      case 'caseState':
        put(this.caseStateMap, op.row.id, op.row.json, undo);
        return null;
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
      .sort(
        byKeys(
          (s) => s.issuedAt,
          (s) => s.code,
        ),
      )
      .map((s) => ({ ...s }));
  }

  async meta(key: string): Promise<string | null> {
    this.readable();
    return this.metaMap.get(key) ?? null;
  }

  async holidayYears(): Promise<HolidayYearRow[]> {
    this.readable();
    return [...this.holidayMap.values()].sort((a, b) => a.year - b.year).map(holidayYearRow);
  }

  async caseStates(): Promise<CaseStateRow[]> {
    this.readable();
    return [...this.caseStateMap].sort(byKeys(([id]) => id)).map(([id, json]) => caseStateRow(id, json));
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

/** A fresh, empty in-memory store; `log` receives failed batches (default console.error). */
export function createMemoryStore(options: { log?: (message: string, error: unknown) => void } = {}): MemoryStore {
  return new MemoryStoreImpl(options.log ?? ((message, error) => console.error(`[store] ${message}`, error)));
}
