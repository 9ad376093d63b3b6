// The HTTP API: security headers, authentication, body limits, one sub-app per resource, one error shape.
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import type { FormNames } from '../../shared/forms/names';
import { DEFAULT_FORM_NAMES } from '../../shared/forms/names';
import { AuthLimiter } from '../auth-limiter';
import { addinStaticApp } from './addin-static';
import { auditApp } from './audit';
import { authenticate } from './auth';
import { DEFAULT_MAX_BODY_BYTES, limitBody } from './body';
import { calendarApp } from './calendar';
import { casesApp } from './cases';
import type { AppDeps, AppEnv } from './env';
import { catchAll, notFound, onError } from './errors';
import { exportApp } from './export';
import { formsApp } from './forms';
import { importApp } from './import';
import { healthApp } from './health';
import { meApp } from './me';
import { statsApp } from './stats';
import { spotCheckApp } from './spot-check';
import { unitsApp } from './units';
import { usersApp } from './users';

export interface AppOptions extends AppDeps {
  /** Largest request body accepted, in bytes (default 64 KiB). */
  maxBodyBytes?: number;
  /** The built add-in folder (config.addinDir), served under /addin/ and /manifest.xml; not served when absent. */
  addinDir?: string;
  /** AUTH7: failed authentications per address, shared with the sync endpoint. Default: one of its own. */
  authLimiter?: AuthLimiter;
  /** CONF10: the names on the forms and the 台账 (default 枣阳市, 枣阳市发展和改革局, 市营商办). */
  formNames?: FormNames;
}

/**
 * HTTP1: every response says nosniff and sends no referrer; API responses are never cached and never framed.
 * No CORS headers at all: the add-in is served from this origin.
 */
const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  if (c.req.path === '/health' || c.req.path.startsWith('/api/') || c.req.path === '/api') {
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
  }
};

export function createApp({
  maxBodyBytes = DEFAULT_MAX_BODY_BYTES,
  addinDir,
  authLimiter,
  formNames = DEFAULT_FORM_NAMES,
  ...deps
}: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(notFound);
  app.use('*', securityHeaders);
  app.use('*', catchAll);
  app.route('/', healthApp(deps.ledger));
  if (addinDir !== undefined) app.route('/', addinStaticApp(addinDir));
  app.use('/api/*', authenticate(deps.accounts, authLimiter ?? new AuthLimiter()));
  const smallBody = limitBody(maxBodyBytes);
  // IMP5: the 台账 upload has its own, larger limits (sync-server/http/import.ts)
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/import/') ? next() : smallBody(c, next)));
  app.route('/api/me', meApp(deps));
  app.route('/api/units', unitsApp(deps));
  app.route('/api/users', usersApp(deps));
  app.route('/api/cases', formsApp({ ledger: deps.ledger, formNames }));
  app.route('/api/cases', casesApp(deps));
  app.route('/api/audit', auditApp(deps));
  app.route('/api/stats', statsApp(deps));
  app.route('/api/spot-check', spotCheckApp(deps));
  app.route('/api/import', importApp(deps));
  app.route('/api/calendar', calendarApp(deps));
  app.route('/api/export', exportApp({ ledger: deps.ledger, formNames }));
  return app;
}
