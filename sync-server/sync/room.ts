// One room: its members, the join handshake, update application and broadcast, rejections, and the room's awareness.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Actor } from '../../shared/case';
import type { Rejection, SyncBackend } from './backend';
import type { SyncLimits } from './limits';
import {
  decodeAwarenessUpdate,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeRejection,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from './protocol';
import { CLOSE } from './socket';
import type { SyncLog, SyncStats } from './stats';
import { errorText } from './stats';

/** What a room needs from a connection. The member object itself is the origin passed to the backend. */
export interface RoomMember {
  readonly actor: Actor;
  readonly isOpen: boolean;
  /** Awareness client ids this member currently speaks for (maintained by the room). */
  readonly awarenessClients: Set<number>;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

interface AwarenessChanges { added: number[]; updated: number[]; removed: number[] }

export interface RoomContext {
  readonly backend: SyncBackend;
  readonly limits: SyncLimits;
  readonly stats: SyncStats;
  readonly log: SyncLog;
}

export class Room {
  private readonly members = new Set<RoomMember>();
  private readonly doc: Y.Doc;
  /** Own doc so the backend's long-lived doc does not collect a 'destroy' listener per room lifetime. */
  private readonly awarenessDoc = new Y.Doc();
  private readonly awareness: awarenessProtocol.Awareness;
  /** Which member speaks for each awareness client id. */
  private readonly owners = new Map<number, RoomMember>();

  constructor(
    readonly name: string,
    private readonly ctx: RoomContext,
    private readonly onEmpty: (room: Room) => void,
  ) {
    this.doc = ctx.backend.doc(name);
    this.awareness = new awarenessProtocol.Awareness(this.awarenessDoc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', (changes: AwarenessChanges, origin: unknown) => {
      this.guard('awareness-broadcast', () => this.onAwarenessUpdate(changes, origin));
    });
  }

  get size(): number {
    return this.members.size;
  }

  /** Adds the member, then (once everything applied so far is durable) greets it with sync step 1 and the awareness states. */
  join(member: RoomMember): void {
    this.members.add(member);
    this.afterDurable(member, () => {
      member.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
      const states = this.awareness.getStates();
      if (states.size > 0) {
        member.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])));
      }
    });
  }

  /** Removes the member and the awareness states it spoke for. Idempotent. */
  leave(member: RoomMember): void {
    if (!this.members.delete(member)) return;
    const ids = [...member.awarenessClients].filter(id => this.owners.get(id) === member);
    member.awarenessClients.clear();
    for (const id of ids) this.owners.delete(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
    if (this.members.size === 0) this.onEmpty(this);
  }

  /**
   * Answers a client's sync step 1. The diff is taken now, from state that is covered by the whenDurable() call
   * made right after, and sent only once that resolves: the client never receives state that is not committed.
   * Later updates reach the member through committed(). Throws on an undecodable state vector.
   */
  syncStep1(member: RoomMember, stateVector: Uint8Array): void {
    const diff = Y.encodeStateAsUpdate(this.doc, stateVector);
    this.afterDurable(member, () => member.send(encodeSyncStep2(diff)));
  }

  /** Hands a client's update to the backend (synchronously); rejections follow the committed update. Throws if the backend does. */
  applyUpdate(member: RoomMember, update: Uint8Array): void {
    const rejections = this.ctx.backend.applyClientUpdate(this.name, member.actor, member, update);
    if (rejections.length === 0) return;
    const frames = rejections.map(r => encodeRejection(sanitize(r)));
    this.ctx.stats.rejections += frames.length;
    this.afterDurable(member, () => {
      for (const f of frames) member.send(f);
    });
  }

  /** A committed update of this room: to every member except its origin (unless it carries a compensation). */
  committed(update: Uint8Array, origin: unknown, echoToOrigin: boolean): void {
    if (this.members.size === 0) return;
    const frame = encodeSyncUpdate(update);
    for (const m of [...this.members]) {
      if (m !== origin || echoToOrigin) m.send(frame);
    }
  }

  /**
   * Relays a client's awareness update to the whole room, sender included. Oversized payloads are dropped; a malformed one throws a ProtocolError.
   * A member may speak for a bounded number of client ids; a non-null state takes an id over (a reconnecting tab),
   * a null state only removes ids the member owns or nobody owns.
   */
  receiveAwareness(member: RoomMember, payload: Uint8Array): void {
    if (payload.length > this.ctx.limits.maxAwarenessBytes) {
      this.ctx.stats.droppedAwareness++;
      return;
    }
    const decoded = decodeAwarenessUpdate(payload);
    if (!decoded.ok) throw decoded.error;
    const claimed = new Set(member.awarenessClients);
    const accepted = decoded.value.filter(e => {
      const owner = this.owners.get(e.clientID);
      if (e.state === null) return owner === undefined || owner === member;
      if (claimed.has(e.clientID)) return true;
      if (claimed.size >= this.ctx.limits.maxAwarenessClientsPerConnection) return false;
      claimed.add(e.clientID);
      return true;
    });
    if (accepted.length < decoded.value.length) this.ctx.stats.droppedAwareness++;
    if (accepted.length === 0) return;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(accepted), member);
  }

  /** Answers queryAwareness with every known state (possibly none). */
  queryAwareness(member: RoomMember): void {
    const ids = [...this.awareness.getStates().keys()];
    member.send(encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)));
  }

  /** Frees the awareness timer; members must have left or be closed by the caller. */
  destroy(): void {
    this.awareness.destroy();
    this.awarenessDoc.destroy();
  }

  private onAwarenessUpdate({ added, updated, removed }: AwarenessChanges, origin: unknown): void {
    const from = this.isMember(origin) ? origin : null;
    for (const id of removed) {
      const owner = this.owners.get(id);
      this.owners.delete(id);
      owner?.awarenessClients.delete(id);
    }
    if (from !== null) {
      for (const id of [...added, ...updated]) {
        const previous = this.owners.get(id);
        if (previous !== undefined && previous !== from) previous.awarenessClients.delete(id);
        this.owners.set(id, from);
        from.awarenessClients.add(id);
      }
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0 || this.members.size === 0) return;
    // Sent to the sender too: y-websocket drops a connection that received nothing for 30 s, and a lone
    // client's only traffic is its own awareness renewal (every 15 s) coming back.
    const frame = encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const m of [...this.members]) m.send(frame);
  }

  private isMember(x: unknown): x is RoomMember {
    return typeof x === 'object' && x !== null && this.members.has(x as RoomMember);
  }

  /** Runs `send` once everything applied so far is durable, if the member is still open; a storage failure closes it with 1011. */
  private afterDurable(member: RoomMember, send: () => void): void {
    let durable: Promise<void>;
    try {
      durable = this.ctx.backend.whenDurable();
    } catch (e) {
      durable = Promise.reject(e);
    }
    durable
      .then(
        () => {
          if (member.isOpen) this.guard('send-after-durable', send, member);
        },
        (e: unknown) => {
          this.ctx.stats.internalErrors++;
          this.ctx.log('durability-failed', { room: this.name, error: errorText(e) });
          member.close(CLOSE.INTERNAL_ERROR, 'storage unavailable');
        },
      )
      .catch((e: unknown) => {
        this.ctx.stats.internalErrors++;
        this.ctx.log('internal-error', { room: this.name, where: 'after-durable', error: errorText(e) });
      });
  }

  private guard(what: string, fn: () => void, member?: RoomMember): void {
    try {
      fn();
    } catch (e) {
      this.ctx.stats.internalErrors++;
      this.ctx.log('internal-error', { room: this.name, where: what, error: errorText(e) });
      member?.close(CLOSE.INTERNAL_ERROR, 'internal error');
    }
  }
}

/** Only the four documented fields go on the wire, whatever else the backend attached. */
function sanitize(r: Rejection): Rejection {
  return { caseId: r.caseId ?? null, field: r.field ?? null, code: r.code, message: String(r.message) };
}
