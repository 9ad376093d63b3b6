// The Office.js implementation of the sheet port: one Excel.run per call, chunked writes, own writes and co-authors filtered out.
/// <reference types="office-js" />
import { fromExcel, selectedRow, userEdits } from './office-events';
import type { Geometry } from './office-plan';
import { readTable, readTableColumns } from './office-read';
import type { OfficeLog, OfficeSheetCounters } from './office-session';
import { OfficeSession, REQUEST_BUDGET_BYTES } from './office-session';
import { setupSheet } from './office-setup';
import { sortTable } from './office-sort';
import { StateSlots, readState } from './office-state';
import { CLAIM_RENEW_MS, readClaim, writeClaim } from './office-claim';
import { tableOf } from './office-table';
import { writeTable } from './office-write';
import type { GridCell } from '../../shared/import/types';
import { findLedgerSheet } from './office-find';
import { readSheetGrid } from './office-grid';
import { writeReportSheet } from './office-report';
import { openNewWorkbook } from './office-workbook';
import type {
  CellValue,
  ExistingLedger,
  ReportSheet,
  SheetLayout,
  SessionClaim,
  SheetPort,
  Unsubscribe,
  UserEdit,
  WriteBatch,
  WriteResult,
} from './port';

export type { OfficeSheetCounters } from './office-session';

export interface OfficeSheetOptions {
  /** The Excel namespace (default: the global one Office.js defines); tests pass a simulator. */
  excel?: typeof Excel;
  log?: OfficeLog;
  /** Estimated bytes per request (default 1 MB, a fifth of Excel's 5 MB limit). */
  requestBudgetBytes?: number;
  /** Requirement-set check (default Office.context.requirements.isSetSupported; false without Office). */
  supports?: (set: string, version: string) => boolean;
}

type Requirements = { context?: { requirements?: { isSetSupported(s: string, v: string): boolean } } };

function defaultSupports(set: string, version: string): boolean {
  const office = (globalThis as unknown as { Office?: Requirements }).Office;
  return office?.context?.requirements?.isSetSupported(set, version) === true;
}

export type OfficeSheet = SheetPort & { readonly counters: Readonly<OfficeSheetCounters> };

const defaultLog: OfficeLog = (level, message, detail) => {
  if (level !== 'info') console[level](`[office-sheet] ${message}`, detail ?? '');
};

export function createOfficeSheet(opts: OfficeSheetOptions = {}): OfficeSheet {
  const excel = opts.excel ?? (globalThis as unknown as { Excel: typeof Excel }).Excel;
  return new OfficeSheetPort(
    new OfficeSession(excel, opts.log ?? defaultLog),
    opts.requestBudgetBytes ?? REQUEST_BUDGET_BYTES,
    opts.supports ?? defaultSupports,
    excel,
  );
}

/** The port over one session: it keeps the layout, the table's geometry as last seen, and the event listeners. */
class OfficeSheetPort implements OfficeSheet {
  readonly counters: Readonly<OfficeSheetCounters>;
  private readonly editListeners = new Set<(edits: UserEdit[]) => void>();
  private readonly coAuthorListeners = new Set<(x: undefined) => void>();
  private readonly selectionListeners = new Set<(row: number | null) => void>();
  private layout: SheetLayout | null = null;
  private geom: Geometry | null = null;
  private registeredFor: string | null = null;
  private warnedNoTrigger = false;
  /** BIND12: rows of the kept state, known once readState() ran (no state is written before). */
  private slots: StateSlots | null = null;
  /** BIND38: this session's claim once written; every write checks the workbook still names it. */
  private claim: SessionClaim | null = null;
  // Calls run one after another: a write plans against the table as the previous call left it.
  private tail: Promise<unknown> = Promise.resolve();
  private readonly setGeometry = (g: Geometry): void => {
    this.geom = g;
  };

  constructor(
    private readonly session: OfficeSession,
    private readonly budget: number,
    private readonly supports: (set: string, version: string) => boolean,
    private readonly excel: typeof Excel,
  ) {
    this.counters = session.counters;
  }

  setup(next: SheetLayout): Promise<void> {
    return this.serial(async () => {
      const result = await setupSheet(this.session, next, (ws, id) => {
        if (this.registeredFor === id) return;
        ws.onChanged.add(this.onChanged);
        ws.onSelectionChanged.add(this.onSelectionChanged);
        // BIND11: Worksheet.onRowSorted is ExcelApi 1.10 (feature-detected; the writes check case ids regardless)
        if (this.supports('ExcelApi', '1.10')) ws.onRowSorted.add(this.onRowSorted);
      });
      this.registeredFor = result.worksheetId;
      this.layout = next;
      this.geom = result.geometry;
      if (this.geom.columns !== next.columns.length)
        throw new Error(`office-sheet: table has ${this.geom.columns} columns, layout ${next.columns.length}`);
    });
  }

  readColumns(columns: readonly number[]): Promise<{ protected: boolean; rows: CellValue[][] }> {
    return this.serial(() =>
      readTableColumns(this.session, this.ready().layout, columns, this.budget, this.setGeometry),
    );
  }

  readClaim(): Promise<SessionClaim | null> {
    return this.serial(() => readClaim(this.session));
  }

  writeClaim(claim: SessionClaim): Promise<void> {
    return this.serial(async () => {
      await writeClaim(this.session, claim);
      this.claim = claim;
    });
  }

