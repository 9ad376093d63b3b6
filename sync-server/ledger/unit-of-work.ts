// One unit of work: the store writes that commit together, what to undo if it fails half way, what to do once durable.
import type { NewAudit, StoreWrite } from '../store/store';

export class UnitOfWork {
  readonly writes: StoreWrite[] = [];
  private readonly undos: (() => void)[] = [];
  private readonly afterCommit: (() => void)[] = [];

  write(w: StoreWrite): void {
    this.writes.push(w);
  }

  audit(rows: readonly NewAudit[]): void {
    if (rows.length > 0) this.writes.push({ kind: 'audit', rows });
  }

  /** Registers how to undo an in-memory change if the unit fails before it is queued (run in reverse order). */
  onRollback(undo: () => void): void {
    this.undos.push(undo);
  }

  /** Registers what to do once the unit is durable (in the order registered; units in the order they commit). */
  onCommit(f: () => void): void {
    this.afterCommit.push(f);
  }

  rollback(): void {
    for (const undo of this.undos.splice(0).reverse()) undo();
  }

  committed(): void {
    for (const f of this.afterCommit.splice(0)) f();
  }
}
