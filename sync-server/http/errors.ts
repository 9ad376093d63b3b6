// The one mapping from error code to HTTP status, and the one error body {"error":{"code","message","field"?}}.
import type { Context, ErrorHandler, MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../../shared/contract/http';
import type { ErrorCode, Refusal, Result } from '../../shared/errors';
import { ERROR_CODES, LedgerError, refusal } from '../../shared/errors';
import { StoreHaltedError } from '../store/store';
import { sendJson } from './respond';

/** HTTP2: every code has exactly one status; a new code without a status here fails the typecheck. */
export const HTTP_STATUS: { readonly [C in ErrorCode]: ContentfulStatusCode } = {
  INVALID_JSON: 400,
  INVALID_INPUT: 400,
  INVALID_PERIOD: 400,
  REQUIRED: 400,
  TOO_LONG: 400,
  INVALID_PHONE: 400,
  INVALID_DATE: 400,
  INVALID_TIME: 400,
  DATE_IN_FUTURE: 400,
  DATE_BEFORE_RECEIVED: 400,
  INVALID_CHOICE: 400,
  INVALID_NUMBER: 400,
  UNKNOWN_FIELD: 400,
  UNKNOWN_UNIT: 400,
  INVALID_UNITS: 400,
  EXTENSION_TOO_LONG: 400,
  INVALID_HOLIDAY_FILE: 400,
  PAYLOAD_TOO_LARGE: 413,
  INVALID_STRUCTURE: 400,
  IMPORT_NO_HEADER: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN_ROLE: 403,
  READ_ONLY: 403,
  NOT_LEAD_UNIT: 403,
  NOT_CO_UNIT: 403,
  FIELD_SERVER_OWNED: 403,
  FIELD_OWNED_BY_OFFICE: 403,
  FIELD_OWNED_BY_LEAD: 403,
  FIELD_LOCKED_IN_STATUS: 403,
  CASE_CREATE_FORBIDDEN: 403,
  CASE_DELETE_FORBIDDEN: 403,
  WRONG_ROOM: 403,
  CASE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  SUPERVISION_NOT_FOUND: 404,
  INVALID_STATE: 409,
  DEADLINE_PASSED: 409,
  EXTENSION_PENDING: 409,
  NO_PENDING_EXTENSION: 409,
  NO_OPEN_SUPERVISION: 409,
  ROUND_LIMIT: 409,
  SUPERVISION_OPEN: 409,
  NOT_SECOND_ROUND: 409,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  STORAGE_UNAVAILABLE: 503,
};

/** HTTP3: the error body; an INTERNAL refusal never carries more than the generic message. */
export function errorBody(r: Refusal): ErrorBody {
  const message = r.code === 'INTERNAL' ? ERROR_CODES.INTERNAL : r.message;
  return { error: r.field === undefined ? { code: r.code, message } : { code: r.code, message, field: r.field } };
}

export function errorResponse(c: Context, r: Refusal): Response {
  const res = sendJson(c, errorBody(r), HTTP_STATUS[r.code]);
  if (r.code === 'UNAUTHORIZED') res.headers.set('WWW-Authenticate', 'Bearer');
  return res;
}

/** Throws the refusal as a LedgerError; onError turns it into the response. */
export function refuse(code: ErrorCode, message?: string, field?: string): never {
  throw new LedgerError(code, message, field);
}

/** The value of a successful result, or the refusal thrown. */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw LedgerError.from(r.error);
}

function fromHttpException(e: HTTPException): Refusal {
  if (e.status === 413) return refusal('PAYLOAD_TOO_LARGE');
  if (e.status === 401) return refusal('UNAUTHORIZED');
  if (e.status === 403) return refusal('FORBIDDEN_ROLE');
  if (e.status === 404) return refusal('NOT_FOUND');
  if (e.status >= 400 && e.status < 500) return refusal('INVALID_INPUT');
  return refusal('INTERNAL');
}

/** HTTP4: refusals keep their code; anything unexpected is logged here and answered 500 INTERNAL, no details. */
export const onError: ErrorHandler = (err, c) => {
  // STORE6: a write refused because the store is halted (disk full …) is "try again later", not a server bug
  if (err instanceof StoreHaltedError) return errorResponse(c, refusal('STORAGE_UNAVAILABLE'));
  if (err instanceof LedgerError) {
    if (err.code === 'INTERNAL') console.error('[接口] 内部错误', c.req.method, c.req.path, err);
    return errorResponse(c, err.toRefusal());
  }
  if (err instanceof HTTPException && err.status < 500) return errorResponse(c, fromHttpException(err));
  console.error('[接口] 未处理的异常', c.req.method, c.req.path, err);
  return errorResponse(c, refusal('INTERNAL'));
};

/** HTTP4: Hono hands only Error instances to onError; anything else thrown (a string …) is caught here, first in line. */
export const catchAll: MiddlewareHandler = async (c, next) => {
  try {
    await next();
  } catch (e) {
    console.error('[接口] 未处理的异常', c.req.method, c.req.path, e);
    c.res = errorResponse(c, refusal('INTERNAL'));
  }
};

export function notFound(c: Context): Response {
  return errorResponse(c, refusal('NOT_FOUND'));
}
