// The transport-independent core: rooms by name, the connections in them, and committed updates routed from the backend.
import type { Actor } from '../../shared/case';
import type { SyncBackend } from './backend';
import { Connection } from './connection';
import type { SyncLimits } from './limits';
import { resolveLimits } from './limits';
import { Room } from './room';
import type { SyncSocket } from './socket';
import type { SyncLog, SyncStats } from './stats';
import { consoleLog, createStats, errorText } from './stats';

export interface SyncHubOptions {
  limits?: Partial<SyncLimits>;
  log?: SyncLog;
  /** Milliseconds, monotonic; injectable for tests. */
  now?: () => number;
}

export class SyncHub {
  readonly stats: SyncStats = createStats();
  readonly limits: SyncLimits;
  private readonly log: SyncLog;
  private readonly now: (() => number) | undefined;
  private readonly rooms = new Map<string, Room>();
  private readonly connections = new Set<Connection>();
  private readonly unsubscribe: () => void;

  constructor(private readonly backend: SyncBackend, opts: SyncHubOptions = {}) {
    this.limits = resolveLimits(opts.limits);
    this.log = opts.log ?? consoleLog;
    this.now = opts.now;
    this.unsubscribe = backend.onCommitted((room, update, origin, echoToOrigin) => {
      try {
        this.rooms.get(room)?.committed(update, origin, echoToOrigin);
      } catch (e) {
        this.stats.internalErrors++;
        this.log('internal-error', { room, where: 'committed', error: errorText(e) });
      }
    });
  }

  /** Open connections across all rooms. */
  get size(): number {
    return this.connections.size;
  }

  /** Puts an authenticated, admitted actor's socket into the room. Throws only if the backend's doc() does. */
  connect(socket: SyncSocket, actor: Actor, roomName: string): Connection {
    let room = this.rooms.get(roomName);
    if (room === undefined) {
      room = new Room(roomName, { backend: this.backend, limits: this.limits, stats: this.stats, log: this.log }, r => this.dropRoom(r));
      this.rooms.set(roomName, room);
    }
    const ctx = { limits: this.limits, stats: this.stats, log: this.log, now: this.now };
    const conn = new Connection(socket, actor, room, ctx, c => this.connections.delete(c));
    this.connections.add(conn);
    room.join(conn);
    return conn;
  }

  /** Closes every connection with the code; rooms go away as they empty. */
  closeAll(code: number, reason: string): void {
    for (const c of [...this.connections]) c.close(code, reason);
  }

  /** AUTH3: closes the connections of one user (e.g. revoked); returns how many. */
  disconnectUser(userId: string, code: number, reason: string): number {
    const theirs = [...this.connections].filter((c) => c.actor.userId === userId);
    for (const c of theirs) c.close(code, reason);
    return theirs.length;
  }

  /** Stops routing committed updates and frees the rooms. */
  dispose(code: number, reason: string): void {
    this.closeAll(code, reason);
    this.unsubscribe();
    for (const r of this.rooms.values()) r.destroy();
    this.rooms.clear();
  }

  private dropRoom(room: Room): void {
    if (this.rooms.get(room.name) === room && room.size === 0) {
      this.rooms.delete(room.name);
      room.destroy();
    }
  }
}
