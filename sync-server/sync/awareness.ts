// SYNC8: a room's awareness states: who owns each client id, size limits, expiry, and the coalesced relay.
import type { Actor } from '../../shared/case';
import type { SyncLimits } from './limits';
import type { RawAwarenessEntry } from './protocol';
import { decodeRawAwarenessUpdate, encodeAwarenessJson, encodeAwarenessMessage } from './protocol';
import type { SyncStats } from './stats';

/** What the awareness needs from a member: who it is, and the client ids it speaks for (maintained here). */
export interface AwarenessMember {
  readonly actor: Actor;
  readonly awarenessClients: Set<number>;
}

export interface AwarenessContext {
  readonly limits: SyncLimits;
  readonly stats: SyncStats;
  /** Milliseconds, monotonic. */
  readonly now: () => number;
}

interface State {
  clock: number;
  json: string;
  owner: AwarenessMember;
  renewedAt: number;
}

/**
 * y-protocols' rule: an older clock changes nothing, and neither does the same clock with a state (clients echo every
 * state they receive); the same clock with null removes the state.
 */
function isStale(e: RawAwarenessEntry, current: State): boolean {
  return e.clock < current.clock || (e.clock === current.clock && e.state !== null);
}

/**
 * The states of one room, keyed by awareness client id. An id belongs to the first member that sets it; another
 * connection of the same user may take it over with a newer clock (a reconnecting tab), another user may neither
 * overwrite nor remove it, nor claim it within `awarenessTimeoutMs` after its owner left.
 * Changes are collected and relayed with their latest states in one frame per `awarenessRelayMs`.
 */
export class RoomAwareness {
  private readonly states = new Map<number, State>();
  /** Ids whose owner left recently: for `awarenessTimeoutMs` only that user may claim them again (a reconnecting tab). */
  private readonly released = new Map<number, { userId: string; until: number }>();
  /** Ids changed since the last relay, with the clock to announce if the id is gone by then. */
  private readonly pending = new Map<number, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private allFrame: Uint8Array | null = null;

  constructor(
    private readonly ctx: AwarenessContext,
    private readonly relay: (frame: Uint8Array) => void,
  ) {}

  /**
   * Applies a member's awareness payload. Oversized payloads are dropped; a malformed one throws a ProtocolError.
   * `mayChange` is asked once, only if the payload changes something: y-websocket clients echo every state they
   * receive (same clock), and those echoes must not use up the sender's rate.
   */
  receive(member: AwarenessMember, payload: Uint8Array, mayChange: () => boolean): void {
    if (payload.length > this.ctx.limits.maxAwarenessBytes) {
      this.ctx.stats.droppedAwareness++;
      return;
    }
    const decoded = decodeRawAwarenessUpdate(payload);
    if (!decoded.ok) throw decoded.error;
    const changes = this.plan(member, decoded.value);
    if (changes.length === 0) return;
    if (!mayChange()) {
      this.ctx.stats.awarenessRateLimited++;
      return;
    }
    for (const e of changes) this.commit(member, e);
  }

  /** Removes the states a member owns (it left the room); the removal is relayed like any change. */
  removeMember(member: AwarenessMember): void {
    const until = this.ctx.now() + this.ctx.limits.awarenessTimeoutMs;
    for (const id of member.awarenessClients) {
      const s = this.states.get(id);
      if (s?.owner !== member) continue;
      this.drop(id, s.clock);
      this.released.set(id, { userId: member.actor.userId, until });
    }
    member.awarenessClients.clear();
  }

  /** Whether any state is known. */
  get size(): number {
    this.expire();
    return this.states.size;
  }

  /** An awareness message with every known state (possibly none), encoded once per change. */
  all(): Uint8Array {
    this.expire();
    this.allFrame ??= encodeAwarenessMessage(
      encodeAwarenessJson([...this.states].map(([clientID, s]) => ({ clientID, clock: s.clock, json: s.json }))),
    );
    return this.allFrame;
  }

  /** Stops the relay timer. */
  destroy(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** The entries that change something and that the member may write, in order. */
  private plan(member: AwarenessMember, entries: readonly RawAwarenessEntry[]): RawAwarenessEntry[] {
    const out: RawAwarenessEntry[] = [];
    const claimed = new Set(member.awarenessClients);
    for (const e of entries) {
      const current = this.states.get(e.clientID);
      if (current === undefined ? e.state === null : isStale(e, current)) continue;
      if (current !== undefined && current.owner !== member && current.owner.actor.userId !== member.actor.userId) {
        this.ctx.stats.awarenessForeign++;
        continue;
      }
      const left = current === undefined ? this.released.get(e.clientID) : undefined;
      if (left !== undefined && left.until > this.ctx.now() && left.userId !== member.actor.userId) {
        this.ctx.stats.awarenessForeign++;
        continue;
      }
      if (e.state !== null && e.bytes > this.ctx.limits.maxAwarenessStateBytes) {
        this.ctx.stats.awarenessStateTooLarge++;
        continue;
      }
      if (e.state !== null && !claimed.has(e.clientID)) {
        if (claimed.size >= this.ctx.limits.maxAwarenessClientsPerConnection) {
          this.ctx.stats.awarenessTooManyIds++;
          continue;
        }
        claimed.add(e.clientID);
      }
      out.push(e);
    }
    return out;
  }

  /** Sets or removes one planned entry; a state set by another connection of the same user moves to this one. */
  private commit(member: AwarenessMember, e: RawAwarenessEntry): void {
    const current = this.states.get(e.clientID);
    if (current === undefined ? e.state === null : isStale(e, current)) return; // an earlier entry of the payload won
    if (e.state === null) return this.drop(e.clientID, e.clock);
    if (current !== undefined && current.owner !== member) current.owner.awarenessClients.delete(e.clientID);
    this.states.set(e.clientID, { clock: e.clock, json: e.json, owner: member, renewedAt: this.ctx.now() });
    member.awarenessClients.add(e.clientID);
    this.changed(e.clientID, e.clock);
  }

  private drop(id: number, clock: number): void {
    const s = this.states.get(id);
    if (s === undefined) return;
    this.states.delete(id);
    s.owner.awarenessClients.delete(id);
    this.changed(id, clock);
  }

  /** Removes states not renewed within the timeout, as y-protocols does for remote clients. */
  private expire(): void {
    const now = this.ctx.now();
    const cutoff = now - this.ctx.limits.awarenessTimeoutMs;
    for (const [id, s] of this.states) {
      if (s.renewedAt < cutoff) this.drop(id, s.clock);
    }
    for (const [id, r] of this.released) if (r.until <= now) this.released.delete(id);
  }

  private changed(id: number, clock: number): void {
    this.pending.set(id, clock);
    this.allFrame = null;
    this.timer ??= setTimeout(() => this.flush(), this.ctx.limits.awarenessRelayMs);
  }

  /** One frame with the latest state of every id changed since the last relay (null for the ones gone). */
  private flush(): void {
    this.expire(); // while the timer is still set, so expiring does not arm another one
    this.timer = null;
    const entries = [...this.pending].map(([clientID, clock]) => {
      const s = this.states.get(clientID);
      return s === undefined ? { clientID, clock, json: 'null' } : { clientID, clock: s.clock, json: s.json };
    });
    this.pending.clear();
    if (entries.length > 0) this.relay(encodeAwarenessMessage(encodeAwarenessJson(entries)));
  }
}
