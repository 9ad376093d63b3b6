// Binds the room's Y.Doc to the 台账 table both ways: remote changes rendered in batches, user edits checked and sent.
import type * as Y from 'yjs';
import type { CaseData } from '../../shared/case';
import type { Rejection } from '../../shared/contract/sync';
import { readAllCases, readCase, readUnits } from '../../shared/ydoc-layout';
import type { CellValue, SessionClaim, UserEdit, WriteBatch, WriteResult } from '../sheet/port';
import { ClaimLostError, StructureDeferredError } from '../sheet/port';
import { newSessionId, takeWorkbook } from './claim';
import { watchDoc } from './doc-watch';
import { takeUserEdits } from './edit-intake';
import { WorkQueue } from './work-queue';
import type { BindingOptions } from './options';
import type { EditContext } from './cell-edit';
import { same, takeCellEdit } from './cell-edit';
import { COLUMNS, COLUMN_OF, ID_COLUMN, layoutFor, rowOf } from './columns';
import { RowDeferral } from './row-deferral';
import { RowLocks } from './row-locks';
import { lostRefusal, readForRecheck, strayRefusal } from './recheck';
import { SheetModel, batchSize, emptyBatch } from './sheet-model';
import { seedModel } from './startup';
import { takeWriteOutcome } from './write-outcome';

export type { BindingOptions } from './options';

export type { Refusal } from './cell-edit';
export { BINDING_ORIGIN } from './cell-edit';

export class LedgerBinding {
  private readonly model = new SheetModel();
  private readonly locks: RowLocks;
  private dirty = new Set<string>();
  private allDirty = false;
  private flushScheduled = false;
  private readonly work = new WorkQueue(
    () => this.stopped,
    () => this.reconcile(),
  );
  private readonly selectionListeners = new Set<(c: CaseData | null) => void>();
  private readonly cleanups: (() => void)[] = [];
  private stopped = false;
  private resyncing = false;
  private readonly deferral: RowDeferral;
  /** Host calls (each one Excel.run), batches of remote changes rendered, and writes into the Y.Doc from user edits. */
  readonly counters = { hostCalls: 0, remoteBatches: 0, localWrites: 0 };

  private readonly editContext: EditContext;

  private constructor(private readonly opts: BindingOptions) {
    this.locks = new RowLocks(opts.actor, layoutFor(opts.actor.role));
    this.editContext = {
      doc: opts.doc,
      actor: opts.actor,
      model: this.model,
      now: opts.now ?? Date.now,
      onRefusal: (r) => opts.onRefusal(r),
      stopped: () => this.stopped,
    };
    const notify = (message: string) =>
      opts.onRefusal({ caseId: null, field: null, code: 'CONFLICT', message, source: 'local' });
    this.deferral = new RowDeferral(opts.deferRetryMs ?? 30_000, notify, (ids) => {
      if (this.stopped) return;
      for (const id of ids) this.dirty.add(id);
      this.scheduleFlush();
    });
  }

  static async start(opts: BindingOptions): Promise<LedgerBinding> {
    const b = new LedgerBinding(opts);
    await b.init();
    return b;
  }

  private get doc(): Y.Doc {
    return this.opts.doc;
  }

  private async init(): Promise<void> {
    const { port } = this.opts;
    await port.setup(layoutFor(this.opts.actor.role));
    this.counters.hostCalls++;
    // BIND38: one session writes the workbook; another person's add-in that holds it keeps it, and we write nothing
    const holder = await takeWorkbook(port, {
      actor: this.opts.actor,
      now: this.editContext.now,
      session: newSessionId(),
      settleMs: this.opts.claimSettleMs ?? 0,
    });
    if (holder !== null) return this.coAuthored(holder);
    const saved = await port.readState();
    const rows = await port.readRows();
    this.counters.hostCalls += 2;
    // BIND2: the document is the truth; only the sheet's differences are rewritten. BIND12: cells changed since the
    // kept state was written (typed while the add-in was closed) are edits: checked, sent or listed as refused.
    // BIND22: on a filtered table stray rows stay until a later reconcile.
    seedModel(this.model, rows, saved, (id) => readCase(this.doc, id) !== null);
    await this.reconcile(rows);

    this.cleanups.push(
      watchDoc(
        this.doc,
        (ids) => {
          for (const id of ids) this.dirty.add(id);
          this.scheduleFlush();
        },
        () => {
          this.allDirty = true;
          this.scheduleFlush();
        },
      ),
    );
    this.cleanups.push(port.onUserEdit((edits) => this.enqueue(() => this.handleEdits(edits))));
    // BIND37: a co-author's edit stops the binding at once and for good (no writes, no re-check, no loop)
    if (port.onCoAuthor) this.cleanups.push(port.onCoAuthor(() => this.coAuthored()));
    this.cleanups.push(
      port.onSelectionChange((row) => {
        const c = row === null ? null : this.caseAtRow(row);
        for (const l of this.selectionListeners) l(c);
      }),
    );
    const every = this.opts.reconcileIntervalMs ?? 30_000;
    if (every > 0) {
      const timer = setInterval(() => this.enqueue(() => this.reconcile()), every);
      this.cleanups.push(() => clearInterval(timer));
    }
  }

