// The Office.js implementation of the sheet port: one Excel.run per call, chunked writes, own writes and co-authors filtered out.
/// <reference types="office-js" />
import type { Geometry } from './office-plan';
import { chunkSteps, planWrite, stepBytes, utf8Bytes } from './office-plan';
import { fromExcel, selectedRow, userEdits } from './office-events';
import type { OfficeLog, OfficeSheetCounters, Sync } from './office-session';
import { OfficeSession, REQUEST_BUDGET_BYTES, RESPONSE_CAP_BYTES } from './office-session';
import { geometryOf, PROTECTION, setupSheet } from './office-setup';
import type { CellValue, SheetLayout, SheetPort, UserEdit, WriteBatch } from './port';

export type { OfficeSheetCounters } from './office-session';

export interface OfficeSheetOptions {
  /** The Excel namespace (default: the global one Office.js defines); tests pass a simulator. */
  excel?: typeof Excel;
  log?: OfficeLog;
  /** Estimated bytes per request (default 1 MB, a fifth of Excel's 5 MB limit). */
  requestBudgetBytes?: number;
}

export type OfficeSheet = SheetPort & { readonly counters: Readonly<OfficeSheetCounters> };

const defaultLog: OfficeLog = (level, message, detail) => {
  if (level !== 'info') console[level](`[office-sheet] ${message}`, detail ?? '');
};

/** First guess of rows per read request (about 100 bytes a cell); later requests use the measured row size. */
function firstReadRows(columns: number, budget: number): number {
  return Math.max(1, Math.floor(budget / (columns * 100)));
}

