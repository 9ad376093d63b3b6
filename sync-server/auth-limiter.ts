// AUTH7: failed authentications limited per client address (a token bucket); a blocked address waits for a full refill.
import { performance } from 'node:perf_hooks';

export interface AuthLimitOptions {
  /** Failed authentications an address may make in a burst (default 20). */
  burst?: number;
  /** One failure is forgiven every `refillMs` milliseconds (default 3000). */
  refillMs?: number;
  /** Addresses remembered at most; beyond that, forgiven ones and then the oldest are forgotten (default 10,000). */
  maxAddresses?: number;
  /** Monotonic milliseconds (default performance.now). */
  now?: () => number;
}

export const DEFAULT_AUTH_LIMIT = { burst: 20, refillMs: 3000, maxAddresses: 10_000 } as const;

/** The address an unknown peer is counted under (a request without a socket, as in-process tests make). */
export const UNKNOWN_ADDRESS = 'unknown';

const MAPPED_IPV4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The socket's remote address as the limiter counts it: IPv4-mapped IPv6 (`::ffff:1.2.3.4`) as IPv4, lower case. */
export function clientAddress(raw: string | null | undefined): string {
  if (typeof raw !== 'string' || raw === '') return UNKNOWN_ADDRESS;
  const mapped = MAPPED_IPV4.exec(raw);
  return mapped ? mapped[1]! : raw.toLowerCase();
}

interface Bucket {
  /** How far the bucket is from full, in milliseconds of refill (each failure adds refillMs). */
  deficitMs: number;
  /** When `deficitMs` was last brought up to date. */
  at: number;
  /** Set once the bucket ran dry; cleared when it is full again. */
  blocked: boolean;
}

/**
 * One bucket per address: each failed authentication takes a token, one token comes back every `refillMs`. When the
 * bucket runs dry the address is blocked — every request answered 429 without looking at its token — until the bucket
 * is full again (burst × refillMs, 60 s by default). Successful authentications take nothing.
 */
export class AuthLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;
  private readonly refillMs: number;
  private readonly maxAddresses: number;
  private readonly now: () => number;

  constructor(opts: AuthLimitOptions = {}) {
    this.burst = opts.burst ?? DEFAULT_AUTH_LIMIT.burst;
    this.refillMs = opts.refillMs ?? DEFAULT_AUTH_LIMIT.refillMs;
    this.maxAddresses = opts.maxAddresses ?? DEFAULT_AUTH_LIMIT.maxAddresses;
    this.now = opts.now ?? (() => performance.now());
    if (!Number.isInteger(this.burst) || this.burst < 1) throw new RangeError('burst must be a positive integer');
    if (!(this.refillMs > 0)) throw new RangeError('refillMs must be positive');
    if (!Number.isInteger(this.maxAddresses) || this.maxAddresses < 1)
      throw new RangeError('maxAddresses must be a positive integer');
  }

  /** Milliseconds until the address may authenticate again; 0 when it is not blocked. */
  retryAfterMs(rawAddress: string | null | undefined): number {
    const address = clientAddress(rawAddress);
    const b = this.buckets.get(address);
    if (b === undefined) return 0;
    this.refill(address, b);
    return b.blocked ? Math.max(1, Math.ceil(b.deficitMs)) : 0;
  }

  /** Records a failed authentication from the address. */
  fail(rawAddress: string | null | undefined): void {
    const address = clientAddress(rawAddress);
    let b = this.buckets.get(address);
    if (b === undefined) {
      if (this.buckets.size >= this.maxAddresses) this.prune();
      b = { deficitMs: 0, at: this.now(), blocked: false };
    } else {
      this.refill(address, b);
      this.buckets.delete(address); // re-inserted below: the map stays ordered from least to most recently failed
    }
    b.deficitMs += this.refillMs;
    if (b.deficitMs > (this.burst - 1) * this.refillMs) b.blocked = true; // less than one failure left
    this.buckets.set(address, b);
  }

  /** Addresses currently remembered (for tests and monitoring). */
  size(): number {
    return this.buckets.size;
  }

  private refill(address: string, b: Bucket): void {
    const now = this.now();
    b.deficitMs = Math.max(0, b.deficitMs - Math.max(0, now - b.at));
    b.at = now;
    if (b.deficitMs === 0) {
      b.blocked = false;
      this.buckets.delete(address); // a full bucket is the same as none
    }
  }

  /** Forgets every forgiven address; if that is not enough, the least recently failed tenth. */
  private prune(): void {
    for (const [address, b] of [...this.buckets]) this.refill(address, b);
    if (this.buckets.size < this.maxAddresses) return;
    let drop = Math.max(1, Math.ceil(this.maxAddresses / 10));
    for (const address of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(address);
    }
  }
}
