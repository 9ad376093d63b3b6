// The interface through which the sync transport delegates every document decision to the backend.
import type * as Y from 'yjs';
import type { Actor } from '../../shared/case';
import type { Refusal } from '../../shared/errors';
/** What a refused edit reports to its sender (custom message type 100, JSON payload). */
export interface Rejection { caseId: string | null; field: string | null; code: Refusal['code']; message: string }
export interface SyncBackend {
  /** null when the token is missing, unknown or revoked. */
  authenticate(token: string | null): Promise<Actor | null>;
  /** Whether the actor may join the room ('ledger' for office/viewer, 'unit:<unitId>' for that unit's users). */
  mayJoin(actor: Actor, room: string): boolean;
  /** The room's document (exists once mayJoin said yes). */
  doc(room: string): Y.Doc;
  /** Applies a client's Yjs update with per-operation enforcement (compensating refused changes in the same transaction) and returns what was refused. The net update is persisted and then reported through onCommitted. Throws on an undecodable update. */
  applyClientUpdate(room: string, actor: Actor, origin: object, update: Uint8Array): Rejection[];
  /** Resolves when every update applied so far is durable. */
  whenDurable(): Promise<void>;
  /** Called (in order) once a room's update is durable. origin is the object passed to applyClientUpdate (or something else for server writes). echoToOrigin: the origin's connection must also receive it (it contains a compensation). */
  onCommitted(listener: (room: string, update: Uint8Array, origin: unknown, echoToOrigin: boolean) => void): () => void;
}
