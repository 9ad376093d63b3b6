// One client connection: rate limit, frame decoding and dispatch to its room, outbound back-pressure, close codes.
import type { Actor } from '../../shared/case';
import type { SyncLimits } from './limits';
import { FloodGuard } from './limits';
import { decodeMessage, ProtocolError } from './protocol';
import type { Room, RoomMember } from './room';
import type { SyncSocket } from './socket';
import { CLOSE } from './socket';
import type { SyncLog, SyncStats } from './stats';
import { errorText } from './stats';

export interface ConnectionContext {
  readonly limits: SyncLimits;
  readonly stats: SyncStats;
  readonly log: SyncLog;
  /** Milliseconds, monotonic; injectable for tests. */
  readonly now?: () => number;
}

export class Connection implements RoomMember {
  readonly awarenessClients = new Set<number>();
  private closed = false;
  private readonly flood: FloodGuard;

  constructor(
    private readonly socket: SyncSocket,
    readonly actor: Actor,
    readonly room: Room,
    private readonly ctx: ConnectionContext,
    private readonly onClosed: (c: Connection) => void = () => {},
  ) {
    this.flood = new FloodGuard(ctx.limits.maxMessagesPerSecond, ctx.now);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Handles one inbound WebSocket message. Never throws. */
  receive(data: Uint8Array, isBinary: boolean): void {
    if (this.closed) return;
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
        try {
          this.room.syncStep1(this, msg.stateVector);
        } catch {
          this.protocolError(new ProtocolError('malformed'));
        }
        return;
      case 'sync-step2':
      case 'sync-update':
        try {
          this.room.applyUpdate(this, msg.update);
        } catch (e) {
          this.ctx.stats.invalidUpdates++;
          this.ctx.log('invalid-update', { room: this.room.name, error: errorText(e) });
          this.close(CLOSE.INVALID_PAYLOAD, 'invalid update');
        }
        return;
      case 'awareness':
        try {
          this.room.receiveAwareness(this, msg.update);
        } catch (e) {
          if (!(e instanceof ProtocolError)) throw e;
          this.protocolError(e);
        }
        return;
      case 'query-awareness':
        this.room.queryAwareness(this);
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

  private protocolError(e: ProtocolError): void {
    this.ctx.stats.protocolErrors++;
    this.close(CLOSE.PROTOCOL_ERROR, e.reason);
  }
}
