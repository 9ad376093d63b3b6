// Authentication (Bearer token → Actor on the context) and role checks for the /api routes.
import type { Context, MiddlewareHandler } from 'hono';
import type { Actor } from '../../shared/case';
import { ROLE_LABEL } from '../../shared/vocabulary';
import type { Role } from '../../shared/vocabulary';
import type { Accounts } from '../accounts';
import type { AppEnv } from './env';
import { refuse } from './errors';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** The token of `Authorization: Bearer <token>`, or null. Tokens in the URL are not accepted (they end up in logs). */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const m = BEARER.exec(header);
  return m?.[1] ?? null;
}

/** HTTP5: missing, malformed, unknown or revoked token → 401 UNAUTHORIZED; otherwise the actor is set. */
export function authenticate(accounts: Accounts): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = accounts.authenticate(bearerToken(c.req.header('Authorization')));
    if (actor === null) refuse('UNAUTHORIZED');
    c.set('actor', actor);
    await next();
  };
}

/** The signed-in actor (set by authenticate). */
export function actorOf(c: Context<AppEnv>): Actor {
  return c.get('actor');
}

/** HTTP6: a route only some roles may use → 403 FORBIDDEN_ROLE for the others. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  const names = roles.map((r) => ROLE_LABEL[r]).join('、');
  return async (c, next) => {
    if (!roles.includes(actorOf(c).role)) refuse('FORBIDDEN_ROLE', `仅${names}可以执行此操作`);
    await next();
  };
}
