// JSON responses of the HTTP API: HTML-significant characters escaped, UTF-8, one helper for every body.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** HTTP7: <, >, & and the JS line separators are sent as \u escapes, so no JSON body can ever read as markup. */
const UNSAFE = /[<>&\u2028\u2029]/g;

export function toSafeJson(body: unknown): string {
  return JSON.stringify(body).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function sendJson(c: Context, body: unknown, status: ContentfulStatusCode = 200): Response {
  return c.body(toSafeJson(body), status, { 'Content-Type': 'application/json; charset=utf-8' });
}
