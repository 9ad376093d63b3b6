// The sync server's limits (per connection, per user, per room), their defaults, and the token buckets that enforce rates.

export interface SyncLimits {
  /** Largest accepted WebSocket message; `ws` closes with 1009 above it. */
  readonly maxMessageBytes: number;
  /** Messages a connection may send per second, sustained over a 1 s window; above it the connection is closed with 1008. */
  readonly maxMessagesPerSecond: number;
  /** Outbound bytes a connection may have queued; above it the connection is closed with 1013 (slow consumer). */
  readonly maxBufferedBytes: number;

  /** SYNC7: refusal points a connection may spend at once (an update with rejections costs 1, a refused or failed one 5). */
  readonly refusalBurstPerConnection: number;
  /** SYNC7: refusal points a connection regains per minute. */
  readonly refusalsPerMinutePerConnection: number;
  /** SYNC7: refusal points a user may spend at once, over all its connections. */
  readonly refusalBurstPerUser: number;
  /** SYNC7: refusal points a user regains per minute. */
  readonly refusalsPerMinutePerUser: number;
  /** SYNC7/SYNC9: how long a user whose budget ran out is refused (HTTP 429) at the handshake. */
  readonly banMs: number;

  /** SYNC8: largest awareness payload; bigger ones are dropped whole (and counted). */
  readonly maxAwarenessBytes: number;
  /** SYNC8: largest awareness state (its JSON, in UTF-8 bytes); bigger states are dropped (and counted). */
  readonly maxAwarenessStateBytes: number;
  /** SYNC8: awareness client ids one connection may speak for (a browser tab uses one). */
  readonly maxAwarenessClientsPerConnection: number;
  /** SYNC8: awareness messages (and awareness queries) a connection may send at once; the excess is dropped. */
  readonly awarenessBurst: number;
  /** SYNC8: awareness messages a connection regains per second. */
  readonly awarenessPerSecond: number;
  /** SYNC8: changed awareness states are relayed together, at most once per this many milliseconds. */
  readonly awarenessRelayMs: number;
  /** SYNC8: an awareness state not renewed for this long is removed (y-protocols clients renew every 15 s). */
  readonly awarenessTimeoutMs: number;

  /** SYNC9: sync step 1 messages a connection may send per minute (a y-websocket client sends one per connection). */
  readonly step1PerMinutePerConnection: number;
  /** SYNC9: sync step 1 messages a user may send at once, over all its connections. */
  readonly step1BurstPerUser: number;
  /** SYNC9: sync step 1 messages a user regains per minute. */
  readonly step1PerMinutePerUser: number;
  /** SYNC9: open connections one user may hold; more are refused with HTTP 429 at the handshake. */
  readonly maxConnectionsPerUser: number;
}

export const DEFAULT_LIMITS: SyncLimits = {
  maxMessageBytes: 1024 * 1024,
  maxMessagesPerSecond: 500,
  maxBufferedBytes: 32 * 1024 * 1024,
  refusalBurstPerConnection: 20,
  refusalsPerMinutePerConnection: 20,
  refusalBurstPerUser: 60,
  refusalsPerMinutePerUser: 60,
  banMs: 60_000,
  maxAwarenessBytes: 4 * 1024,
  maxAwarenessStateBytes: 2 * 1024,
  maxAwarenessClientsPerConnection: 8,
  awarenessBurst: 10,
  awarenessPerSecond: 5,
  awarenessRelayMs: 100,
  awarenessTimeoutMs: 30_000,
  step1PerMinutePerConnection: 4,
  step1BurstPerUser: 20,
  step1PerMinutePerUser: 20,
  maxConnectionsPerUser: 16,
};

/** SYNC7: what an update costs the refusal budgets: per refused key (or no-op write) when applied, a flat cost when refused whole or failed. */
export const REFUSAL_COST = { rejected: 1, refused: 5, failed: 5 } as const;

/** Fills in defaults; undefined entries keep the default. Non-positive or non-finite values are refused. */
export function resolveLimits(partial: Partial<SyncLimits> = {}): SyncLimits {
  const out: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`sync limit ${key} must be a positive number`);
    out[key] = value;
  }
  return out as unknown as SyncLimits;
}

/** A token bucket: holds at most `capacity` tokens, refilled continuously at `perMs` tokens per millisecond. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** A bucket of `burst` tokens regaining `perMinute` tokens a minute. */
  static perMinute(burst: number, perMinute: number, now: () => number): TokenBucket {
    return new TokenBucket(burst, perMinute / 60_000, now);
  }

  /** A bucket of `burst` tokens regaining `perSecond` tokens a second. */
  static perSecond(burst: number, perSecond: number, now: () => number): TokenBucket {
    return new TokenBucket(burst, perSecond / 1000, now);
  }

  /** Takes `cost` tokens if there are that many; otherwise takes nothing and says no. */
  take(cost = 1): boolean {
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  /** Whether the bucket is back to its capacity (forgetting it loses nothing). */
  get full(): boolean {
    this.refill();
    return this.tokens >= this.capacity;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + Math.max(0, t - this.last) * this.perMs);
    this.last = t;
  }
}

export const monotonicNow = (): number => performance.now();

/** A token bucket holding one second's worth of messages, refilled continuously. */
export class FloodGuard {
  private readonly bucket: TokenBucket;

  constructor(perSecond: number, now: () => number = monotonicNow) {
    this.bucket = TokenBucket.perSecond(perSecond, perSecond, now);
  }

  /** Whether one more message is within the rate. */
  take(): boolean {
    return this.bucket.take();
  }
}
