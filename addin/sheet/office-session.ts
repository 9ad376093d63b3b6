// Runs Excel batches for the Office sheet port (always delayForCellEdit) and counts runs, syncs, range writes and payload.
/// <reference types="office-js" />

export interface OfficeSheetCounters {
  /** Excel.run calls. */
  runs: number;
  /** context.sync calls (one request to Excel each). */
  syncs: number;
  /** range.values assignments and table.rows.add calls. */
  rangeWrites: number;
  /** Estimated UTF-8 JSON size of the largest request sent. */
  largestRequestBytes: number;
}

export type OfficeLog = (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;

/** Sends the queued operations; `estimatedBytes` is the caller's estimate of the request size. */
export type Sync = (estimatedBytes?: number) => Promise<void>;

/** Keeps every request well under Excel's 5 MB payload limit (Excel on the web enforces it for requests and responses). */
export const REQUEST_BUDGET_BYTES = 1_000_000;

/** A read response may exceed the budget when rows are wider than the average seen, but never this. */
export const RESPONSE_CAP_BYTES = 4_000_000;

export class OfficeSession {
  readonly counters: OfficeSheetCounters = { runs: 0, syncs: 0, rangeWrites: 0, largestRequestBytes: 0 };

  constructor(
    readonly excel: typeof Excel,
    readonly log: OfficeLog,
  ) {}

  /** One Excel.run; it waits while the user is editing a cell instead of failing. */
  run<T>(batch: (ctx: Excel.RequestContext, sync: Sync) => Promise<T>): Promise<T> {
    this.counters.runs++;
    return this.excel.run({ delayForCellEdit: true }, (ctx) =>
      batch(ctx, async (estimatedBytes = 0) => {
        this.counters.syncs++;
        this.counters.largestRequestBytes = Math.max(this.counters.largestRequestBytes, estimatedBytes);
        await ctx.sync();
      }),
    );
  }

  wrote(count = 1): void {
    this.counters.rangeWrites += count;
  }
}
