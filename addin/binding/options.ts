// What a binding is started with: the room's document, the sheet port, the actor, and how it reports and checks.
import type * as Y from 'yjs';
import type { Actor } from '../../shared/case';
import type { SessionClaim, SheetPort } from '../sheet/port';
import type { Refusal } from './cell-edit';

export interface BindingOptions {
  doc: Y.Doc;
  port: SheetPort;
  actor: Actor;
  onRefusal(r: Refusal): void;
  /** How often the whole table is compared with what the add-in wrote (repairs missed events). */
  reconcileIntervalMs?: number;
  /** BIND22: how often rows waiting for a filter to be cleared are tried again (default 30 s). */
  deferRetryMs?: number;
  /**
   * BIND37/BIND38: another person edits this workbook, or their add-in holds it (`holder`: whose claim, when known);
   * the binding has stopped for good, or never started writing. Called once.
   */
  onCoAuthored?: (holder?: SessionClaim | null) => void;
  /** BIND38: wait this long after claiming the workbook before the first write (a workbook others may open). */
  claimSettleMs?: number;
  /** The clock (epoch ms) for the date rules of VAL7; default Date.now. */
  now?: () => number;
}
