// Workbook and worksheet proxies of the simulator: worksheet collection, ranges by address, protection, events.
import type { Rect } from './address';
import { checkRect, parseAddress } from './address';
import type { SimContext } from './client-base';
import { SimObject } from './client-base';
import { SimCharts } from './client-chart';
import { SimRange } from './client-range';
import { SimTables } from './client-table';
import { SimError } from './errors';
import type { ProtectionOptions, SimSheet } from './sheet';
import { DEFAULT_PROTECTION } from './sheet';
import type { SimWorkbook } from './workbook';

const EVERYTHING: Rect = { row: 0, col: 0, rows: 1_048_576, cols: 16_384 };

function visible(wb: SimWorkbook, except?: SimSheet): SimSheet[] {
  return wb.sheets.filter((s) => s !== except && s.visibility === 'Visible');
}

class SimProtection extends SimObject<SimSheet> {
  constructor(context: SimContext, path: string, resolver: () => SimSheet) {
    super(context, 'WorksheetProtection', path, resolver, {
      protected: { get: (s) => s.protection !== null },
      options: { get: (s) => ({ ...(s.protection?.options ?? DEFAULT_PROTECTION) }) },
    });
  }

  /** Fails (InvalidOperation) if the sheet is already protected, as Excel documents. */
  protect(options?: Partial<ProtectionOptions>, password?: string): void {
    this.invoke('protect', [options ?? null, password === undefined ? null : '***'], (s) => {
      this.context.wb.stats.protects++;
      if (s.protection !== null)
        throw new SimError('InvalidOperation', 'Simulator/Excel: the worksheet is already protected.');
      for (const [k, v] of Object.entries(options ?? {})) {
        const ok =
          k === 'selectionMode'
            ? ['Normal', 'Unlocked', 'None'].includes(v as string)
            : k in DEFAULT_PROTECTION && typeof v === 'boolean';
        if (!ok)
          throw new SimError(
            'InvalidArgument',
            `The argument is invalid or missing or has an incorrect format. (protection option ${k})`,
          );
      }
      s.protection = {
        options: { ...DEFAULT_PROTECTION, ...options },
        password: password === '' ? undefined : password,
      };
    });
  }

  /** Does nothing on an unprotected sheet; a wrong or missing password fails. */
  unprotect(password?: string): void {
    this.invoke('unprotect', [password === undefined ? null : '***'], (s) => {
      this.context.wb.stats.unprotects++;
      if (s.protection === null) return;
      if (s.protection.password !== undefined && s.protection.password !== password)
        throw new SimError('InvalidArgument', 'Simulator/Excel: the password you supplied is not correct.');
      s.protection = null;
    });
  }
}

type Handler = (args: never) => unknown;

class SimEventSource {
  constructor(
    private readonly sheet: SimWorksheet,
    private readonly kind: 'changed' | 'selectionChanged' | 'rowSorted',
    /** The ExcelApi 1.x minor version that introduced the event (registering fails with ApiNotFound below it). */
    private readonly since = 1,
  ) {}

  /** Registers the handler when the context syncs; the result's remove() unregisters it (queued, needs a sync). */
  add(handler: Handler): { context: SimContext; remove(): void } {
    const { sheet, kind } = this;
    const since = this.since;
    sheet.invoke(`on${kind}.add`, [], (s) => {
      if (sheet.context.wb.apiVersion < since)
        throw new SimError(
          'ApiNotFound',
          `The API you are trying to use could not be found. (on${kind}, ExcelApi 1.${since})`,
        );
      s.handlers[kind].add(handler);
    });
    return {
      context: sheet.context,
      remove: () => sheet.invoke(`on${kind}.remove`, [], (s) => s.handlers[kind].delete(handler)),
    };
  }
}

export class SimWorksheet extends SimObject<SimSheet> {
  readonly protection: SimProtection;
  readonly tables: SimTables;
  /** XSIM30: "Returns a collection of charts that are part of the worksheet."
   * (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-charts-member) */
  readonly charts: SimCharts;
  readonly onChanged: SimEventSource;
  readonly onSelectionChanged: SimEventSource;
  /** ExcelApi 1.10: https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-onrowsorted-member */
  readonly onRowSorted: SimEventSource;

