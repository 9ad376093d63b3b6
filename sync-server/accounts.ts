// Users and their tokens: tokens are shown once, stored as SHA-256 hashes, and compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../shared/case';
import { normalizeName } from '../shared/text';
import { formatShanghai } from '../shared/time';
import type { Role } from '../shared/vocabulary';
import type { Store, UserRow } from './store/store';

export const ADMIN_USER_ID = 'admin';

/**
 * What ensureAdmin did: created the account, found it as the variable says, replaced its token by the variable's new
 * one, or left it revoked (the variable still holds the revoked token).
 */
export type AdminOutcome = 'created' | 'unchanged' | 'replaced' | 'revoked';

function hash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function actorOf(u: UserRow): Actor {
  return { userId: u.id, name: u.name, role: u.role, unitId: u.unitId };
}

export class Accounts {
  private readonly users = new Map<string, UserRow>();
  private readonly revokedListeners = new Set<(userId: string) => void>();

  private constructor(
    private readonly store: Store,
    private readonly clock: () => number,
    private readonly newId: (prefix: string) => string,
  ) {}

  static async open(store: Store, clock: () => number, newId: (prefix: string) => string): Promise<Accounts> {
    const a = new Accounts(store, clock, newId);
    for (const u of await store.users()) a.users.set(u.id, u);
    return a;
  }

  list(): UserRow[] {
    return [...this.users.values()];
  }

  get(id: string): UserRow | null {
    return this.users.get(id) ?? null;
  }

  /** AUTH1: a new user; the token (`<id>.<secret>`) is returned once and only its hash is kept. AUTH5: the name normalised. */
  async create(name: string, role: Role, unitId: string | null): Promise<{ user: UserRow; token: string }> {
    const id = this.newId('p');
    const token = `${id}.${randomBytes(24).toString('base64url')}`;
    const user: UserRow = {
      id,
      name: normalizeName(name),
      role,
      unitId: role === 'unit' ? unitId : null,
      tokenHash: hash(token),
      createdAt: formatShanghai(this.clock()),
      revokedAt: null,
    };
    await this.store.putUser(user);
    this.users.set(id, user);
    return { user, token };
  }

  /**
   * AUTH2: the automation account of LEDGER_ADMIN_TOKEN (an office user); its hash follows the variable.
   * AUTH6: a revoked account stays revoked while the variable holds the same token; a different token creates it
   * again, active.
   */
  async ensureAdmin(token: string): Promise<AdminOutcome> {
    const existing = this.users.get(ADMIN_USER_ID);
    const tokenHash = hash(token);
    if (existing !== undefined && sameHash(existing.tokenHash, tokenHash))
      return existing.revokedAt === null ? 'unchanged' : 'revoked';
    const user: UserRow = {
      id: ADMIN_USER_ID,
      name: '系统管理员',
      role: 'office',
      unitId: null,
      tokenHash,
      createdAt: formatShanghai(this.clock()),
      revokedAt: null,
    };
    await this.store.putUser(user);
    this.users.set(ADMIN_USER_ID, user);
    return existing === undefined ? 'created' : 'replaced';
  }

  /** AUTH3: revoked users are refused from then on, including their open connections' next request. */
  async revoke(id: string): Promise<UserRow | null> {
    const u = this.users.get(id);
    if (u === undefined) return null;
    if (u.revokedAt !== null) return u;
    const revoked = { ...u, revokedAt: formatShanghai(this.clock()) };
    await this.store.putUser(revoked);
    this.users.set(id, revoked);
    for (const l of this.revokedListeners) l(id);
    return revoked;
  }

  /** Called after a user is revoked (the server closes the user's open sync connections). */
  onRevoked(listener: (userId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** AUTH4: the actor a token belongs to, or null. Unknown ids are compared against the admin hash too. */
  authenticate(token: string | null | undefined): Actor | null {
    if (typeof token !== 'string' || token.length < 8 || token.length > 200) return null;
    const dot = token.indexOf('.');
    const candidate = (dot > 0 ? this.users.get(token.slice(0, dot)) : undefined) ?? this.users.get(ADMIN_USER_ID);
    if (candidate === undefined) return null;
    if (!sameHash(hash(token), candidate.tokenHash) || candidate.revokedAt !== null) return null;
    return actorOf(candidate);
  }
}
