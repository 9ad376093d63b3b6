// Attack: the automation account is revoked (leaked token), and the server restarts with the same LEDGER_ADMIN_TOKEN.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../integration/child-server';
import { startChildServer } from '../integration/child-server';
import { api, handshake } from './identity-helpers';

const dir = mkdtempSync(join(tmpdir(), 'ledger-admin-'));
const LEAKED = 'leaked-automation-token-0123456789';
const FRESH = 'fresh-automation-token-9876543210';
const WARNING = '警告：LEDGER_ADMIN_TOKEN 对应的自动化账号已被停用';
let server: ChildServer | null = null;

afterAll(async () => {
  await server?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

async function restart(token: string): Promise<ChildServer> {
  if (server !== null) expect(await server.kill('SIGTERM')).toBe(0);
  server = await startChildServer({ DATA_DIR: dir, LEDGER_ADMIN_TOKEN: token, ADDIN_DIR: join(dir, 'no-addin') });
  return server;
}

describe('identity: the LEDGER_ADMIN_TOKEN account', () => {
  it('AUTH6: a revoked automation account stays revoked across a restart with the same token; a new token restores it', async () => {
    let s = await restart(LEAKED);
    const clerk = await api(s.url, LEAKED, 'POST', '/api/users', { name: '营商办值班员', role: 'office' });
    expect(clerk.status).toBe(201);
    expect((await api(s.url, clerk.body.token, 'POST', '/api/users/admin/revoke')).status).toBe(200);
    expect((await api(s.url, LEAKED, 'GET', '/api/me')).status).toBe(401);

    s = await restart(LEAKED);
    expect(s.output()).toContain(WARNING);
    expect(s.output()).toContain('请把 LEDGER_ADMIN_TOKEN 换成新的令牌后重新启动');
    const me = await api(s.url, LEAKED, 'GET', '/api/me');
    expect([me.status, me.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    expect(await handshake(s.url, 'ledger', LEAKED)).toEqual({ kind: 'closed', code: 4401 });
    const listed = await api(s.url, clerk.body.token, 'GET', '/api/users');
    expect(listed.body.find((u: { id: string }) => u.id === 'admin').revokedAt).not.toBeNull();

    s = await restart(FRESH);
    expect(s.output()).not.toContain(WARNING);
    expect((await api(s.url, FRESH, 'GET', '/api/me')).body).toMatchObject({ id: 'admin', role: 'office' });
    expect((await api(s.url, LEAKED, 'GET', '/api/me')).status).toBe(401);
    expect(await handshake(s.url, 'ledger', FRESH)).toEqual({ kind: 'served' });
  });
});
