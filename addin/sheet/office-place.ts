// IMP6: finds the live sheet or makes a new one; a sheet of that name holding anything else is renamed, never written over.
/// <reference types="office-js" />
import type { OfficeSession, Sync } from './office-session';
import type { SheetLayout } from './port';

/** The name an existing sheet called like the live sheet gets when the live sheet needs its name. */
export const KEPT_SHEET_NAME = '台账（导入前）';

export interface LiveSheet {
  ws: Excel.Worksheet;
  /** Loaded: whether the sheet is protected. */
  protection: Excel.WorksheetProtection;
  /** The live table on that sheet (a null object when it is yet to be created); `ws.id` is loaded. */
  found: Excel.Table;
}

/** `base`, else `base2`, `base3` … — the first that no sheet has (Excel compares sheet names without case). */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const names = new Set(taken.map((n) => n.toLowerCase()));
  let name = base;
  for (let n = 2; names.has(name.toLowerCase()); n++) name = `${base}${n}`;
  return name;
}

/**
 * Two syncs in the usual case (find; inspect), a third after a rename. The sheet named `layout.sheetName` is the live
 * sheet when it holds the live table or no value at all; when it holds values but not the table (an office's own
 * 台账, or anything else), it is renamed KEPT_SHEET_NAME (numbered if taken) and the live sheet is added anew.
 */
export async function placeLiveSheet(
  session: OfficeSession,
  ctx: Excel.RequestContext,
  sync: Sync,
  layout: SheetLayout,
): Promise<LiveSheet> {
  const sheets = ctx.workbook.worksheets;
  let ws = sheets.getItemOrNullObject(layout.sheetName);
  sheets.load('items/name');
  await sync();
  const existed = !ws.isNullObject;
  if (!existed) ws = added(sheets, layout.sheetName);
  let live = inspect(ws, layout);
  const used = existed ? ws.getUsedRangeOrNullObject(true) : null;
  await sync();
  if (used === null || used.isNullObject || !live.found.isNullObject) return live;

  const kept = freeSheetName(
    KEPT_SHEET_NAME,
    sheets.items.map((s) => s.name),
  );
  session.log('warn', 'setup: the sheet holds something other than the live table; renaming it and adding a new one', {
    sheet: layout.sheetName,
    renamedTo: kept,
  });
  ws.name = kept;
  live = inspect(added(sheets, layout.sheetName), layout);
  await sync();
  return live;
}

function added(sheets: Excel.WorksheetCollection, name: string): Excel.Worksheet {
  const ws = sheets.add(name);
  ws.activate();
  return ws;
}

function inspect(ws: Excel.Worksheet, layout: SheetLayout): LiveSheet {
  ws.load('id');
  return {
    ws,
    protection: ws.protection.load('protected'),
    found: ws.tables.getItemOrNullObject(layout.tableName),
  };
}
