// AUTH1–AUTH4: tokens shown once and stored as hashes, the automation account, revocation, token checks.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ADMIN_USER_ID, Accounts } from '../../../sync-server/accounts';
import { createMemoryStore } from '../../../sync-server/store/memory-store';

const clock = () => Date.parse('2026-10-09T10:00:00+08:00');
let n = 0;
const newId = (p: string) => `${p}-${++n}`;

describe('accounts', () => {
  it('AUTH1: the token is returned once; the store keeps only its SHA-256 hash', async () => {
    const store = createMemoryStore();
    const accounts = await Accounts.open(store, clock, newId);
    const { user, token } = await accounts.create('联络员', 'viewer', null);
    await store.flush();
    const stored = (await store.users()).find((u) => u.id === user.id);
    expect(stored?.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(await store.users())).not.toContain(token.split('.')[1]);
    expect(accounts.authenticate(token)).toMatchObject({ userId: user.id, role: 'viewer' });
  });

  it('AUTH2: LEDGER_ADMIN_TOKEN is an office account; changing the variable replaces the old token', async () => {
    const accounts = await Accounts.open(createMemoryStore(), clock, newId);
    await accounts.ensureAdmin('first-admin-token-0123456789');
    expect(accounts.authenticate('first-admin-token-0123456789')).toMatchObject({
      userId: ADMIN_USER_ID,
      role: 'office',
    });
    await accounts.ensureAdmin('second-admin-token-0123456789');
    expect(accounts.authenticate('first-admin-token-0123456789')).toBeNull();
    expect(accounts.authenticate('second-admin-token-0123456789')).not.toBeNull();
  });

  it('AUTH6: a revoked automation account stays revoked for the same token; a different token creates it again', async () => {
    const store = createMemoryStore();
    const first = await Accounts.open(store, clock, newId);
    expect(await first.ensureAdmin('leaked-admin-token-0123456789')).toBe('created');
    expect(await first.ensureAdmin('leaked-admin-token-0123456789')).toBe('unchanged');
    await first.revoke(ADMIN_USER_ID);
    await store.flush();

    const reopened = await Accounts.open(store, clock, newId);
    expect(await reopened.ensureAdmin('leaked-admin-token-0123456789')).toBe('revoked');
    expect(reopened.authenticate('leaked-admin-token-0123456789')).toBeNull();
    expect(reopened.get(ADMIN_USER_ID)?.revokedAt).not.toBeNull();

    expect(await reopened.ensureAdmin('fresh-admin-token-0123456789')).toBe('replaced');
    expect(reopened.authenticate('fresh-admin-token-0123456789')).toMatchObject({
      userId: ADMIN_USER_ID,
      role: 'office',
    });
    expect(reopened.authenticate('leaked-admin-token-0123456789')).toBeNull();
    await store.flush();
    const again = await Accounts.open(store, clock, newId);
    expect(again.get(ADMIN_USER_ID)?.revokedAt).toBeNull();
  });

  it('AUTH3: a revoked user is refused and listeners hear of it', async () => {
    const accounts = await Accounts.open(createMemoryStore(), clock, newId);
    const { user, token } = await accounts.create('联络员', 'office', null);
    const heard: string[] = [];
    accounts.onRevoked((id) => heard.push(id));
    await accounts.revoke(user.id);
    expect(accounts.authenticate(token)).toBeNull();
    expect(heard).toEqual([user.id]);
  });

  it('AUTH4: a right id with a wrong secret, a guessed token, or an oversized one is refused', async () => {
    const accounts = await Accounts.open(createMemoryStore(), clock, newId);
    const { token } = await accounts.create('联络员', 'office', null);
    const [id, secret] = token.split('.') as [string, string];
    // one character of the secret changed (never to itself: a secret ending in x would stay right)
    const other = secret.endsWith('x') ? 'y' : 'x';
    expect(accounts.authenticate(`${id}.${secret.slice(0, -1)}${other}`)).toBeNull();
    expect(accounts.authenticate(`${id}.`)).toBeNull();
    expect(accounts.authenticate('admin')).toBeNull();
    expect(accounts.authenticate('x'.repeat(5000))).toBeNull();
    expect(accounts.authenticate(null)).toBeNull();
  });
});
