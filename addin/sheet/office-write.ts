// Applies one write batch to the ledger table: chunked requests, one unprotect/protect per batch if needed; after a failure, restore.
/// <reference types="office-js" />
import { expectationsOf, guardChunk, misplacedRemovals } from './office-guard';
import type { Geometry, Step } from './office-plan';
import { chunkSteps, planWrite, stepBytes } from './office-plan';
import type { OfficeSession, Sync } from './office-session';
import { PROTECTION } from './office-setup';
import type { StateSlots } from './office-state';
import { writeState } from './office-state';
import type { LedgerTable } from './office-table';
import { loadGeometry, tableOf } from './office-table';
import { queueAppend } from './office-append';
import { queueLocks } from './office-locks';
import type { SheetLayout, WriteBatch, WriteResult } from './port';
import type { SessionClaim } from './port';
import { ClaimLostError, StructureDeferredError } from './port';
import { checkClaim, loadClaim, renewClaim } from './office-claim';

/** What a write keeps in the workbook besides the table: the state rows (BIND12) and the session claim (BIND38). */
export interface Kept {
  slots: StateSlots | null;
  /** This session's claim, checked by every write; null before it was written. */
  claim: SessionClaim | null;
  /** The claim with a new time, written with this batch once it is checked (keeps an active session's claim fresh). */
  renewed: SessionClaim | null;
}

/**
 * Plans the batch against `g` and sends it in chunks within `budget` bytes, in one Excel.run. `onGeometry` receives
 * the table's shape after the last chunk, or as re-read after a failed request (the write then rethrows).
 */
export async function writeTable(
  session: OfficeSession,
  l: SheetLayout,
  g: Geometry,
  batch: WriteBatch,
  budget: number,
  onGeometry: (g: Geometry) => void,
  kept: Kept,
): Promise<WriteResult> {
  const { slots, claim } = kept;
  const result: WriteResult = { replaced: [], misplaced: [] };
  let plan = planWrite(batch, g);
  const state = slots === null ? [] : (batch.state ?? []);
  const locks = batch.locks ?? [];
  if (plan.steps.length === 0 && state.length === 0 && locks.length === 0) return result;
  await session.run(async (ctx, sync) => {
    const { ws, table } = tableOf(ctx, l);
    // BIND38: rows are added or removed only while this session holds the workbook's claim (checked first); values,
    // which another session would write the same, are checked in the same request, before the kept state is saved
    const held = claim === null ? null : loadClaim(ctx);
    if (held !== null && claim !== null && batch.append.length + batch.remove.length > 0) {
      await sync();
      checkClaim(held, claim);
    }
    const moved = await misplacedRemovals(table.getDataBodyRange(), () => sync(), batch, l.idColumn);
    if (moved.length > 0) {
      result.misplaced.push(...moved);
      batch = { ...batch, remove: batch.remove.filter((r) => !moved.includes(r)) };
      plan = planWrite(batch, g);
    }
    const chunks = chunkSteps(plan.steps, budget);
    const expect = expectationsOf(batch, l.idColumn);
    // BIND32: each protect/unprotect clears the user's undo stack, so a flush unprotects at most once, only when it
    // touches locked cells or the table's rows, and protects again with its last request.
    let unprotected = false;
    try {
      const restore: Step[] = [];
      for (const [i, chunk] of chunks.entries()) {
        // BIND10/11: the cells to be replaced and their rows' ids are read in the same request, before the write
        const check = guardChunk(table.getDataBodyRange(), chunk, expect);
        const last = i === chunks.length - 1;
        if (!unprotected && (batch.unprotect === true || chunk.some((step) => needsUnprotect(l, step)))) {
          ws.protection.unprotect();
          unprotected = true;
        }
        queueSteps(session, { ws, table }, chunk, g, l);
        if (unprotected && last && locks.length === 0) ws.protection.protect(PROTECTION);
        const shape = last ? table.getRange().load('rowIndex, columnIndex') : null;
        const body = last ? table.getDataBodyRange().load('rowCount') : null;
        await sync(chunk.reduce((a, s) => a + stepBytes(s), 0));
        restore.push(...check(result));
        if (shape !== null && body !== null) reportShape(session, g, plan, shape, body, onGeometry);
      }
      if (locks.length > 0) {
        // BIND42: rows whose locking changes, after the values and rows (positions after the batch), under the same
        // single unprotect as the batch's other writes (BIND32)
        if (!unprotected) ws.protection.unprotect();
        unprotected = true;
        queueLocks(table.getDataBodyRange(), l, locks);
        ws.protection.protect(PROTECTION);
        await sync();
      }
      await undoMisplaced(session, ctx, sync, l, restore, g);
      if (held !== null && claim !== null) {
        if (chunks.length === 0) await sync();
        checkClaim(held, claim);
        if (kept.renewed !== null) renewClaim(ctx, kept.renewed);
      }
      if (slots !== null) await writeState(ctx, sync, slots, state, budget);
      if (kept.renewed !== null && state.length === 0) await sync();
    } catch (e) {
      if (e instanceof ClaimLostError) throw e;
      await recover(ctx, sync, l, onGeometry).catch((again: unknown) =>
        session.log('error', 'write: recovery failed', again),
      );
      // BIND22: Excel refuses to insert or delete rows of a filtered table (office-js #994); the binding writes the
      // values alone and lets the rows wait (values queued before the refused step may already be in the sheet)
      throw (e as { code?: string }).code === 'InsertDeleteConflict' ? new StructureDeferredError() : e;
    }
  });
  return result;
}

