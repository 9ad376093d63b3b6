// Creates or repairs the ledger sheet (on a sheet of its own, IMP6): title, table and headers, column formats, validation lists, highlighting, protection.
/// <reference types="office-js" />
import { highlightFormula } from './highlight-formula';
import { columnLetters, sheetRef } from './office-a1';
import type { Geometry } from './office-plan';
import { utf8Bytes } from './office-plan';
import { lookCell, lookMark, queueLookMark } from './office-look';
import { placeLiveSheet } from './office-place';
import { STATE_SHEET } from './office-state';
import { loadGeometry } from './office-table';
import type { OfficeSession } from './office-session';
import type { ColumnSpec, SheetLayout } from './port';

/** Hidden helper sheet holding validation lists too long for an inline source. */
export const OPTIONS_SHEET = '选项';
/** Excel refuses inline list sources ('a,b,c') longer than this. */
export const INLINE_LIST_LIMIT = 255;

/**
 * Protection without a password: it guards against slips, not against intent (a password shipped in add-in JavaScript
 * is readable by anyone, and the sync server enforces who may change what). Without one, the office can still
 * unprotect the sheet when the add-in is not loaded. Formatting cells is off; filtering stays possible. allowSort does
 * NOT let people sort the table: "Users can't sort ranges that contain locked cells on a protected worksheet, regardless
 * of this setting" (https://support.microsoft.com/en-us/office/lock-or-unlock-specific-areas-of-a-protected-worksheet-75481b72-db8a-4267-8c43-042a5f2cd93a),
 * and the table has locked columns; sorting is offered through the binding instead (office-sort.ts, BIND11).
 */
export const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowAutoFilter: true,
  allowSort: true,
  allowFormatCells: false,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowInsertColumns: false,
  allowInsertRows: false,
  allowInsertHyperlinks: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowPivotTables: false,
  selectionMode: 'Normal',
};

/** Column widths in the layout are in characters; Excel takes points (8.43 characters = 48 pt). */
export function widthPoints(characters: number): number {
  return Math.round(characters * 5.7);
}

/** VIEW2, BIND40: the number format of a column's cells: '@' for text, a date format for dates, General otherwise. */
export function numberFormatOf(spec: ColumnSpec): string {
  if (spec.format === 'text') return '@';
  if (spec.format === 'date') return spec.dateFormat ?? 'yyyy/m/d';
  return 'General';
}

/** Inline source when it fits, else a column of the helper sheet. */
export function listSources(
  columns: readonly ColumnSpec[],
): { column: number; source: string; helperColumn?: number; choices: readonly string[] }[] {
  let helper = 0;
  return columns.flatMap((spec, column) => {
    const choices = spec.choices;
    if (choices === undefined || choices.length === 0) return [];
    const inline = choices.join(',');
    if (inline.length <= INLINE_LIST_LIMIT && !choices.some((c) => c.includes(',') || c.trim() !== c))
      return [{ column, source: inline, choices }];
    const letter = columnLetters(helper);
    return [
      {
        column,
        source: `=${sheetRef(OPTIONS_SHEET)}!$${letter}$1:$${letter}$${choices.length}`,
        helperColumn: helper++,
        choices,
      },
    ];
  });
}

export interface SetupResult {
  geometry: Geometry;
  worksheet: Excel.Worksheet;
  worksheetId: string;
}

/**
 * Setup in one Excel.run: find (sync 1), inspect (sync 2, and 3 when the table exists), then every repair plus
 * re-protection in the last sync. `beforeLastSync` lets the caller add its own operations (event registration).
 */