  constructor(context: SimContext, path: string, resolver: () => SimSheet | null, nullable = false) {
    const wb = context.wb;
    super(
      context,
      'Worksheet',
      path,
      resolver,
      {
        name: {
          get: (s) => s.name,
          // Renaming follows the same rules as adding (SimWorkbook.checkSheetName).
          set: (s, v) => {
            s.name = wb.checkSheetName(v, s);
          },
        },
        id: { get: (s) => s.id },
        position: { get: (s) => wb.sheets.indexOf(s) },
        visibility: {
          get: (s) => s.visibility,
          set: (s, v) => {
            if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden')
              throw new SimError(
                'InvalidArgument',
                `The argument is invalid or missing or has an incorrect format. (visibility ${JSON.stringify(v)})`,
              );
            if (v !== 'Visible' && visible(wb, s).length === 0)
              throw new SimError(
                'InvalidOperation',
                'Simulator/Excel: a workbook must keep at least one visible sheet.',
              );
            s.visibility = v;
            if (v !== 'Visible' && wb.activeSheet === s) wb.activeSheet = visible(wb)[0] as SimSheet;
          },
        },
      },
      { memo: true, nullable },
    );
    this.protection = new SimProtection(context, `${path}.protection`, () => this.target());
    this.tables = new SimTables(context, `${path}.tables`, () => this.target());
    this.charts = new SimCharts(context, `${path}.charts`, () => this.target());
    this.onChanged = new SimEventSource(this, 'changed');
    this.onSelectionChanged = new SimEventSource(this, 'selectionChanged');
    this.onRowSorted = new SimEventSource(this, 'rowSorted', 10);
  }

  private range(name: string, rect: (s: SimSheet) => Rect): SimRange {
    return new SimRange(this.context, `${this.path}.${name}`, () => {
      const s = this.target();
      return { sheet: s, rect: checkRect(rect(s)) };
    });
  }

  getRange(address?: string): SimRange {
    return this.range(`getRange(${JSON.stringify(address ?? '')})`, (s) => {
      if (address === undefined) return EVERYTHING;
      const parsed = parseAddress(address);
      if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== s.name.toLowerCase())
        throw new SimError(
          'InvalidArgument',
          `The argument is invalid or missing or has an incorrect format. (address '${address}' is on another sheet)`,
        );
      return parsed.rect;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): SimRange {
    return this.range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => ({
      row: startRow,
      col: startColumn,
      rows: rowCount,
      cols: columnCount,
    }));
  }

  getCell(row: number, column: number): SimRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** The used range (A1 on an empty sheet, as Excel answers). */
  getUsedRange(valuesOnly = false): SimRange {
    return this.range(
      `getUsedRange(${valuesOnly})`,
      (s) => s.usedRect(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 },
    );
  }

  /**
   * The used range, or a null object on a blank sheet: "If the entire worksheet is blank, then this method returns an
   * object with its isNullObject property set to true."
   * (https://learn.microsoft.com/en-us/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrangeornullobject-member(1))
   */
  getUsedRangeOrNullObject(valuesOnly = false): SimRange {
    return new SimRange(
      this.context,
      `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`,
      () => {
        const s = this.target();
        const rect = s.usedRect(valuesOnly);
        return rect === null ? null : { sheet: s, rect };
      },
      true,
    );
  }

  activate(): void {
    this.invoke('activate', [], (s) => {
      if (s.visibility !== 'Visible')
        throw new SimError('InvalidOperation', 'Simulator/Excel: a hidden sheet cannot be activated.');
      if (this.context.wb.activeSheet !== s)
        this.context.wb.selection = { sheet: s, rect: { row: 0, col: 0, rows: 1, cols: 1 } };
      this.context.wb.activeSheet = s;
    });
  }

  delete(): void {
    this.invoke('delete', [], (s) => {
      const wb = this.context.wb;
      if (visible(wb, s).length === 0)
        throw new SimError('InvalidOperation', 'Simulator/Excel: a workbook must keep at least one visible sheet.');
      wb.sheets.splice(wb.sheets.indexOf(s), 1);
      for (let i = wb.tables.length - 1; i >= 0; i--) if (wb.tables[i]?.sheet === s) wb.tables.splice(i, 1);
      if (wb.activeSheet === s) wb.activeSheet = visible(wb)[0] as SimSheet;
    });
  }
}