export function createOfficeSheet(opts: OfficeSheetOptions = {}): OfficeSheet {
  const excel = opts.excel ?? (globalThis as unknown as { Excel: typeof Excel }).Excel;
  const session = new OfficeSession(excel, opts.log ?? defaultLog);
  const log = session.log;
  const budget = opts.requestBudgetBytes ?? REQUEST_BUDGET_BYTES;
  const editListeners = new Set<(edits: UserEdit[]) => void>();
  const selectionListeners = new Set<(row: number | null) => void>();
  let layout: SheetLayout | null = null;
  let geom: Geometry | null = null;
  let registeredFor: string | null = null;
  let warnedNoTrigger = false;
  // Calls run one after another: a write plans against the table as the previous call left it.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task);
    tail = next.catch(() => undefined);
    return next;
  };

  const ready = (): { layout: SheetLayout; geom: Geometry } => {
    if (layout === null || geom === null) throw new Error('office-sheet: call setup() first');
    return { layout, geom };
  };

  function notify<T>(listeners: Set<(x: T) => void>, value: T): void {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (e) {
        log('error', 'listener failed', e);
      }
    }
  }

  async function onChanged(e: Excel.WorksheetChangedEventArgs): Promise<void> {
    if (e.triggerSource === excel.EventTriggerSource.thisLocalAddin || e.source === excel.EventSource.remote || geom === null) return;
    if (e.triggerSource === undefined && !warnedNoTrigger) {
      warnedNoTrigger = true;
      log('warn', 'Excel does not report triggerSource (ExcelApi 1.14): the add-in cannot tell its own writes from user edits');
    }
    const edits = userEdits(e.address, geom, e.details === undefined ? undefined : fromExcel(e.details.valueAfter));
    if (edits.length > 0) notify(editListeners, edits);
  }

  async function onSelectionChanged(e: Excel.WorksheetSelectionChangedEventArgs): Promise<void> {
    if (geom !== null) notify(selectionListeners, selectedRow(e.address, geom));
  }

  function tableOf(ctx: Excel.RequestContext, l: SheetLayout): { ws: Excel.Worksheet; table: Excel.Table } {
    const ws = ctx.workbook.worksheets.getItem(l.sheetName);
    return { ws, table: ws.tables.getItem(l.tableName) };
  }

  /** After a failed request the sheet may be left unprotected and the table's shape unknown: restore and re-read. */
  async function recover(ctx: Excel.RequestContext, sync: Sync, l: SheetLayout): Promise<void> {
    const { ws, table } = tableOf(ctx, l);
    const protection = ws.protection.load('protected');
    const shape = table.getRange().load('rowIndex, columnIndex, rowCount, columnCount');
    const first = table.getDataBodyRange().getRow(0).load('values');
    await sync();
    geom = geometryOf(shape, first);
    if (!protection.protected) {
      ws.protection.protect(PROTECTION);
      await sync();
    }
  }

  async function read(start: number | undefined, count: number | undefined): Promise<CellValue[][]> {
    const l = ready().layout;
    return session.run(async (ctx, sync) => {
      const { table } = tableOf(ctx, l);
      const shape = table.getRange().load('rowIndex, columnIndex, rowCount, columnCount');
      const first = table.getDataBodyRange().getRow(0).load('values');
      await sync();
      const g = (geom = geometryOf(shape, first));
      const from = start ?? 0, n = count ?? g.rows - from;
      if (!Number.isInteger(from) || !Number.isInteger(n) || from < 0 || n < 0 || from + n > g.rows) {
        throw new RangeError(`readRange(${from}, ${n}): the table has ${g.rows} data rows`);
      }
      const out: CellValue[][] = [];
      let perRequest = firstReadRows(g.columns, budget), ceiling = Infinity, seenBytes = 0, widest = 1;
      while (out.length < n) {
        const take = Math.min(perRequest, n - out.length);
        const part = table.getDataBodyRange().getCell(from + out.length, 0).getResizedRange(take - 1, g.columns - 1).load('values');
        try {
          await sync();
        } catch (e) {
          if ((e as { code?: string }).code !== 'ResponsePayloadSizeLimitExceeded' || take === 1) throw e;
          perRequest = ceiling = Math.ceil(take / 2);
          continue;
        }
        for (const row of part.values) {
          const bytes = utf8Bytes(JSON.stringify(row));
          seenBytes += bytes;
          widest = Math.max(widest, bytes);
          out.push(row.map(fromExcel));
        }
        // Responses count against the same limit: aim at the budget for rows of average size, and stay under
        // RESPONSE_CAP_BYTES even if every row were as wide as the widest seen (a refused response is retried smaller).
        perRequest = Math.max(1, Math.min(Math.floor(budget / (seenBytes / out.length)), Math.floor(RESPONSE_CAP_BYTES / widest), ceiling));
      }
      return out;
    });
  }

  return {
    counters: session.counters,

    setup: (next: SheetLayout) => serial(async () => {
      const result = await setupSheet(session, next, (ws, id) => {
        if (registeredFor === id) return;
        ws.onChanged.add(onChanged);
        ws.onSelectionChanged.add(onSelectionChanged);
      });
      registeredFor = result.worksheetId;
      layout = next;
      geom = result.geometry;
      if (geom.columns !== next.columns.length) throw new Error(`office-sheet: table has ${geom.columns} columns, layout ${next.columns.length}`);
    }),

    readRows: () => serial(() => read(undefined, undefined)),

    readRange: (row: number, count: number) => serial(() => read(row, count)),

    write: (batch: WriteBatch) => serial(async () => {
      const { layout: l, geom: g } = ready();
      const plan = planWrite(batch, g);
      if (plan.steps.length === 0) return;
      const chunks = chunkSteps(plan.steps, budget);
      await session.run(async (ctx, sync) => {
        const { ws, table } = tableOf(ctx, l);
        try {
          for (const [i, chunk] of chunks.entries()) {
            // Unprotect and re-protect inside every request: between requests the sheet stays protected.
            ws.protection.unprotect();
            const body = table.getDataBodyRange();
            for (const step of chunk) {
              if (step.kind === 'values') {
                body.getCell(step.row, step.column).getResizedRange(step.values.length - 1, (step.values[0]?.length ?? 1) - 1).values = step.values;
                session.wrote();
              } else if (step.kind === 'append') {
                table.rows.add(undefined, step.values);
                session.wrote();
              } else {
                body.getCell(step.row, 0).getResizedRange(step.count - 1, g.columns - 1).delete(excel.DeleteShiftDirection.up);
              }
            }
            ws.protection.protect(PROTECTION);
            const last = i === chunks.length - 1;
            const shape = last ? table.getRange().load('rowIndex, columnIndex, rowCount') : null;
            await sync(chunk.reduce((a, s) => a + stepBytes(s), 0));
            if (shape !== null) {
              geom = { ...g, headerRow: shape.rowIndex, firstColumn: shape.columnIndex, rows: plan.rows, blank: plan.blank };
              if (shape.rowCount - 1 !== Math.max(plan.rows, 1)) log('warn', 'write: table row count differs from the plan', { excel: shape.rowCount - 1, plan: plan.rows });
            }
          }
        } catch (e) {
          await recover(ctx, sync, l).catch((again: unknown) => log('error', 'write: recovery failed', again));
          throw e;
        }
      });
    }),

    onUserEdit(listener) {
      editListeners.add(listener);
      return () => editListeners.delete(listener);
    },

    onSelectionChange(listener) {
      selectionListeners.add(listener);
      return () => selectionListeners.delete(listener);
    },

    selectRow: (row: number) => serial(async () => {
      const { layout: l, geom: g } = ready();
      if (!Number.isInteger(row) || row < 0 || row >= g.rows) throw new RangeError(`selectRow(${row}): the table has ${g.rows} data rows`);
      const column = Math.max(0, l.columns.findIndex((c) => !c.hidden));
      await session.run(async (ctx, sync) => {
        const { ws, table } = tableOf(ctx, l);
        ws.activate();
        table.getDataBodyRange().getCell(row, column).select();
        await sync();
      });
    }),
  };
}
