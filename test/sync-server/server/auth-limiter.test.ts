// AUTH7: the per-address bucket of failed authentications — burst, block until refilled, successes free, bounded memory.
import { describe, expect, it } from 'vitest';
import { AuthLimiter, UNKNOWN_ADDRESS, clientAddress } from '../../../sync-server/auth-limiter';

function limiter(opts: { burst?: number; refillMs?: number; maxAddresses?: number } = {}) {
  let now = 1_000_000;
  const l = new AuthLimiter({ ...opts, now: () => now });
  return { l, advance: (ms: number) => (now += ms) };
}

describe('AUTH7: failed authentications per address', () => {
  it('allows 20 failures, then blocks the address until the bucket is full again (60 s)', () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 19; i++) l.fail('10.0.0.7');
    expect(l.retryAfterMs('10.0.0.7')).toBe(0);
    l.fail('10.0.0.7');
    expect(l.retryAfterMs('10.0.0.7')).toBe(60_000);
    advance(3_000); // one failure forgiven: still blocked, the block lasts until the bucket is full
    expect(l.retryAfterMs('10.0.0.7')).toBe(57_000);
    advance(56_999);
    expect(l.retryAfterMs('10.0.0.7')).toBe(1);
    advance(1);
    expect(l.retryAfterMs('10.0.0.7')).toBe(0);
    expect(l.size()).toBe(0); // a full bucket is forgotten
  });

  it('refills one failure every 3 s: slow guessing is never blocked, other addresses are unaffected', () => {
    const { l, advance } = limiter();
    for (let i = 0; i < 200; i++) {
      l.fail('10.0.0.8');
      advance(3_000);
      expect(l.retryAfterMs('10.0.0.8')).toBe(0);
    }
    for (let i = 0; i < 20; i++) l.fail('10.0.0.9');
    expect(l.retryAfterMs('10.0.0.9')).toBeGreaterThan(0);
    expect(l.retryAfterMs('10.0.0.10')).toBe(0);
  });

  it('counts IPv4-mapped IPv6 and plain IPv4 as one address; a missing address as one "unknown" address', () => {
    expect(clientAddress('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(clientAddress('::FFFF:10.0.0.1')).toBe('10.0.0.1');
    expect(clientAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(clientAddress(undefined)).toBe(UNKNOWN_ADDRESS);
    const { l } = limiter({ burst: 4 });
    l.fail('::ffff:192.168.1.20');
    l.fail('192.168.1.20');
    l.fail('::ffff:192.168.1.20');
    expect(l.retryAfterMs('192.168.1.20')).toBe(0);
    l.fail('192.168.1.20');
    expect(l.retryAfterMs('::ffff:192.168.1.20')).toBeGreaterThan(0);
  });

  it('remembers at most maxAddresses: forgiven ones go first, then the least recently failed', () => {
    const { l, advance } = limiter({ burst: 2, refillMs: 1_000, maxAddresses: 100 });
    for (let i = 0; i < 100; i++) l.fail(`10.1.0.${i}`);
    advance(1_000); // all of these are forgiven now
    for (let i = 0; i < 100; i++) l.fail(`10.2.0.${i}`);
    expect(l.size()).toBe(100);
    for (let i = 0; i < 100; i++) l.fail(`10.2.0.${i}`); // every one of these is blocked
    expect(l.retryAfterMs('10.2.0.99')).toBeGreaterThan(0);
    for (let i = 0; i < 5_000; i++) l.fail(`10.3.${i >> 8}.${i & 255}`);
    expect(l.size()).toBeLessThanOrEqual(100);
    l.fail('10.3.19.135'); // the most recent address is still remembered: its second failure blocks it
    expect(l.retryAfterMs('10.3.19.135')).toBe(2_000);
    expect(l.retryAfterMs('10.2.0.0')).toBe(0); // evicted long ago
  });

  it('refuses nonsensical settings', () => {
    expect(() => new AuthLimiter({ burst: 0 })).toThrow(RangeError);
    expect(() => new AuthLimiter({ refillMs: 0 })).toThrow(RangeError);
    expect(() => new AuthLimiter({ maxAddresses: 1.5 })).toThrow(RangeError);
  });
});
