// The simulator's Excel and Office globals: Excel.run, the enums the add-in uses, Office.onReady and requirement sets.
import { SimContext } from './client-base';
import type { RunOptions } from './client-base';
import { SimWorkbookProxy } from './client-workbook';
import { notSimulated, SimError } from './errors';
import type { WorkbookOptions } from './workbook';
import { SimWorkbook } from './workbook';
import type { CreatedWorkbook } from './host-create';
import { createWorkbookFor } from './host-create';

const ENUMS = {
  EventTriggerSource: { unknown: 'Unknown', thisLocalAddin: 'ThisLocalAddin' },
  EventSource: { local: 'Local', remote: 'Remote' },
  EventType: { worksheetChanged: 'WorksheetChanged', worksheetSelectionChanged: 'WorksheetSelectionChanged' },
  DataChangeType: {
    unknown: 'Unknown',
    rangeEdited: 'RangeEdited',
    rowInserted: 'RowInserted',
    rowDeleted: 'RowDeleted',
    columnInserted: 'ColumnInserted',
    columnDeleted: 'ColumnDeleted',
    cellInserted: 'CellInserted',
    cellDeleted: 'CellDeleted',
  },
  ConditionalFormatType: {
    custom: 'Custom',
    dataBar: 'DataBar',
    colorScale: 'ColorScale',
    iconSet: 'IconSet',
    cellValue: 'CellValue',
    containsText: 'ContainsText',
  },
  DeleteShiftDirection: { up: 'Up', left: 'Left' },
  ClearApplyTo: {
    all: 'All',
    formats: 'Formats',
    contents: 'Contents',
    hyperlinks: 'Hyperlinks',
    removeHyperlinks: 'RemoveHyperlinks',
  },
  // XSIM30: https://learn.microsoft.com/javascript/api/excel/excel.charttype, …/excel.chartseriesby
  ChartType: { columnClustered: 'ColumnClustered', barClustered: 'BarClustered', line: 'Line', pie: 'Pie' },
  ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
  SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
  ProtectionSelectionMode: { normal: 'Normal', unlocked: 'Unlocked', none: 'None' },
  ErrorCodes: {
    accessDenied: 'AccessDenied',
    generalException: 'GeneralException',
    invalidArgument: 'InvalidArgument',
    invalidOperation: 'InvalidOperation',
    invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
    itemAlreadyExists: 'ItemAlreadyExists',
    itemNotFound: 'ItemNotFound',
    notImplemented: 'NotImplemented',
    requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
    responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  },
} as const;

export type SimRequestContext = SimContext & { workbook: SimWorkbookProxy };

function newContext(wb: SimWorkbook, options: RunOptions): SimRequestContext {
  const ctx = new SimContext(wb, options) as SimRequestContext;
  ctx.workbook = new SimWorkbookProxy(ctx);
  return ctx;
}

/**
 * Excel.run(batch), Excel.run({ delayForCellEdit }, batch) or Excel.run(previousContext, batch). The run fails if the batch returns with operations
 * still queued (real Excel may or may not send them: call context.sync() before returning).
 */
export function createExcel(wb: SimWorkbook, created: CreatedWorkbook[] = []) {
  async function run<T>(a: unknown, b?: unknown): Promise<T> {
    const batch = (typeof a === 'function' ? a : b) as ((ctx: SimRequestContext) => Promise<T>) | undefined;
    if (typeof batch !== 'function') throw new SimError('InvalidArgument', 'Excel.run needs a batch function');
    const reused = a instanceof SimContext ? (a as SimRequestContext) : null;
    if (
      typeof a !== 'function' &&
      reused === null &&
      (a === null || typeof a !== 'object' || Array.isArray(a) || 'context' in a)
    ) {
      throw notSimulated('Excel.run with previously created objects');
    }
    wb.stats.runs++;
    reused?.reopen();
    const ctx = reused ?? newContext(wb, (typeof a === 'function' ? {} : a) as RunOptions);
    try {
      const result = await batch(ctx);
      if (ctx.pending > 0)
        throw new SimError(
          'InvalidOperation',
          `Simulator: Excel.run returned with ${ctx.pending} operation(s) queued but never synced.`,
        );
      return result;
    } finally {
      ctx.close();
    }
  }
  // XSIM40: https://learn.microsoft.com/javascript/api/excel/excel#excel-excel-createworkbook-member-1
  return { run, createWorkbook: createWorkbookFor(wb, created), ...ENUMS, RequestContext: SimContext };
}

export function createOffice(wb: SimWorkbook) {
  const info = { host: 'Excel', platform: 'PC' };
  return {
    HostType: { Excel: 'Excel' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline' },
    onReady(callback?: (i: typeof info) => void): Promise<typeof info> {
      callback?.(info);
      return Promise.resolve(info);
    },
    context: {
      requirements: {
        isSetSupported(name: string, version?: string | number): boolean {
          if (name !== 'ExcelApi') return false;
          const minor = Number(String(version ?? '1.1').split('.')[1] ?? 0);
          return minor <= wb.apiVersion;
        },
      },
    },
  };
}

export type SimExcel = ReturnType<typeof createExcel>;
export type SimOffice = ReturnType<typeof createOffice>;

/** Sets Excel, Office (and OfficeExtension.Error) on `target` (globalThis, window) backed by `workbook` (a new one by default). */
export function installExcelSimulator(
  target: object,
  workbook?: SimWorkbook | WorkbookOptions,
): { workbook: SimWorkbook; Excel: SimExcel; Office: SimOffice; created: CreatedWorkbook[] } {
  const wb = workbook instanceof SimWorkbook ? workbook : new SimWorkbook(workbook);
  const created: CreatedWorkbook[] = [];
  const Excel = createExcel(wb, created);
  const Office = createOffice(wb);
  Object.assign(target, { Excel, Office, OfficeExtension: { Error: SimError, ErrorCodes: ENUMS.ErrorCodes } });
  return { workbook: wb, Excel, Office, created };
}
