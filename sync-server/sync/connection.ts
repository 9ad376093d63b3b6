// One client connection: rate limits and budgets, frame decoding and dispatch to its room, outbound back-pressure, close codes.
import { CLOSE } from '../../shared/contract/sync';
import type { Actor } from '../../shared/case';
import type { ClientUpdateOutcome } from './backend';
import type { SyncLimits } from './limits';
import { FloodGuard, monotonicNow, REFUSAL_COST, TokenBucket } from './limits';
import { decodeMessage, ProtocolError } from './protocol';
import type { Room, RoomMember } from './room';
import type { SyncSocket } from './socket';
import type { SyncLog, SyncStats } from './stats';
import { errorText } from './stats';
import type { Budget } from './users';

/** The user-wide side of the budgets (SYNC7, SYNC9), kept by the hub. */
export interface UserBudgets {
  /** Takes `cost` from the user's budget; false when there is not that much left. */
  charge(userId: string, budget: Budget, cost: number): boolean;
  /** A budget ran out on this connection: ban its user and close every connection of the user with 1008. */
  exhausted(connection: Connection, budget: Budget): void;
}

export interface ConnectionContext {
  readonly limits: SyncLimits;
  readonly stats: SyncStats;
  readonly log: SyncLog;
  readonly budgets: UserBudgets;
  /** Milliseconds, monotonic; injectable for tests. */
  readonly now?: () => number;
}

export class Connection implements RoomMember {
  readonly awarenessClients = new Set<number>();
  private closed = false;
  /** Set once an update was refused whole: nothing more is read, the connection closes after its rejections. */
  private refused = false;
  private readonly flood: FloodGuard;
  private readonly own: Readonly<Record<Budget, TokenBucket>>;
  private readonly awarenessRate: TokenBucket;

  constructor(
    private readonly socket: SyncSocket,
    readonly actor: Actor,
    readonly room: Room,
    private readonly ctx: ConnectionContext,
    private readonly onClosed: (c: Connection) => void = () => {},
  ) {
    const l = ctx.limits;
    const now = ctx.now ?? monotonicNow;
    this.flood = new FloodGuard(l.maxMessagesPerSecond, now);
    this.own = {
      refusals: TokenBucket.perMinute(l.refusalBurstPerConnection, l.refusalsPerMinutePerConnection, now),
      step1: TokenBucket.perMinute(l.step1PerMinutePerConnection, l.step1PerMinutePerConnection, now),
    };
    this.awarenessRate = TokenBucket.perSecond(l.awarenessBurst, l.awarenessPerSecond, now);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Handles one inbound WebSocket message. Never throws. */
  receive(data: Uint8Array, isBinary: boolean): void {
    if (this.closed || this.refused) return;
    try {
      this.ctx.stats.messages++;
      if (!this.flood.take()) return this.close(CLOSE.POLICY_VIOLATION, 'too many messages');
      if (!isBinary) return this.close(CLOSE.UNSUPPORTED_DATA, 'binary frames only');
      this.dispatch(data);
    } catch (e) {
      this.ctx.stats.internalErrors++;
      this.ctx.log('internal-error', { room: this.room.name, where: 'receive', error: errorText(e) });
      this.close(CLOSE.INTERNAL_ERROR, 'internal error');
    }
  }

  /** Queues a frame; a peer that lets more than the cap pile up is closed with 1013. */
  send(frame: Uint8Array): void {
    if (this.closed) return;
    this.socket.send(frame);
    if (this.socket.bufferedAmount > this.ctx.limits.maxBufferedBytes) {
      this.close(CLOSE.TRY_AGAIN_LATER, 'slow consumer');
    }
  }

  /** Leaves the room at once and starts the closing handshake. Idempotent; never throws. */
  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
    this.detach();
  }

  /** The transport reports the socket gone (any reason). Idempotent; never throws. */
  socketClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.detach();
  }

  private detach(): void {
    try {
      this.room.leave(this);
      this.onClosed(this);
    } catch (e) {
      this.ctx.stats.internalErrors++;
      this.ctx.log('internal-error', { room: this.room.name, where: 'leave', error: errorText(e) });
    }
  }

  private dispatch(data: Uint8Array): void {
    const decoded = decodeMessage(data);
    if (!decoded.ok) return this.protocolError(decoded.error);
    const msg = decoded.value;
    switch (msg.kind) {
      case 'sync-step1':
        if (!this.spend('step1', 1)) return;
        return this.catchProtocol(() => this.room.syncStep1(this, msg.stateVector));
      case 'sync-step2':
      case 'sync-update':
        return this.update(msg.update);
      case 'awareness':
        return this.catchProtocol(() => this.room.receiveAwareness(this, msg.update, () => this.awarenessRate.take()));
      case 'query-awareness':
        if (this.awarenessRate.take()) return this.room.queryAwareness(this);
        this.ctx.stats.awarenessRateLimited++;
        return;
      case 'auth':
        // Clients have nothing to say about auth: the token came with the URL.
        return;
      case 'rejection':
      case 'unknown':
        this.ctx.stats.unknownMessages++;
        return;
    }
  }

  /** SYNC3/SYNC7: hands an update to the backend, charges what it refused, and acts on the outcome. */
  private update(bytes: Uint8Array): void {
    let result: ClientUpdateOutcome;
    try {
      result = this.room.applyUpdate(this, bytes);
    } catch (e) {
      this.ctx.stats.invalidUpdates++;
      this.ctx.log('invalid-update', { room: this.room.name, error: errorText(e) });
      return this.close(CLOSE.INVALID_PAYLOAD, 'invalid update');
    }
    const { outcome, rejections } = result;
    // an update is charged for every key it had refused (and every write that changed nothing), not once
    const cost =
      outcome === 'applied' ? REFUSAL_COST.rejected * (result.refused ?? rejections.length) : REFUSAL_COST[outcome];
    if (cost > 0 && !this.spend('refusals', cost)) return;
    if (outcome === 'applied') {
      if (rejections.length > 0) this.room.sendRejections(this, rejections);
    } else if (outcome === 'refused') {
      this.ctx.stats.refusedUpdates++;
      this.refused = true;
      this.room.sendRejections(this, rejections, () => this.close(CLOSE.INVALID_PAYLOAD, 'update refused'));
    } else {
      this.ctx.stats.failedUpdates++;
      this.ctx.log('update-failed', { room: this.room.name, userId: this.actor.userId });
      // the room was rolled back: the sender is told why, then reconnects and sends its edits again
      this.refused = true;
      this.room.sendRejections(this, rejections, () => this.close(CLOSE.INTERNAL_ERROR, 'update failed'));
    }
  }

  /** Takes `cost` from this connection's and its user's budget; when either runs out, the user is banned (and this closed). */
  private spend(budget: Budget, cost: number): boolean {
    const own = this.own[budget].take(cost);
    const user = this.ctx.budgets.charge(this.actor.userId, budget, cost);
    if (own && user) return true;
    this.ctx.budgets.exhausted(this, budget);
    return false;
  }

  private catchProtocol(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
      this.protocolError(e);
    }
  }

  private protocolError(e: ProtocolError): void {
    this.ctx.stats.protocolErrors++;
    this.close(CLOSE.PROTOCOL_ERROR, e.reason);
  }
}
