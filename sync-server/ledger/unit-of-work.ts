// One unit of work: the store writes that commit together, what to undo if it fails half way, what to do once durable; and how one runs.
import { LedgerError } from '../../shared/errors';
import type { NewAudit, Store, StoreWrite } from '../store/store';
import type { CapturedUpdate, RoomDocs } from './room-docs';

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

/**
 * STORE5: runs `fn` as one unit of work: its document changes, audit, counters and rows are queued as one atomic
 * store write. An exception in `fn` rolls every touched room and the in-memory state back and is rethrown; nothing of
 * the unit is broadcast or read back before it is durable; a failed write is reported to `failed` (STORE9) and `done`
 * rejects with STORAGE_UNAVAILABLE.
 */
export function runUnitOfWork<T>(
  docs: RoomDocs,
  store: Pick<Store, 'appendAll'>,
  failed: (e: unknown) => void,
  fn: (unit: UnitOfWork) => T,
): { value: T; done: Promise<void> } {
  const unit = new UnitOfWork();
  let captured: { value: T; updates: CapturedUpdate[] };
  try {
    captured = docs.capture(() => fn(unit));
  } catch (e) {
    unit.rollback();
    throw e;
  }
  const updates = [...docs.takeStray(), ...captured.updates];
  const writes = [...docs.accept(updates), ...unit.writes];
  if (writes.length === 0) {
    unit.committed();
    return { value: captured.value, done: Promise.resolve() };
  }
  const done = store.appendAll(writes).then(
    () => {
      docs.committed(updates);
      unit.committed();
    },
    (e: unknown) => {
      failed(e);
      throw new LedgerError('STORAGE_UNAVAILABLE');
    },
  );
  done.catch(() => undefined); // callers that do not await still get the failure handled above
  return { value: captured.value, done };
}
