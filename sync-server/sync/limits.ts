// The sync server's per-connection limits, their defaults, and the flood guard that enforces the message rate.

export interface SyncLimits {
  /** Largest accepted WebSocket message; `ws` closes with 1009 above it. */
  readonly maxMessageBytes: number;
  /** Messages a connection may send per second, sustained over a 1 s window; above it the connection is closed with 1008. */
  readonly maxMessagesPerSecond: number;
  /** Outbound bytes a connection may have queued; above it the connection is closed with 1013 (slow consumer). */
  readonly maxBufferedBytes: number;
  /** Largest awareness payload relayed; bigger ones are dropped (and counted). */
  readonly maxAwarenessBytes: number;
  /** Awareness client ids one connection may speak for (a browser tab uses one). */
  readonly maxAwarenessClientsPerConnection: number;
}

export const DEFAULT_LIMITS: SyncLimits = {
  maxMessageBytes: 1024 * 1024,
  maxMessagesPerSecond: 500,
  maxBufferedBytes: 32 * 1024 * 1024,
  maxAwarenessBytes: 16 * 1024,
  maxAwarenessClientsPerConnection: 8,
};

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

/** A token bucket holding one second's worth of messages, refilled continuously. */
export class FloodGuard {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = perSecond;
    this.last = now();
  }

  /** Whether one more message is within the rate. */
  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((t - this.last) * this.perSecond) / 1000);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
