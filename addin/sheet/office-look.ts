// VIEW5: column widths and hidden technical columns are laid out once per layout look; a clerk's later changes are kept.
/// <reference types="office-js" />
import { STATE_COLUMNS, STATE_SHEET } from './office-state';
import type { OfficeSession } from './office-session';
import type { SheetLayout } from './port';

/** The cell of the very hidden state sheet (BIND12) that records which look was applied: L1, right of BIND38's claim. */
const LOOK_ROW = 0;
const LOOK_COLUMN = STATE_COLUMNS + 2;

/**
 * What the workbook records once the look was applied: the widths and hidden columns of the layout ('~' first, never a
 * formula). A later layout with other widths or columns is applied once again; the same layout never again.
 */
export function lookMark(layout: SheetLayout): string {
  return `~look:${layout.columns.map((c) => `${c.width}${c.hidden ? 'h' : ''}`).join(',')}`;
}

export function lookCell(ws: Excel.Worksheet): Excel.Range {
  return ws.getRangeByIndexes(LOOK_ROW, LOOK_COLUMN, 1, 1);
}

/** Queues the mark in the state sheet, adding that sheet (very hidden) when the workbook has none yet. */
export function queueLookMark(
  session: OfficeSession,
  sheets: Excel.WorksheetCollection,
  state: Excel.Worksheet,
  layout: SheetLayout,
): void {
  let ws = state;
  if (state.isNullObject) {
    ws = sheets.add(STATE_SHEET);
    ws.visibility = session.excel.SheetVisibility.veryHidden;
  }
  lookCell(ws).values = [[lookMark(layout)]];
}
