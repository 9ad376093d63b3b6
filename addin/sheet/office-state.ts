// BIND12: the last state the binding wrote, kept in the workbook (a very hidden sheet): one row per case, id and JSON.
/// <reference types="office-js" />
import { toExcel, utf8Bytes } from './office-plan';
import type { ExcelValue } from './office-plan';
import type { OfficeSession, Sync } from './office-session';
import type { CellValue, StateEntry } from './port';

/**
 * A worksheet is saved with the file wherever the workbook goes (OneDrive, e-mail) and a VeryHidden one cannot be
 * shown from Excel's UI, only by code (https://learn.microsoft.com/javascript/api/excel/excel.sheetvisibility). The
 * simulator models hidden sheets; workbook settings and custom XML parts it does not.
 */
export const STATE_SHEET = '台账同步状态';
/** Excel keeps at most 32,767 characters in a cell (https://support.microsoft.com/en-us/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3). */
const CELL_LIMIT = 32_767;
/**
 * A row's JSON is split over this many cells after the id (each part prefixed with '~', so no part can start like a
 * formula): 8 × 32,766 characters, more than all of a case's field limits together (shared/fields.ts).
 */
const STATE_PARTS = 8;
/** Columns A.. of a kept row: the id and its parts. Cells to the right hold other things (BIND38's claim). */
export const STATE_COLUMNS = 1 + STATE_PARTS;

/** The cells after the id for one row's JSON; null when even STATE_PARTS cells cannot hold it. */
function stateParts(json: string): ExcelValue[] | null {
  const size = CELL_LIMIT - 1;
  const parts: ExcelValue[] = [];
  for (let i = 0; i < json.length; i += size) parts.push(`~${json.slice(i, i + size)}`);
  if (parts.length > STATE_PARTS) return null;
  while (parts.length < STATE_PARTS) parts.push('');
  return parts;
}

/** The JSON of a kept row, joined from its parts (older one-cell rows have no '~'). */
function joinParts(cells: readonly unknown[]): string {
  return cells
    .filter((c): c is string => typeof c === 'string' && c !== '')
    .map((c) => (c.startsWith('~') ? c.slice(1) : c))
    .join('');
}

/** Where each case's row is in the state sheet (0-based), and the next free row. */
export class StateSlots {
  readonly slot = new Map<string, number>();
  private free: number[] = [];
  next = 0;

  place(id: string): number {
    const known = this.slot.get(id);
    if (known !== undefined) return known;
    const at = this.free.pop() ?? this.next++;
    this.slot.set(id, at);
    return at;
  }

  release(id: string): number | undefined {
    const at = this.slot.get(id);
    if (at !== undefined) {
      this.slot.delete(id);
      this.free.push(at);
    }
    return at;
  }
}

/** The state sheet, created very hidden the first time; `created` tells whether it was just added. */
export async function stateSheet(
  session: OfficeSession,
  ctx: Excel.RequestContext,
  sync: Sync,
): Promise<{ ws: Excel.Worksheet; created: boolean }> {
  const sheets = ctx.workbook.worksheets;
  const ws = sheets.getItemOrNullObject(STATE_SHEET);
  await sync();
  if (!ws.isNullObject) return { ws, created: false };
  const added = sheets.add(STATE_SHEET);
  added.visibility = session.excel.SheetVisibility.veryHidden;
  await sync();
  return { ws: added, created: true };
}

/** Reads the kept state (creating the sheet the first time): case id → the row as the binding last wrote it. */
export async function readState(session: OfficeSession, slots: StateSlots): Promise<Map<string, CellValue[]>> {
  return session.run(async (ctx, sync) => {
    const { ws, created } = await stateSheet(session, ctx, sync);
    if (created) return new Map();
    const used = ws.getUsedRangeOrNullObject(true).load('values, rowIndex, columnIndex');
    await sync();
    const state = new Map<string, CellValue[]>();
    if (used.isNullObject) return state;
    used.values.forEach((cells, i) => {
      // the used range starts at its first used column: take columns A..I by their sheet position
      const row = Array.from({ length: STATE_COLUMNS }, (_, c) => cells[c - used.columnIndex] ?? '');
      const id = row[0];
      const json = joinParts(row.slice(1));
      if (typeof id !== 'string' || id === '' || json === '') return;
      try {
        const values = JSON.parse(json) as unknown;
        if (Array.isArray(values)) state.set(id, values as CellValue[]);
        slots.slot.set(id, used.rowIndex + i);
        slots.next = Math.max(slots.next, used.rowIndex + i + 1);
      } catch {
        // a damaged row: that case is adopted from the sheet as it is
      }
    });
    return state;
  });
}

/** Queues the state rows of `entries` (null values: the case left the table) and sends them within `budget` bytes. */
export async function writeState(
  ctx: Excel.RequestContext,
  sync: Sync,
  slots: StateSlots,
  entries: readonly StateEntry[],
  budget: number,
): Promise<void> {
  if (entries.length === 0) return;
  const ws = ctx.workbook.worksheets.getItem(STATE_SHEET);
  let bytes = 0;
  for (const { id, values } of entries) {
    const at = values === null ? slots.release(id) : slots.place(id);
    if (at === undefined) continue;
    const json = values === null ? '' : JSON.stringify(values.map(toExcel));
    const parts = values === null ? null : stateParts(json);
    const row: ExcelValue[] = parts === null ? Array<ExcelValue>(1 + STATE_PARTS).fill('') : [id, ...parts];
    const range = ws.getRangeByIndexes(at, 0, 1, 1 + STATE_PARTS);
    range.values = [row];
    bytes += utf8Bytes(json) + 200;
    if (bytes >= budget) {
      await sync(bytes);
      bytes = 0;
    }
  }
  if (bytes > 0) await sync(bytes);
}
