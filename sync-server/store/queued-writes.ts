// The write half of both stores: each write becomes a validated op queued for the next group commit; halt and probe.
import type { GroupCommit } from './group-commit';
import type { HolidayYearRow, NewAudit, StoreWrite, SupervisionRow, UnitRow, UserRow } from './store';
import type { WriteOp } from './write-op';
import {
  allOp,
  auditOp,
  compactOp,
  counterOp,
  holidayYearOp,
  metaOp,
  supervisionOp,
  unitOp,
  updateOp,
  userOp,
} from './write-op';

export abstract class QueuedWrites {
  protected abstract readonly queue: GroupCommit<WriteOp>;

  /** Batches committed so far (SQLite COMMITs, or applied batches in memory). */
  get commits(): number {
    return this.queue.commits;
  }

  appendUpdate(room: string, update: Uint8Array): Promise<void> {
    return this.queue.enqueue(() => updateOp(room, update));
  }
  compactRoom(room: string, snapshot: Uint8Array, later: readonly Uint8Array[] = []): Promise<void> {
    return this.queue.enqueue(() => compactOp(room, snapshot, later));
  }
  appendAudit(rows: readonly NewAudit[]): Promise<void> {
    return this.queue.enqueue(() => auditOp(rows));
  }
  setCounter(name: string, value: number): Promise<void> {
    return this.queue.enqueue(() => counterOp(name, value));
  }
  putUnit(u: UnitRow): Promise<void> {
    return this.queue.enqueue(() => unitOp(u));
  }
  putUser(u: UserRow): Promise<void> {
    return this.queue.enqueue(() => userOp(u));
  }
  putSupervision(s: SupervisionRow): Promise<void> {
    return this.queue.enqueue(() => supervisionOp(s));
  }
  putHolidayYear(h: HolidayYearRow): Promise<void> {
    return this.queue.enqueue(() => holidayYearOp(h));
  }
  setMeta(key: string, value: string): Promise<void> {
    return this.queue.enqueue(() => metaOp(key, value));
  }
  appendAll(writes: readonly StoreWrite[]): Promise<void> {
    return this.queue.enqueue(() => allOp(writes));
  }
  flush(): Promise<void> {
    return this.queue.flush();
  }

  /** STORE6: the failure that halted writing, or null. */
  get halted(): Error | null {
    return this.queue.halted;
  }

  /** STORE6: one small durable write (meta 'probe') outside the queue; resumes a halted store when it succeeds. */
  probe(): Promise<boolean> {
    return this.queue.probe(() => this.probeWrite(new Date().toISOString()));
  }

  /** Writes meta 'probe' = `at` durably in its own transaction, or throws. */
  protected abstract probeWrite(at: string): Promise<void>;
}
