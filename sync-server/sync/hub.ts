// The transport-independent core: rooms by name, the connections in them, admission, bans, and committed updates routed from the backend.
import { CLOSE } from '../../shared/contract/sync';
import type { Actor } from '../../shared/case';
import type { SyncBackend } from './backend';
import type { UserBudgets } from './connection';
import { Connection } from './connection';
import type { SyncLimits } from './limits';
import { monotonicNow, resolveLimits } from './limits';
import { Room } from './room';
import type { SyncSocket } from './socket';
import type { SyncLog, SyncStats } from './stats';
import { consoleLog, createStats, errorText } from './stats';
import type { Admission, Budget } from './users';
import { UNAVAILABLE, UserGuard } from './users';

export interface SyncHubOptions {
  limits?: Partial<SyncLimits>;
  log?: SyncLog;
  /** Milliseconds, monotonic; injectable for tests. */
  now?: () => number;
}

const BAN_REASON: Readonly<Record<Budget, string>> = {
  refusals: 'too many refused updates',
  step1: 'too many sync requests',
};

export class SyncHub implements UserBudgets {
  readonly stats: SyncStats = createStats();
  readonly limits: SyncLimits;
  private readonly log: SyncLog;
  private readonly now: () => number;
  private readonly rooms = new Map<string, Room>();
  private readonly connections = new Set<Connection>();
  private readonly users: UserGuard<Connection>;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly backend: SyncBackend,
    opts: SyncHubOptions = {},
  ) {
    this.limits = resolveLimits(opts.limits);
    this.log = opts.log ?? consoleLog;
    this.now = opts.now ?? monotonicNow;
    this.users = new UserGuard(this.limits, this.now);
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

  /** Users the hub keeps budgets, bans or connections for (bounded: idle ones are pruned). */
  get trackedUsers(): number {
    return this.users.size;
  }

  /**
   * The handshake's decision for an authenticated actor, taken before the WebSocket upgrade: 503 while storage is
   * unavailable, 429 while the user is banned (SYNC7) or holds the most connections allowed (SYNC9).
   */
  admission(actor: Actor): Admission {
    let available: boolean;
    try {
      available = this.backend.available();
    } catch (e) {
      this.log('backend-error', { where: 'available', error: errorText(e) });
      available = false;
    }
    const verdict = available ? this.users.admission(actor.userId) : UNAVAILABLE;
    if (!verdict.ok) {
      if (verdict.reason === 'unavailable') this.stats.unavailableHandshakes++;
      else if (verdict.reason === 'banned') this.stats.bannedHandshakes++;
      else this.stats.tooManyConnections++;
    }
    return verdict;
  }

  /** Puts an authenticated, admitted actor's socket into the room. */
  connect(socket: SyncSocket, actor: Actor, roomName: string): Connection {
    let room = this.rooms.get(roomName);
    if (room === undefined) {
      const ctx = { backend: this.backend, limits: this.limits, stats: this.stats, log: this.log, now: this.now };
      room = new Room(roomName, ctx, (r) => this.dropRoom(r));
      this.rooms.set(roomName, room);
    }
    const ctx = { limits: this.limits, stats: this.stats, log: this.log, now: this.now, budgets: this };
    const conn = new Connection(socket, actor, room, ctx, (c) => this.closed(c));
    this.connections.add(conn);
    this.users.add(actor.userId, conn);
    room.join(conn);
    return conn;
  }

  charge(userId: string, budget: Budget, cost: number): boolean {
    return this.users.charge(userId, budget, cost);
  }

  /** SYNC7/SYNC9: closes the connection and the user's others with 1008, and bans the user for `banMs`. */
  exhausted(connection: Connection, budget: Budget): void {
    const userId = connection.actor.userId;
    this.users.ban(userId);
    this.stats.bans++;
    if (budget === 'refusals') this.stats.refusalBudgetExceeded++;
    else this.stats.step1BudgetExceeded++;
    this.log('user-banned', { room: connection.room.name, userId, budget, ms: this.limits.banMs });
    connection.close(CLOSE.POLICY_VIOLATION, BAN_REASON[budget]);
    for (const other of this.users.connectionsOf(userId)) {
      this.stats.bannedConnectionsClosed++;
      other.close(CLOSE.POLICY_VIOLATION, BAN_REASON[budget]);
    }
  }

  /** Closes every connection with the code; rooms go away as they empty. Returns how many were closed. */
  closeAll(code: number, reason: string): number {
    const all = [...this.connections];
    for (const c of all) c.close(code, reason);
    return all.length;
  }

  /** AUTH3: closes the connections of one user (e.g. revoked); returns how many. */
  disconnectUser(userId: string, code: number, reason: string): number {
    const theirs = this.users.connectionsOf(userId);
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

  private closed(c: Connection): void {
    this.connections.delete(c);
    this.users.remove(c.actor.userId, c);
  }

  private dropRoom(room: Room): void {
    if (this.rooms.get(room.name) === room && room.size === 0) {
      this.rooms.delete(room.name);
      room.destroy();
    }
  }
}
