// AUTH7 on the API: too many failed authentications from one address → 429 TOO_MANY_REQUESTS with Retry-After.
import { describe, expect, it } from 'vitest';
import { AuthLimiter } from '../../../sync-server/auth-limiter';
import { bench } from './harness';

async function limitedBench() {
  let now = 0;
  const b = await bench(undefined, { authLimiter: new AuthLimiter({ now: () => now }) });
  return { b, advance: (ms: number) => (now += ms) };
}

describe('AUTH7: failed authentications on /api', () => {
  it('after 20 failures every /api request is 429 with a Chinese message and Retry-After, the token unchecked', async () => {
    const { b } = await limitedBench();
    for (let i = 0; i < 20; i++)
      expect((await b.request(`guess-${i}.xxxxxxxxxxxxxxxx`, 'GET', '/api/me')).status).toBe(401);
    for (const r of [
      await b.request('guess-21.xxxxxxxxxxxxxxxx', 'GET', '/api/me'),
      await b.request(null, 'GET', '/api/cases'),
      await b.as('office').get('/api/me'),
      await b.as('office').post('/api/units', { name: '不应创建的单位' }),
    ]) {
      expect([r.status, r.body.error.code]).toEqual([429, 'TOO_MANY_REQUESTS']);
      expect(r.body.error.message).toBe('验证失败次数过多，请 60 秒后再试');
      expect(r.headers.get('Retry-After')).toBe('60');
      expect(r.headers.get('WWW-Authenticate')).toBeNull();
      expect(r.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
      expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(r.headers.get('Cache-Control')).toBe('no-store');
    }
    expect(b.ledger.unitList().map((u) => u.name)).not.toContain('不应创建的单位');
    expect((await b.request(null, 'GET', '/health')).status).toBe(200);
  });

  it('the block ends once the bucket has refilled; Retry-After counts down', async () => {
    const { b, advance } = await limitedBench();
    for (let i = 0; i < 20; i++) await b.request('wrong-token-0123456789', 'GET', '/api/me');
    advance(30_000);
    const waiting = await b.as('office').get('/api/me');
    expect([waiting.status, waiting.headers.get('Retry-After')]).toEqual([429, '30']);
    advance(30_000);
    expect((await b.as('office').get('/api/me')).status).toBe(200);
    expect((await b.request('wrong-token-0123456789', 'GET', '/api/me')).status).toBe(401);
  });

  it('successful requests take nothing from the bucket', async () => {
    const { b } = await limitedBench();
    for (let i = 0; i < 19; i++) await b.request('wrong-token-0123456789', 'GET', '/api/me');
    for (let i = 0; i < 100; i++) expect((await b.as('lead').get('/api/me')).status).toBe(200);
    expect((await b.request('wrong-token-0123456789', 'GET', '/api/me')).status).toBe(401);
    expect((await b.as('lead').get('/api/me')).status).toBe(429);
  });
});