export async function setupSheet(
  session: OfficeSession,
  layout: SheetLayout,
  beforeLastSync: (ws: Excel.Worksheet, worksheetId: string) => void,
): Promise<SetupResult> {
  const excel = session.excel;
  const n = layout.columns.length;
  const headers = layout.columns.map((c) => c.header);
  const lists = listSources(layout.columns);
  return session.run(async (ctx, sync) => {
    const sheets = ctx.workbook.worksheets;
    let options = lists.some((l) => l.helperColumn !== undefined) ? sheets.getItemOrNullObject(OPTIONS_SHEET) : null;
    const state = sheets.getItemOrNullObject(STATE_SHEET);
    const { ws, protection, found } = await placeLiveSheet(session, ctx, sync, layout);
    if (options?.isNullObject) options = sheets.add(OPTIONS_SHEET);
    let header: Excel.Range | null = null,
      where: Excel.Range | null = null,
      look: Excel.Range | null = null;
    if (!found.isNullObject) {
      header = found.getHeaderRowRange().load('values, columnCount');
      where = found.getRange().load('rowIndex, columnIndex');
      if (!state.isNullObject) look = lookCell(state).load('values');
      await sync();
    }
    // VIEW5: widths and hidden columns once per look (a new table, or a layout whose look changed), never again
    const applyLook = look?.values[0]?.[0] !== lookMark(layout);

    if (protection.protected) ws.protection.unprotect();
    let table: Excel.Table;
    let headerRow = 1,
      firstColumn = 0;
    if (header === null || where === null) {
      table = ws.tables.add(`A2:${columnLetters(n - 1)}2`, true);
      table.name = layout.tableName;
      table.getHeaderRowRange().values = [headers];
      session.wrote();
    } else {
      table = found;
      headerRow = where.rowIndex;
      firstColumn = where.columnIndex;
      const existing = (header.values[0] ?? []).map(String);
      // Temporary unique names; the whole header row is rewritten below.
      for (let i = existing.length; i < n; i++) table.columns.add(undefined, undefined, `~${i}~${Date.now()}`);
      for (let i = existing.length - 1; i >= n; i--) table.columns.getItemAt(i).delete();
      if (existing.length !== n || existing.some((h, i) => h !== headers[i])) {
        session.log('warn', 'setup: table headers differ from the layout; rewriting the header row', { existing });
        table.getHeaderRowRange().values = [headers];
        session.wrote();
      }
    }

    if (headerRow >= 1) {
      const title = ws.getRangeByIndexes(headerRow - 1, firstColumn, 1, n);
      title.getEntireRow().unmerge();
      title.merge(false);
      title.getCell(0, 0).values = [[layout.title]];
      title.format.font.bold = true;
      session.wrote();
    } else {
      session.log('warn', 'setup: no row above the table for the title');
    }

    if (options !== null) {
      options.getRange().clear(excel.ClearApplyTo.contents);
      for (const list of lists) {
        if (list.helperColumn === undefined) continue;
        const cells = options.getRangeByIndexes(0, list.helperColumn, list.choices.length, 1);
        cells.numberFormat = list.choices.map(() => ['@']);
        cells.values = list.choices.map((c) => [c]);
        session.wrote();
      }
      options.visibility = excel.SheetVisibility.veryHidden;
    }

    layout.columns.forEach((spec, i) => {
      const column = table.columns.getItemAt(i);
      const body = column.getDataBodyRange();
      // One value for the whole column: Excel applies it to every cell (no 2D array of 10,000 copies).
      body.numberFormat = numberFormatOf(spec) as unknown as string[][];
      body.format.wrapText = spec.wrap === true;
      body.format.protection.locked = spec.locked;
      body.dataValidation.clear();
      const list = lists.find((l) => l.column === i);
      if (list !== undefined) body.dataValidation.rule = { list: { inCellDropDown: true, source: list.source } };
      if (!applyLook) return;
      const whole = column.getRange();
      whole.format.columnWidth = widthPoints(spec.width);
      whole.columnHidden = spec.hidden;
    });
    if (applyLook) queueLookMark(session, sheets, state, layout);

    const body = table.getDataBodyRange();
    body.conditionalFormats.clearAll();
    // Excel puts each new rule on top: add in reverse so the layout's first rule has the highest priority.
    for (const rule of [...layout.highlights].reverse()) {
      const cf = body.conditionalFormats.add(excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = highlightFormula(rule.test, (c) => `$${columnLetters(firstColumn + c)}${headerRow + 2}`);
      cf.custom.format.fill.color = rule.fill;
      cf.custom.format.font.color = rule.font;
    }
    // BIND20: no total row — the binding's rows are the data body, and rows are appended right below it.
    table.showTotals = false;
    ws.protection.protect(PROTECTION);

    const geometry = loadGeometry(table);
    beforeLastSync(ws, ws.id);
    await sync(utf8Bytes(JSON.stringify(layout)) + 200 * n);
    return { geometry: geometry(), worksheet: ws, worksheetId: ws.id };
  });
}
