// The interface through which the sync transport delegates every document decision to the backend.
import type * as Y from 'yjs';
import type { Actor } from '../../shared/case';
import type { Rejection } from '../../shared/contract/sync';

export interface ClientUpdateOutcome {
  /** What was refused (the backend caps the list; the last entry may summarise the rest). */
  rejections: Rejection[];
  /**
   * applied: applied with its permitted part (refused parts compensated, see rejections);
   * refused: refused whole, nothing applied (bad structure, limits, missing dependencies) — the sender's document now
   *   holds what the server does not: the transport sends the rejections, then closes it with 1007;
   * failed: an internal error rolled the room back to its state before the update: the transport closes the sender with 1011.
   */
  outcome: 'applied' | 'refused' | 'failed';
  /** For `applied`: how many refused keys and no-op writes it held in all (each costs the budgets); default the rejections' count. */
  refused?: number;
}

export interface SyncBackend {
  /** null when the token is missing, unknown or revoked. */
  authenticate(token: string | null): Promise<Actor | null>;
  /** Whether the actor may join the room ('ledger' for office/viewer, 'unit:<unitId>' for that unit's users). */
  mayJoin(actor: Actor, room: string): boolean;
  /**
   * The room's current document (exists once mayJoin said yes). It may be replaced by a new object after a rollback or
   * a reload from storage: never keep it (the transport calls this each time).
   */
  doc(room: string): Y.Doc;
  /** Changes whenever the room's document changes or is replaced; keys the transport's caches of encoded state. */
  version(room: string): number;
  /**
   * SYNC13: the room's whole state as one update and its state vector, when the backend can answer without its document
   * (a cold room) exactly as the document would; else null (the transport asks for doc()). Never decodes the room.
   */
  storedState?(room: string): { update: Uint8Array; stateVector: Map<number, number> } | null;
  /**
   * Applies a client's Yjs update with per-operation enforcement (compensating refused changes in the same transaction).
   * The net update is persisted and then reported through onCommitted. Throws on an undecodable update (→ 1007).
   */
  applyClientUpdate(room: string, actor: Actor, origin: object, update: Uint8Array): ClientUpdateOutcome;
  /** Resolves when every update applied so far is durable. */
  whenDurable(): Promise<void>;
  /** Called (in order) once a room's update is durable. origin is the object passed to applyClientUpdate (or something else for server writes). echoToOrigin: the origin's connection must also receive it (it contains a compensation). */
  onCommitted(listener: (room: string, update: Uint8Array, origin: unknown, echoToOrigin: boolean) => void): () => void;
  /**
   * false while storage is unavailable: handshakes are answered 503 (the server also closes open connections with 1013
   * through SyncServer.closeAll).
   */
  available(): boolean;
}
