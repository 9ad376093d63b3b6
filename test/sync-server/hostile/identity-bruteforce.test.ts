// Attack: guessing tokens from one address, over the API and the sync handshake, against two real server instances.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../../sync-server/server';
import { startServer } from '../../../sync-server/server';
import { ADMIN_TOKEN, tempDir, testConfig } from '../integration/harness';
import { api, handshake } from './identity-helpers';

const dirs = [tempDir(), tempDir()];
let now = 0;
let target: RunningServer;
let bystander: RunningServer;

beforeAll(async () => {
  target = await startServer(testConfig(dirs[0]!), { authLimit: { now: () => now } });
  bystander = await startServer(testConfig(dirs[1]!), { authLimit: { now: () => now } });
});
afterAll(async () => {
  await Promise.all([target.close(), bystander.close()]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const guess = (i: number) => `p-${i.toString(16).padStart(16, '0')}.guessedsecretguessedsecret`;

describe('identity: token guessing from one address', () => {
  it('AUTH7: 50 bad tokens → 429 on HTTP and on /sync for that server; another server instance is unaffected', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const h = await handshake(target.url, 'ledger', guess(i));
      seen.push(h.kind === 'closed' ? String(h.code) : h.kind === 'refused' ? String(h.status) : h.kind);
    }
    for (let i = 10; i < 50; i++) seen.push(String((await api(target.url, guess(i), 'GET', '/api/me')).status));
    // the sync handshakes and the API count against one bucket: 20 failures, then nothing is checked any more
    expect(seen).toEqual([
      ...Array<string>(10).fill('4401'),
      ...Array<string>(10).fill('401'),
      ...Array<string>(30).fill('429'),
    ]);

    const blocked = await api(target.url, ADMIN_TOKEN, 'GET', '/api/me');
    expect([blocked.status, blocked.body.error.code, blocked.headers.get('Retry-After')]).toEqual([
      429,
      'TOO_MANY_REQUESTS',
      '60',
    ]);
    expect(blocked.body.error.message).toMatch(/验证失败次数过多/);
    expect(await handshake(target.url, 'ledger', ADMIN_TOKEN)).toEqual({
      kind: 'refused',
      status: 429,
      retryAfter: '60',
    });
    expect((await fetch(`${target.url}/health`)).status).toBe(200);

    expect((await api(bystander.url, ADMIN_TOKEN, 'GET', '/api/me')).status).toBe(200);
    expect(await handshake(bystander.url, 'ledger', ADMIN_TOKEN)).toEqual({ kind: 'served' });
    expect((await api(bystander.url, guess(99), 'GET', '/api/me')).status).toBe(401);

    now += 60_000; // the bucket has refilled
    expect((await api(target.url, ADMIN_TOKEN, 'GET', '/api/me')).status).toBe(200);
    expect(await handshake(target.url, 'ledger', ADMIN_TOKEN)).toEqual({ kind: 'served' });
  });
});