  readState(): Promise<Map<string, CellValue[]>> {
    return this.serial(async () => {
      const slots = new StateSlots();
      const state = await readState(this.session, slots);
      this.slots = slots;
      return state;
    });
  }

  readRows(): Promise<CellValue[][]> {
    return this.serial(() =>
      readTable(this.session, this.ready().layout, undefined, undefined, this.budget, this.setGeometry),
    );
  }

  readRange(row: number, count: number): Promise<CellValue[][]> {
    return this.serial(() => readTable(this.session, this.ready().layout, row, count, this.budget, this.setGeometry));
  }

  write(batch: WriteBatch): Promise<WriteResult> {
    return this.serial(async () => {
      const { layout, geom } = this.ready();
      const claim = this.claim;
      const renewed =
        claim !== null && !(Date.now() - Date.parse(claim.at) < CLAIM_RENEW_MS)
          ? { ...claim, at: new Date().toISOString() }
          : null;
      const kept = { slots: this.slots, claim, renewed };
      const result = await writeTable(this.session, layout, geom, batch, this.budget, this.setGeometry, kept);
      if (renewed !== null) this.claim = renewed;
      return result;
    });
  }

  onUserEdit(listener: (edits: UserEdit[]) => void): Unsubscribe {
    this.editListeners.add(listener);
    return () => this.editListeners.delete(listener);
  }

  onCoAuthor(listener: () => void): Unsubscribe {
    this.coAuthorListeners.add(listener);
    return () => this.coAuthorListeners.delete(listener);
  }

  onSelectionChange(listener: (row: number | null) => void): Unsubscribe {
    this.selectionListeners.add(listener);
    return () => this.selectionListeners.delete(listener);
  }

  selectRow(row: number): Promise<void> {
    return this.serial(async () => {
      const { layout: l, geom: g } = this.ready();
      if (!Number.isInteger(row) || row < 0 || row >= g.rows)
        throw new RangeError(`selectRow(${row}): the table has ${g.rows} data rows`);
      const column = Math.max(
        0,
        l.columns.findIndex((c) => !c.hidden),
      );
      await this.session.run(async (ctx, sync) => {
        const { ws, table } = tableOf(ctx, l);
        ws.activate();
        table.getDataBodyRange().getCell(row, column).select();
        await sync();
      });
    });
  }

  sortRows(column: number, ascending: boolean): Promise<void> {
    return this.serial(() => sortTable(this.session, this.ready().layout, column, ascending));
  }

  findExistingLedger(): Promise<ExistingLedger | null> {
    return this.serial(() => findLedgerSheet(this.session, this.ready().layout.tableName));
  }

  readSheet(sheet: string, onProgress?: (done: number, total: number) => void): Promise<GridCell[][]> {
    return this.serial(() => readSheetGrid(this.session, sheet, this.budget, onProgress));
  }

  selectCell(sheet: string, address: string): Promise<void> {
    if (!/^[A-Z]{1,3}[1-9]\d{0,6}$/.test(address))
      return Promise.reject(new RangeError(`selectCell: bad address ${address}`));
    return this.serial(() =>
      this.session.run(async (ctx, sync) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(address).select();
        await sync();
      }),
    );
  }

  writeReport(report: ReportSheet): Promise<void> {
    return this.serial(() => writeReportSheet(this.session, report));
  }

  openWorkbook(base64: string): Promise<boolean> {
    return openNewWorkbook(this.excel, this.supports, base64);
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task);
    this.tail = next.catch(() => undefined);
    return next;
  }

  private ready(): { layout: SheetLayout; geom: Geometry } {
    if (this.layout === null || this.geom === null) throw new Error('office-sheet: call setup() first');
    return { layout: this.layout, geom: this.geom };
  }

  private notify<T>(listeners: Set<(x: T) => void>, value: T): void {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (e) {
        this.session.log('error', 'listener failed', e);
      }
    }
  }

  private readonly onChanged = async (e: Excel.WorksheetChangedEventArgs): Promise<void> => {
    const excel = this.session.excel;
    if (e.source === excel.EventSource.remote) {
      this.notify(this.coAuthorListeners, undefined);
      return;
    }
    if (e.triggerSource === excel.EventTriggerSource.thisLocalAddin || this.geom === null) return;
    if (e.triggerSource === undefined && !this.warnedNoTrigger) {
      this.warnedNoTrigger = true;
      this.session.log(
        'warn',
        'Excel does not report triggerSource (ExcelApi 1.14): the add-in cannot tell its own writes from user edits',
      );
    }
    const edits = userEdits(
      e.address,
      this.geom,
      e.details === undefined ? undefined : fromExcel(e.details.valueAfter),
    );
    if (edits.length > 0) this.notify(this.editListeners, edits);
  };

  private readonly onRowSorted = async (): Promise<void> => {
    const g = this.geom;
    if (g !== null)
      this.notify(this.editListeners, [{ row: 0, rowCount: g.rows, column: 0, columnCount: g.columns, sorted: true }]);
  };

  private readonly onSelectionChanged = async (e: Excel.WorksheetSelectionChangedEventArgs): Promise<void> => {
    if (this.geom !== null) this.notify(this.selectionListeners, selectedRow(e.address, this.geom));
  };
}
