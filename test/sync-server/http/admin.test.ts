// HTTP11–HTTP13: the office manages units and users; tokens are shown once and never listed, nor their hashes.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench } from './harness';
import { LEAD_NAME, bench } from './harness';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

describe('HTTP11: units', () => {
  it('the office creates a unit: 201 {id}; it is listed and can be assigned', async () => {
    const r = await b.as('office').post('/api/units', { name: '  市发改局 ', contact: '0710-1234567' });
    expect([r.status, r.body]).toEqual([201, { id: expect.any(String) }]);
    const list = await b.as('office').get('/api/units');
    expect(list.body).toContainEqual({ id: r.body.id, name: '市发改局', contact: '0710-1234567' });
    const id = await b.register();
    expect((await b.run('office', id, 'assign', { leadUnit: r.body.id, kind: 'general' })).leadUnit).toBe(r.body.id);
  });

  it('every signed-in user lists units; only the office sees contacts', async () => {
    for (const who of ['lead', 'viewer'] as const) {
      const r = await b.as(who).get('/api/units');
      expect(r.status).toBe(200);
      expect(r.body).toContainEqual({ id: b.units.lead, name: LEAD_NAME });
      expect(r.text).not.toContain('contact');
    }
    expect((await b.as('office').get('/api/units')).body).toContainEqual({
      id: b.units.lead,
      name: LEAD_NAME,
      contact: '0710-6331373',
    });
  });

  it('refuses a missing, too long or duplicate name (409 CONFLICT), a long contact, unknown keys', async () => {
    const cases: [unknown, number, string, string][] = [
      [{}, 400, 'REQUIRED', 'name'],
      [{ name: '   ' }, 400, 'REQUIRED', 'name'],
      [{ name: '局'.repeat(51) }, 400, 'TOO_LONG', 'name'],
      [{ name: 7 }, 400, 'INVALID_INPUT', 'name'],
      [{ name: '新单位', contact: '1'.repeat(101) }, 400, 'TOO_LONG', 'contact'],
      [{ name: '新单位', id: 'u1' }, 400, 'INVALID_INPUT', 'id'],
      [{ name: LEAD_NAME }, 409, 'CONFLICT', 'name'],
      [{ name: ` ${LEAD_NAME}` }, 409, 'CONFLICT', 'name'],
    ];
    for (const [body, status, code, field] of cases) {
      const r = await b.as('office').post('/api/units', body);
      expect([r.status, r.body.error.code, r.body.error.field]).toEqual([status, code, field]);
    }
    expect((await b.as('office').post('/api/units', { name: '局'.repeat(50) })).status).toBe(201);
    expect((await b.as('office').get('/api/units')).body).toHaveLength(4);
  });
});

describe('HTTP12: users', () => {
  it('creates a unit user: 201 {id, token}; the token works at once', async () => {
    const r = await b.as('office').post('/api/users', { name: '发改小王', role: 'unit', unitId: b.units.co });
    expect([r.status, Object.keys(r.body).sort()]).toEqual([201, ['id', 'token']]);
    const me = await b.request(r.body.token, 'GET', '/api/me');
    expect(me.body).toMatchObject({ id: r.body.id, role: 'unit', unitId: b.units.co });
  });

  it('unitId is required and must exist for a unit, and is refused for office and viewer', async () => {
    const cases: [unknown, string, string][] = [
      [{ name: 'a', role: 'unit' }, 'REQUIRED', 'unitId'],
      [{ name: 'a', role: 'unit', unitId: 'u999' }, 'UNKNOWN_UNIT', 'unitId'],
      [{ name: 'a', role: 'office', unitId: b.units.lead }, 'INVALID_INPUT', 'unitId'],
      [{ name: 'a', role: 'viewer', unitId: b.units.lead }, 'INVALID_INPUT', 'unitId'],
      [{ name: 'a', role: 'admin' }, 'INVALID_CHOICE', 'role'],
      [{ role: 'viewer' }, 'REQUIRED', 'name'],
      [{ name: '名'.repeat(51), role: 'viewer' }, 'TOO_LONG', 'name'],
      [{ name: 'a', role: 'viewer', token: 'mine' }, 'INVALID_INPUT', 'token'],
    ];
    for (const [body, code, field] of cases) {
      const r = await b.as('office').post('/api/users', body);
      expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, code, field]);
    }
    expect((await b.as('office').post('/api/users', { name: '领导二', role: 'viewer', unitId: null })).status).toBe(
      201,
    );
  });

  it('GET /api/users lists users without tokens or hashes', async () => {
    const r = await b.as('office').get('/api/users');
    expect(r.body).toHaveLength(5);
    for (const u of r.body)
      expect(Object.keys(u).sort()).toEqual(['createdAt', 'id', 'name', 'revokedAt', 'role', 'unitId']);
    expect(r.text).not.toMatch(/[0-9a-f]{64}/);
    for (const token of Object.values(b.tokens)) expect(r.text).not.toContain(token.split('.')[1]);
  });
});

describe('HTTP13: revoke', () => {
  it('POST /api/users/:id/revoke → {id, revokedAt}; idempotent; listed as revoked', async () => {
    const users = (await b.as('office').get('/api/users')).body as { id: string; name: string }[];
    const viewer = users.find((u) => u.name === '领导');
    const r = await b.as('office').post(`/api/users/${viewer?.id}/revoke`);
    expect([r.status, r.body]).toEqual([
      200,
      { id: viewer?.id, revokedAt: expect.stringMatching(/^2026-09-30T10:00:00\+08:00$/) },
    ]);
    const again = await b.as('office').post(`/api/users/${viewer?.id}/revoke`);
    expect(again.body).toEqual(r.body);
    expect((await b.as('viewer').get('/api/me')).status).toBe(401);
  });

  it('unknown user 404 NOT_FOUND; own account 409 CONFLICT; parameters refused', async () => {
    const unknown = await b.as('office').post('/api/users/p999/revoke');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
    const me = (await b.as('office').get('/api/me')).body.id as string;
    const self = await b.as('office').post(`/api/users/${me}/revoke`);
    expect([self.status, self.body.error.code]).toEqual([409, 'CONFLICT']);
    expect((await b.as('office').get('/api/me')).status).toBe(200);
    const extra = await b.as('office').post(`/api/users/${me}/revoke`, { reason: 'x' });
    expect([extra.status, extra.body.error.code]).toEqual([400, 'INVALID_INPUT']);
  });
});
