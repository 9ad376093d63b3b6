// Attacks on names: a zero-width twin of a unit (to misroute cases) and a lone surrogate (to corrupt what is stored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, Harness } from '../integration/harness';
import { api } from './identity-helpers';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h.stop();
});

const unitNames = async (): Promise<string[]> =>
  ((await api(h.url, ADMIN_TOKEN, 'GET', '/api/units')).body as { name: string }[]).map((u) => u.name);

describe('identity: look-alike and unstorable names', () => {
  it('AUTH5: a zero-width twin of an existing unit is refused with 409 and no second unit appears', async () => {
    expect((await api(h.url, ADMIN_TOKEN, 'POST', '/api/units', { name: '市市场监督管理局' })).status).toBe(201);
    for (const twin of [
      '市市场\u200b监督管理局',
      '\u2060市市场监督管理局\ufeff',
      '市市场监督管理局\u200d',
      '市市场监督\u202e管理局',
    ]) {
      const r = await api(h.url, ADMIN_TOKEN, 'POST', '/api/units', { name: twin });
      expect([JSON.stringify(twin), r.status, r.body.error.code]).toEqual([JSON.stringify(twin), 409, 'CONFLICT']);
      expect(r.body.error.message).toBe('单位名称已存在：市市场监督管理局');
    }
    const created = await api(h.url, ADMIN_TOKEN, 'POST', '/api/units', { name: '市\u200b发改局' });
    expect(created.status).toBe(201);
    expect(await unitNames()).toEqual(['市市场监督管理局', '市发改局']);
  });

  it('AUTH5: a name with an unpaired surrogate is refused with 400 for units and users, and nothing is stored', async () => {
    const users = (await api(h.url, ADMIN_TOKEN, 'GET', '/api/users')).body.length;
    const units = await unitNames();
    for (const name of ['市\ud83d局', '\udc00', '联络员\udbff']) {
      const unit = await api(h.url, ADMIN_TOKEN, 'POST', '/api/units', { name });
      expect([unit.status, unit.body.error.code, unit.body.error.field]).toEqual([400, 'INVALID_INPUT', 'name']);
      expect(unit.body.error.message).toMatch(/不成对的代理项/);
      const user = await api(h.url, ADMIN_TOKEN, 'POST', '/api/users', { name, role: 'viewer' });
      expect([user.status, user.body.error.code, user.body.error.field]).toEqual([400, 'INVALID_INPUT', 'name']);
    }
    expect(await unitNames()).toEqual(units);
    expect((await api(h.url, ADMIN_TOKEN, 'GET', '/api/users')).body).toHaveLength(users);
  });
});