/** After the last chunk: the table's shape as Excel has it now, checked against the plan. */
function reportShape(
  session: OfficeSession,
  g: Geometry,
  plan: { rows: number; blank: boolean },
  shape: Excel.Range,
  body: Excel.Range,
  onGeometry: (g: Geometry) => void,
): void {
  onGeometry({ ...g, headerRow: shape.rowIndex, firstColumn: shape.columnIndex, rows: plan.rows, blank: plan.blank });
  // BIND20: the data body range (the table's range also holds the header and any total row)
  if (body.rowCount !== Math.max(plan.rows, 1))
    session.log('warn', 'write: table row count differs from the plan', { excel: body.rowCount, plan: plan.rows });
}

/** BIND11: rows written although they hold another case (sorted meanwhile) get their values back. */
async function undoMisplaced(
  session: OfficeSession,
  ctx: Excel.RequestContext,
  sync: Sync,
  l: SheetLayout,
  restore: readonly Step[],
  g: Geometry,
): Promise<void> {
  if (restore.length === 0) return;
  session.log('warn', 'write: rows moved (sorted?) before the write; their values were put back', restore.length);
  const { ws, table } = tableOf(ctx, l);
  // BIND32: only when a restored cell is locked (rare: the rows were sorted during the write)
  const unprotect = restore.some((step) => needsUnprotect(l, step));
  if (unprotect) ws.protection.unprotect();
  queueSteps(session, { ws, table }, restore, g, l);
  if (unprotect) ws.protection.protect(PROTECTION);
  await sync();
}

/** Writing unlocked cells works on the protected sheet; locked cells, added and deleted rows need it unprotected. */
export function needsUnprotect(l: SheetLayout, step: Step): boolean {
  if (step.kind !== 'values') return true;
  const width = step.values[0]?.length ?? 1;
  return l.columns.slice(step.column, step.column + width).some((c) => c.locked);
}

/** Queues one chunk's steps: values into ranges, appended rows, deleted rows (shifting the rest up). */
function queueSteps(
  session: OfficeSession,
  { ws, table }: LedgerTable,
  chunk: readonly Step[],
  g: Geometry,
  l: SheetLayout,
): void {
  const body = table.getDataBodyRange();
  for (const step of chunk) {
    if (step.kind === 'values') {
      body
        .getCell(step.row, step.column)
        .getResizedRange(step.values.length - 1, (step.values[0]?.length ?? 1) - 1).values = step.values;
      session.wrote();
    } else if (step.kind === 'append') {
      queueAppend(ws, table, g, l, step.row, step.values);
      session.wrote();
    } else {
      body
        .getCell(step.row, 0)
        .getResizedRange(step.count - 1, g.columns - 1)
        .delete(session.excel.DeleteShiftDirection.up);
    }
  }
}

/** After a failed request the sheet may be left unprotected and the table's shape unknown: restore and re-read. */
async function recover(
  ctx: Excel.RequestContext,
  sync: Sync,
  l: SheetLayout,
  onGeometry: (g: Geometry) => void,
): Promise<void> {
  const { ws, table } = tableOf(ctx, l);
  const protection = ws.protection.load('protected');
  const geometry = loadGeometry(table);
  await sync();
  onGeometry(geometry());
  if (!protection.protected) {
    ws.protection.protect(PROTECTION);
    await sync();
  }
}
