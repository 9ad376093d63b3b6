// Authentication (Bearer token → Actor on the context) and role checks for the /api routes.
import type { Context, MiddlewareHandler } from 'hono';
import type { Actor } from '../../shared/case';
import { refusal } from '../../shared/errors';
import { ROLE_LABEL } from '../../shared/vocabulary';
import type { Role } from '../../shared/vocabulary';
import type { Accounts } from '../accounts';
import type { AuthLimiter } from '../auth-limiter';
import type { AppEnv } from './env';
import { errorResponse, refuse } from './errors';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** The token of `Authorization: Bearer <token>`, or null. Tokens in the URL are not accepted (they end up in logs). */
export function bearerToken(header: string | undefined): string | null {
  if (header === undefined) return null;
  const m = BEARER.exec(header);
  return m?.[1] ?? null;
}

/** The socket address of the client (undefined for in-process requests, which the limiter counts together). */
export function remoteAddress(c: Context<AppEnv>): string | undefined {
  return c.env?.incoming?.socket?.remoteAddress;
}

/** AUTH7: the 429 answered to a blocked address, with Retry-After in whole seconds. */
function tooManyFailures(c: Context<AppEnv>, waitMs: number): Response {
  const seconds = Math.ceil(waitMs / 1000);
  const res = errorResponse(c, refusal('TOO_MANY_REQUESTS', `验证失败次数过多，请 ${seconds} 秒后再试`));
  res.headers.set('Retry-After', String(seconds));
  return res;
}

/**
 * HTTP5: missing, malformed, unknown or revoked token → 401 UNAUTHORIZED, counted against the client's address;
 * AUTH7: an address with too many failures gets 429 before its token is looked at. Otherwise the actor is set.
 */
export function authenticate(accounts: Accounts, limiter: AuthLimiter): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const address = remoteAddress(c);
    const waitMs = limiter.retryAfterMs(address);
    if (waitMs > 0) return tooManyFailures(c, waitMs);
    const actor = accounts.authenticate(bearerToken(c.req.header('Authorization')));
    if (actor === null) {
      limiter.fail(address);
      return refuse('UNAUTHORIZED');
    }
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
