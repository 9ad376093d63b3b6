// One room: its members, the join handshake, update application and broadcast, rejections, and the room's awareness.
import type { Rejection } from '../../shared/contract/sync';
import { CLOSE, encodeRejection } from '../../shared/contract/sync';
import type { Actor } from '../../shared/case';
import { RoomAwareness } from './awareness';
import type { ClientUpdateOutcome, SyncBackend } from './backend';
import type { SyncLimits } from './limits';
import { encodeSyncUpdate } from './protocol';
import type { SyncLog, SyncStats } from './stats';
import { errorText } from './stats';
import { SyncCache } from './sync-cache';

/** What a room needs from a connection. The member object itself is the origin passed to the backend. */
export interface RoomMember {
  readonly actor: Actor;
  readonly isOpen: boolean;
  /** Awareness client ids this member currently speaks for (maintained by the room). */
  readonly awarenessClients: Set<number>;
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomContext {
  readonly backend: SyncBackend;
  readonly limits: SyncLimits;
  readonly stats: SyncStats;
  readonly log: SyncLog;
  /** Milliseconds, monotonic. */
  readonly now: () => number;
}

const OUTCOMES: ReadonlySet<string> = new Set(['applied', 'refused', 'failed']);

/** Never keeps the backend's document: it may be replaced after a rollback or a reload (SYNC9's cache asks each time). */
export class Room {
  private readonly members = new Set<RoomMember>();
  private readonly awareness: RoomAwareness;
  private readonly cache: SyncCache;

  constructor(
    readonly name: string,
    private readonly ctx: RoomContext,
    private readonly onEmpty: (room: Room) => void,
  ) {
    this.awareness = new RoomAwareness(ctx, (frame) => this.relayAwareness(frame));
    this.cache = new SyncCache(name, ctx.backend, ctx.stats);
  }

  get size(): number {
    return this.members.size;
  }

  /** Adds the member, then (once everything applied so far is durable) greets it with sync step 1 and the awareness states. */
  join(member: RoomMember): void {
    this.members.add(member);
    this.afterDurable(member, () => {
      member.send(this.cache.greeting());
      if (this.awareness.size > 0) member.send(this.awareness.all());
    });
  }

  /** Removes the member and the awareness states it spoke for. Idempotent. */
  leave(member: RoomMember): void {
    if (!this.members.delete(member)) return;
    this.awareness.removeMember(member);
    if (this.members.size === 0) this.onEmpty(this);
  }

  /**
   * Answers a client's sync step 1. The answer is taken now, from state that is covered by the whenDurable() call
   * made right after, and sent only once that resolves: the client never receives state that is not committed.
   * Later updates reach the member through committed(). Throws a ProtocolError on an undecodable state vector.
   */
  syncStep1(member: RoomMember, stateVector: Uint8Array): void {
    const frame = this.cache.step2(stateVector);
    const cold = this.cache.cold;
    this.afterDurable(member, () => {
      member.send(frame);
      if (cold) setImmediate(() => this.decode());
    });
  }

  /** Hands a client's update to the backend (synchronously) and returns what it did. Throws if the backend does. */
  applyUpdate(member: RoomMember, update: Uint8Array): ClientUpdateOutcome {
    const result = this.ctx.backend.applyClientUpdate(this.name, member.actor, member, update);
    const outcome = OUTCOMES.has(result.outcome) ? result.outcome : 'failed';
    const rejections = Array.isArray(result.rejections) ? result.rejections : [];
    const refused =
      Number.isSafeInteger(result.refused) && (result.refused as number) >= rejections.length
        ? (result.refused as number)
        : rejections.length;
    return { outcome, rejections, refused };
  }

  /** Sends the rejections once everything applied so far (the compensation included) is durable, then runs `then`. */
  sendRejections(member: RoomMember, rejections: readonly Rejection[], then?: () => void): void {
    const frames = rejections.map((r) => encodeRejection(sanitize(r)));
    this.ctx.stats.rejections += frames.length;
    this.afterDurable(member, () => {
      for (const f of frames) member.send(f);
      then?.();
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
   * SYNC8: a member's awareness payload (relayed later, coalesced); `mayChange` is the member's rate, asked only if the
   * payload changes something. Throws a ProtocolError on a malformed payload.
   */
  receiveAwareness(member: RoomMember, payload: Uint8Array, mayChange: () => boolean): void {
    this.awareness.receive(member, payload, mayChange);
  }

  /** Answers queryAwareness with every known state (possibly none). */
  queryAwareness(member: RoomMember): void {
    member.send(this.awareness.all());
  }

  /**
   * SYNC14: a room answered from its stored state is decoded (and repaired) right after the answer, so a room with
   * members is decoded as before and changes to its server maps (a new unit, the year) reach them. A failure (storage
   * unavailable, a damaged room) is logged; the room is decoded again on its next use, where it fails as before.
   */
  private decode(): void {
    if (this.members.size === 0) return;
    this.guard('decode-after-stored-answer', () => void this.ctx.backend.doc(this.name));
  }

  /** Frees the awareness timer; members must have left or be closed by the caller. */
  destroy(): void {
    this.awareness.destroy();
  }

  /**
   * To every member, the sender included: y-websocket drops a connection that received nothing for 30 s, and a lone
   * client's only traffic is its own awareness renewal (every 15 s) coming back.
   */
  private relayAwareness(frame: Uint8Array): void {
    if (this.members.size === 0) return;
    this.ctx.stats.awarenessRelays++;
    this.ctx.stats.awarenessRelayedBytes += frame.length * this.members.size;
    for (const m of [...this.members]) m.send(frame);
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
