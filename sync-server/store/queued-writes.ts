// The write half of both stores: each write becomes a validated op queued for the next group commit.
import type { GroupCommit } from './group-commit';
import type { NewAudit, SupervisionRow, UnitRow, UserRow } from './store';
import type { WriteOp } from './write-op';
import { auditOp, compactOp, counterOp, metaOp, supervisionOp, unitOp, updateOp, userOp } from './write-op';

export abstract class QueuedWrites {
  protected abstract readonly queue: GroupCommit<WriteOp>;

  /** Batches committed so far (SQLite COMMITs, or applied batches in memory). */
  get commits(): number {
    return this.queue.commits;
  }

  appendUpdate(room: string, update: Uint8Array): Promise<void> { return this.queue.enqueue(() => updateOp(room, update)); }
  compactRoom(room: string, snapshot: Uint8Array): Promise<void> { return this.queue.enqueue(() => compactOp(room, snapshot)); }
  appendAudit(rows: readonly NewAudit[]): Promise<void> { return this.queue.enqueue(() => auditOp(rows)); }
  setCounter(name: string, value: number): Promise<void> { return this.queue.enqueue(() => counterOp(name, value)); }
  putUnit(u: UnitRow): Promise<void> { return this.queue.enqueue(() => unitOp(u)); }
  putUser(u: UserRow): Promise<void> { return this.queue.enqueue(() => userOp(u)); }
  putSupervision(s: SupervisionRow): Promise<void> { return this.queue.enqueue(() => supervisionOp(s)); }
  setMeta(key: string, value: string): Promise<void> { return this.queue.enqueue(() => metaOp(key, value)); }
  flush(): Promise<void> { return this.queue.flush(); }
}
