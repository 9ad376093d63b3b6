// HTTP5/HTTP6/HTTP1/HTTP18: tokens, revocation, role checks, security headers, /health and /api/me.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench } from './harness';
import { CO_NAME, bench } from './harness';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

const API_GETS = [
  '/api/me',
  '/api/units',
  '/api/users',
  '/api/cases',
  '/api/cases/c1',
  '/api/audit',
  '/api/stats',
  '/api/nowhere',
];

describe('HTTP5: authentication', () => {
  it('401 UNAUTHORIZED without a token, on every /api route, with WWW-Authenticate: Bearer', async () => {
    for (const path of API_GETS) {
      const r = await b.request(null, 'GET', path);
      expect([path, r.status, r.body.error.code]).toEqual([path, 401, 'UNAUTHORIZED']);
      expect(r.headers.get('WWW-Authenticate')).toBe('Bearer');
    }
    const post = await b.request(null, 'POST', '/api/cases', { company: 'x' });
    expect(post.status).toBe(401);
  });

  it('401 with a bad token, a wrong scheme, or a token in the URL', async () => {
    const good = b.tokens.office;
    const variants: Record<string, string>[] = [
      { Authorization: 'Bearer nonsense-token' },
      { Authorization: `Bearer ${good}x` },
      { Authorization: `Basic ${good}` },
      { Authorization: good },
      { Authorization: 'Bearer ' },
    ];
    for (const headers of variants) {
      const r = await b.request(null, 'GET', '/api/me', undefined, { headers });
      expect(r.status).toBe(401);
    }
    expect((await b.request(null, 'GET', `/api/me?token=${encodeURIComponent(good)}`)).status).toBe(401);
    expect(
      (await b.request(null, 'GET', '/api/me', undefined, { headers: { Authorization: `bearer  ${good}` } })).status,
    ).toBe(200);
  });

  it('a revoked token is refused from the next request on', async () => {
    const created = await b.as('office').post('/api/users', { name: '临时用户', role: 'viewer' });
    const token = created.body.token as string;
    expect((await b.request(token, 'GET', '/api/me')).status).toBe(200);
    expect((await b.as('office').post(`/api/users/${created.body.id}/revoke`)).status).toBe(200);
    const r = await b.request(token, 'GET', '/api/me');
    expect([r.status, r.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
  });
});

describe('HTTP6: role checks', () => {
  it('units and viewers may not manage units or users (403 FORBIDDEN_ROLE)', async () => {
    for (const who of ['lead', 'viewer'] as const) {
      for (const r of [
        await b.as(who).post('/api/units', { name: '新单位' }),
        await b.as(who).post('/api/users', { name: 'x', role: 'viewer' }),
        await b.as(who).get('/api/users'),
        await b.as(who).post('/api/users/p1/revoke'),
      ]) {
        expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN_ROLE']);
      }
    }
    expect((await b.as('office').get('/api/units')).body).toHaveLength(3);
  });
});

describe('HTTP18: /health and /api/me', () => {
  it('GET /health answers without a token', async () => {
    const r = await b.request(null, 'GET', '/health');
    expect([r.status, r.body]).toEqual([200, { ok: true }]);
  });

  it('GET /api/me tells role, unit and room', async () => {
    const unit = await b.as('co').get('/api/me');
    expect(unit.body).toEqual({
      id: expect.any(String),
      name: '住建王五',
      role: 'unit',
      unitId: b.units.co,
      unitName: CO_NAME,
      room: `unit:${b.units.co}`,
    });
    const office = await b.as('office').get('/api/me');
    expect(office.body).toMatchObject({ role: 'office', unitId: null, unitName: null, room: 'ledger' });
    expect((await b.as('viewer').get('/api/me')).body).toMatchObject({ role: 'viewer', room: 'ledger' });
  });
});

describe('HTTP1: security headers, no CORS', () => {
  it('nosniff everywhere, no-store on the API, no Access-Control-* for a foreign origin', async () => {
    const origin = { Origin: 'https://evil.example' };
    const replies = [
      await b.request(null, 'GET', '/health', undefined, { headers: origin }),
      await b.as('office').get('/api/cases', { headers: origin }),
      await b.request(null, 'GET', '/api/cases', undefined, { headers: origin }),
      await b.as('office').get('/api/cases/nope', { headers: origin }),
      await b.request(null, 'OPTIONS', '/api/cases', undefined, {
        headers: {
          ...origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization',
        },
      }),
    ];
    for (const r of replies) {
      expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(r.headers.get('Cache-Control')).toBe('no-store');
      expect(r.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
      expect([...r.headers.keys()].filter((k) => k.startsWith('access-control-'))).toEqual([]);
    }
    expect(replies[4]?.status).toBe(401);
  });
});