  private coAuthored(holder: SessionClaim | null = null): void {
    if (this.stopped) return;
    this.stop();
    this.opts.onCoAuthored?.(holder);
  }

  stop(): void {
    this.stopped = true;
    this.deferral.stop();
    for (const c of this.cleanups.splice(0)) c();
  }

  /** Runs port work one piece at a time, so the model always matches the sheet (WorkQueue). */
  private enqueue(work: () => Promise<void>): Promise<void> {
    return this.work.run(work);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => void this.enqueue(() => this.flush()), 0);
  }

  /** BIND3: every change since the last flush, coalesced into one write batch (one host call). */
  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const unitNames = readUnits(this.doc);
    const name = (id: string) => unitNames.get(id) ?? null;
    const cases = this.allDirty
      ? readAllCases(this.doc)
      : [...this.dirty].map((id) => readCase(this.doc, id)).filter((c): c is CaseData => c !== null);
    const ids = new Set(this.allDirty ? [...cases.map((c) => c.id)] : this.dirty);
    if (this.allDirty) for (let r = 0; r < this.model.rowCount; r++) ids.add(this.model.idAt(r) ?? '');
    ids.delete('');
    this.dirty = new Set();
    this.allDirty = false;
    cases.sort((a, b) => Number(a.fields.seq ?? 0) - Number(b.fields.seq ?? 0));
    const desired = new Map(cases.map((c) => [c.id, rowOf(c, name)]));
    const order = [...cases.map((c) => c.id), ...[...ids].filter((id) => !desired.has(id))];
    const undo = this.model.snapshot();
    const batch = this.model.plan(desired, order);
    const locked = this.locks.plan(batch, cases, (id) => this.model.rowOf(id)); // BIND42
    batch.state = this.model.takeState(); // BIND12: saved with the write, in the same request
    if (batchSize(batch) === 0 && batch.state.length === 0 && batch.locks === undefined) return;
    if (batchSize(batch) > 0) this.counters.remoteBatches++;
    if (await this.writeRows(batch)) return locked();
    // BIND22: the table is filtered; write the values alone and let the rows wait
    undo();
    const later: string[] = [];
    const values = this.model.plan(desired, order, later);
    const lockedValues = this.locks.plan(values, cases, (id) => this.model.rowOf(id));
    this.deferral.defer(later);
    if ((batchSize(values) > 0 || values.locks !== undefined) && (await this.writeRows(values))) lockedValues();
  }

  /**
   * Writes a batch (with the kept state's changed rows, BIND12) and takes what the write found (BIND10/11); false when
   * it adds or removes rows while the table is filtered (BIND22: its values may be written).
   */
  private async writeRows(batch: WriteBatch): Promise<boolean> {
    batch.state ??= this.model.takeState();
    if (this.locks.touchesLockedCells(batch)) batch.unprotect = true; // BIND42
    let result: WriteResult;
    try {
      result = await this.opts.port.write(batch);
      if (batch.append.length + batch.remove.length > 0) this.deferral.done();
    } catch (e) {
      this.model.keepState(batch.state); // not saved: saved with the next write
      if (e instanceof ClaimLostError) {
        this.coAuthored(e.holder); // BIND38: another person's add-in took the workbook over
        return true;
      }
      if (!(e instanceof StructureDeferredError)) throw e;
      return false;
    } finally {
      this.counters.hostCalls++;
    }
    await this.afterWrite(batch, result);
    return true;
  }

  /**
   * BIND10: user edits the write replaced are taken (checked and sent, or refused aloud). BIND11: rows the port found
   * holding other cases (sorted) were left alone: the table is read again by case id, once.
   */
  private async afterWrite(batch: WriteBatch, result: WriteResult): Promise<void> {
    const take = (id: string, row: number, col: number, value: CellValue, restore: WriteBatch) =>
      this.takeEdit(id, row, col, value, restore);
    if ((result.typedOver ?? 0) > 0) this.opts.onRefusal(strayRefusal());
    if (!takeWriteOutcome(this.model, batch, result, take) || this.resyncing || this.stopped) return;
    this.resyncing = true;
    try {
      await this.reconcile();
    } finally {
      this.resyncing = false;
    }
  }

  /** BIND4: user edits are re-read, diffed against what the add-in wrote, checked and sent (edit-intake.ts). */
  private handleEdits(edits: readonly UserEdit[]): Promise<void> {
    return takeUserEdits(
      {
        port: this.opts.port,
        model: this.model,
        stopped: () => this.stopped,
        called: () => void this.counters.hostCalls++,
        reconcile: () => this.reconcile(),
        takeEdit: (id, row, col, value, restore) => this.takeEdit(id, row, col, value, restore),
        writeRows: (batch) => this.writeRows(batch),
      },
      edits,
    );
  }

  private takeEdit(id: string, row: number, col: number, value: CellValue, restore: WriteBatch): void {
    if (takeCellEdit(this.editContext, id, row, col, value, restore)) this.counters.localWrites++;
  }

  /**
   * BIND6, BIND36: compares the table with what the add-in wrote: missed edits handled, stray rows removed, lost rows
   * restored. `given`: the whole table as just read (at start, BIND12); otherwise only what readForRecheck needs.
   */
  async reconcile(given?: CellValue[][]): Promise<void> {
    const { rows, columns, calls } =
      given === undefined
        ? await readForRecheck(this.opts.port, this.opts.actor.role)
        : { rows: given, columns: COLUMNS.map((_, i) => i), calls: 0 };
    this.counters.hostCalls += calls;
    if (this.stopped) return;
    this.model.adopt(rows);
    const stray = this.model.strayRows((id) => readCase(this.doc, id) !== null);
    const strayWithContent = stray.filter((r) => rows[r]?.some((v) => !same(v, null)) && rows[r]?.[ID_COLUMN] === null);
    const restore = emptyBatch();
    rows.forEach((cells, r) => {
      const id = this.model.idAt(r);
      if (id === null || stray.includes(r) || this.model.lastWritten(id) === null) return;
      for (const col of columns) this.takeEdit(id, r, col, cells[col] ?? null, restore);
    });
    restore.remove = stray;
    let rowsGone = true;
    if (batchSize(restore) > 0 && !(await this.writeRows(restore))) {
      // BIND22: stray rows stay while the table is filtered; a later reconcile removes them
      rowsGone = false;
      this.deferral.defer([]);
      const values = { ...restore, remove: [] };
      if (batchSize(values) > 0) await this.writeRows(values);
    }
    if (rowsGone) this.model.dropRows(stray);
    if (strayWithContent.length > 0) this.opts.onRefusal(strayRefusal());
    const lost = this.model.forgetMissing();
    if (lost.length > 0) this.opts.onRefusal(lostRefusal(lost[0] as string));
    this.allDirty = true;
    await this.flush();
  }

  /** The server refused an edit: its compensation arrives through the Y.Doc; the pane shows why. */
  serverRejected(r: Rejection): void {
    this.opts.onRefusal({ ...r, source: 'server' });
  }

  caseAtRow(row: number): CaseData | null {
    const id = this.model.idAt(row);
    return id === null ? null : readCase(this.doc, id);
  }

  rowOf(caseId: string): number | null {
    return this.model.rowOf(caseId);
  }

  onSelection(listener: (c: CaseData | null) => void): () => void {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  async selectCase(caseId: string): Promise<void> {
    const row = this.model.rowOf(caseId);
    if (row !== null) await this.enqueue(() => this.opts.port.selectRow(row));
  }

  /** BIND11: sorts the table by 办结时限 (earliest first, blanks last) and finds every case's row again. */
  sortByDue(): Promise<void> {
    return this.enqueue(async () => {
      await this.opts.port.sortRows(COLUMN_OF.get('dueAt') as number, true);
      this.counters.hostCalls++;
      await this.reconcile();
    });
  }

  /** Resolves when every queued sheet operation has finished (tests and the pane's progress display). */
  async idle(): Promise<void> {
    while (this.flushScheduled) await new Promise((r) => setTimeout(r, 0));
    await this.work.drained();
  }
}
