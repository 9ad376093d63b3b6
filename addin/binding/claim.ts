// BIND38: before its first write the binding takes the workbook for its session, or learns who holds it.
import type { Actor } from '../../shared/case';
import type { SessionClaim, SheetPort } from '../sheet/port';

/** A claim renewed within this time belongs to a session that is (or was lately) writing the workbook. */
export const CLAIM_FRESH_MS = 10 * 60_000;

export interface ClaimOptions {
  actor: Actor;
  now: () => number;
  /** Random per start. */
  session: string;
  /**
   * How long to wait after writing the claim before reading it again: in a workbook others may open at the same time
   * (saved on OneDrive or SharePoint), their Excel shows our claim, and theirs replaces it, after a few seconds.
   */
  settleMs: number;
}

/** Another person's claim, renewed lately: their add-in is writing this workbook. Our own user's is ours to take. */
export function heldByOther(found: SessionClaim, actor: Actor, now: number): boolean {
  if (found.userId === actor.userId) return false; // the same person reopening (an older session stops at its next write)
  const at = Date.parse(found.at);
  return Number.isFinite(at) && now - at < CLAIM_FRESH_MS;
}

/**
 * Takes the workbook: null when this session may write; otherwise the claim that holds it (another person's fresh
 * claim found at start, or one that replaced ours while it settled — the later of two simultaneous starts wins).
 */
export async function takeWorkbook(port: SheetPort, o: ClaimOptions): Promise<SessionClaim | null> {
  if (port.readClaim === undefined || port.writeClaim === undefined) return null;
  const found = await port.readClaim();
  if (found !== null && found.session !== o.session && heldByOther(found, o.actor, o.now())) return found;
  const mine: SessionClaim = {
    session: o.session,
    userId: o.actor.userId,
    user: o.actor.name,
    at: new Date(o.now()).toISOString(),
  };
  await port.writeClaim(mine);
  if (o.settleMs <= 0) return null;
  await new Promise((resolve) => setTimeout(resolve, o.settleMs));
  const now = await port.readClaim();
  return now?.session === mine.session ? null : (now ?? mine);
}

/** A new session id (crypto.randomUUID where the host has it). */
export function newSessionId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
