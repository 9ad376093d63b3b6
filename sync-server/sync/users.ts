// SYNC7/SYNC9: per-user budgets, bans and open connections, with the admission decision taken at the handshake.
import { ERROR_CODES } from '../../shared/errors';
import type { ErrorCode } from '../../shared/errors';
import type { SyncLimits } from './limits';
import { TokenBucket } from './limits';

export type Budget = 'refusals' | 'step1';

/** The handshake's answer for an authenticated user. */
export type Admission =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly status: 429 | 503;
      readonly reason: 'banned' | 'too-many-connections' | 'unavailable';
      readonly code: ErrorCode;
      readonly message: string;
      /** Seconds, for the Retry-After header. */
      readonly retryAfter: number | null;
    };

interface UserState<C> {
  readonly refusals: TokenBucket;
  readonly step1: TokenBucket;
  bannedUntil: number;
  readonly connections: Set<C>;
}

/** How often idle entries are looked for; they are few, so this only keeps the map from growing without bound. */
const PRUNE_EVERY_MS = 10_000;

/**
 * One entry per user that has an open connection, a ban, or a budget not yet refilled; any other entry is forgotten
 * (it holds nothing a fresh one would not).
 */
export class UserGuard<C> {
  private readonly users = new Map<string, UserState<C>>();
  private lastPrune: number;

  constructor(
    private readonly limits: SyncLimits,
    private readonly now: () => number,
  ) {
    this.lastPrune = now();
  }

  /** Users tracked right now. */
  get size(): number {
    return this.users.size;
  }

  /** SYNC7/SYNC9: a banned user, or one at the connection cap, is refused at the handshake. */
  admission(userId: string): Admission {
    this.pruneNow();
    const u = this.users.get(userId);
    if (u === undefined) return { ok: true };
    const left = u.bannedUntil - this.now();
    if (left > 0) {
      const seconds = Math.ceil(left / 1000);
      return refusal(
        429,
        'banned',
        'TOO_MANY_REQUESTS',
        `同步连接已暂停：短时间内被拒绝的修改或同步请求过多，请 ${seconds} 秒后再试`,
        seconds,
      );
    }
    if (u.connections.size >= this.limits.maxConnectionsPerUser) {
      return refusal(
        429,
        'too-many-connections',
        'TOO_MANY_REQUESTS',
        `同一账号最多同时打开 ${this.limits.maxConnectionsPerUser} 个同步连接，请关闭不用的窗口后再试`,
        null,
      );
    }
    return { ok: true };
  }

  add(userId: string, connection: C): void {
    this.state(userId).connections.add(connection);
  }

  remove(userId: string, connection: C): void {
    this.users.get(userId)?.connections.delete(connection);
  }

  /** The user's open connections. */
  connectionsOf(userId: string): C[] {
    return [...(this.users.get(userId)?.connections ?? [])];
  }

  /** Takes `cost` from the user's budget; false when there is not that much left. */
  charge(userId: string, budget: Budget, cost: number): boolean {
    return this.state(userId)[budget].take(cost);
  }

  /** Refuses the user's handshakes for `banMs` from now. */
  ban(userId: string): void {
    this.state(userId).bannedUntil = this.now() + this.limits.banMs;
  }

  /** Forgets users with no connection, no ban and full budgets. */
  prune(): void {
    const t = this.now();
    this.lastPrune = t;
    for (const [id, u] of this.users) {
      if (u.connections.size === 0 && u.bannedUntil <= t && u.refusals.full && u.step1.full) this.users.delete(id);
    }
  }

  private pruneNow(): void {
    if (this.now() - this.lastPrune >= PRUNE_EVERY_MS) this.prune();
  }

  private state(userId: string): UserState<C> {
    let u = this.users.get(userId);
    if (u === undefined) {
      const { limits: l, now } = this;
      u = {
        refusals: TokenBucket.perMinute(l.refusalBurstPerUser, l.refusalsPerMinutePerUser, now),
        step1: TokenBucket.perMinute(l.step1BurstPerUser, l.step1PerMinutePerUser, now),
        bannedUntil: 0,
        connections: new Set(),
      };
      this.users.set(userId, u);
    }
    return u;
  }
}

function refusal(
  status: 429 | 503,
  reason: 'banned' | 'too-many-connections' | 'unavailable',
  code: ErrorCode,
  message: string,
  retryAfter: number | null,
): Admission {
  return { ok: false, status, reason, code, message, retryAfter };
}

/** SYNC9: storage is unavailable; the client retries on its own. */
export const UNAVAILABLE: Admission = refusal(
  503,
  'unavailable',
  'STORAGE_UNAVAILABLE',
  ERROR_CODES.STORAGE_UNAVAILABLE,
  5,
);
