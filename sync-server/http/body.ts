// Request bodies: a size limit (413), JSON only (400 INVALID_JSON), and the body must be an object (400 INVALID_INPUT).
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { refusal } from '../../shared/errors';
import { errorResponse, refuse } from './errors';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** HTTP8: bodies over `maxBytes` are refused with 413 PAYLOAD_TOO_LARGE before they are parsed. */
export function limitBody(maxBytes: number = DEFAULT_MAX_BODY_BYTES): MiddlewareHandler {
  return bodyLimit({ maxSize: maxBytes, onError: (c) => errorResponse(c, refusal('PAYLOAD_TOO_LARGE')) });
}

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]+\+)?json\s*(?:;|$)/i;

/**
 * HTTP9: the body of a POST as a JSON object. An empty body is `{}` (commands without parameters); a non-empty one
 * needs Content-Type application/json (INVALID_INPUT), must parse (INVALID_JSON) and be an object (INVALID_INPUT).
 */
export async function readJsonObject(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (!JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
    refuse('INVALID_INPUT', '请求内容类型应为 application/json');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    refuse('INVALID_JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    refuse('INVALID_INPUT', '请求内容应为 JSON 对象');
  return value as Record<string, unknown>;
}
