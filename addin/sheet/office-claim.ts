// BIND38: the session claim in the state sheet: which add-in session writes this workbook's table now.
/// <reference types="office-js" />
import type { OfficeSession } from './office-session';
import { STATE_COLUMNS, STATE_SHEET, stateSheet } from './office-state';
import type { SessionClaim } from './port';
import { ClaimLostError } from './port';

/**
 * The claim lives in one cell right of the kept rows (K1), in the very hidden state sheet, so it travels with the
 * workbook and co-authors' Excel sees it like any other cell. Its JSON starts with '~' so it never reads as a formula.
 */
const CLAIM_ROW = 0;
const CLAIM_COLUMN = STATE_COLUMNS + 1;

/** The claim in a cell's value; null for an empty or damaged cell. */
export function parseClaim(value: unknown): SessionClaim | null {
  if (typeof value !== 'string' || !value.startsWith('~')) return null;
  try {
    const c = JSON.parse(value.slice(1)) as Partial<SessionClaim> | null;
    if (c === null || typeof c !== 'object') return null;
    const { session, userId, user, at } = c;
    if ([session, userId, user, at].some((v) => typeof v !== 'string')) return null;
    return { session, userId, user, at } as SessionClaim;
  } catch {
    return null;
  }
}

function claimCell(ws: Excel.Worksheet): Excel.Range {
  return ws.getRangeByIndexes(CLAIM_ROW, CLAIM_COLUMN, 1, 1);
}

export function readClaim(session: OfficeSession): Promise<SessionClaim | null> {
  return session.run(async (ctx, sync) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(STATE_SHEET);
    await sync();
    if (ws.isNullObject) return null;
    const cell = claimCell(ws).load('values');
    await sync();
    return parseClaim(cell.values[0]?.[0]);
  });
}

export function writeClaim(session: OfficeSession, claim: SessionClaim): Promise<void> {
  return session.run(async (ctx, sync) => {
    const { ws } = await stateSheet(session, ctx, sync);
    claimCell(ws).values = [[`~${JSON.stringify(claim)}`]];
    await sync();
  });
}

/** Queues a load of the claim cell in a write's request (the state sheet exists once the claim was written). */
export function loadClaim(ctx: Excel.RequestContext): Excel.Range {
  return claimCell(ctx.workbook.worksheets.getItem(STATE_SHEET)).load('values');
}

/** After a sync: throws ClaimLostError when the loaded claim cell names another session (or none). */
export function checkClaim(cell: Excel.Range, mine: SessionClaim): void {
  const holder = parseClaim(cell.values[0]?.[0]);
  if (holder?.session !== mine.session) throw new ClaimLostError(holder);
}

/** Queues the claim with its new time (after checkClaim, in the same request). */
export function renewClaim(ctx: Excel.RequestContext, claim: SessionClaim): void {
  claimCell(ctx.workbook.worksheets.getItem(STATE_SHEET)).values = [[`~${JSON.stringify(claim)}`]];
}

/** How old the claim may get before a write renews it: a session that keeps writing keeps its claim fresh. */
export const CLAIM_RENEW_MS = 60_000;
