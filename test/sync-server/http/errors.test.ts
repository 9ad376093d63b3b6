// HTTP2–HTTP4: one status per error code, one error body, and unexpected exceptions answered 500 without details.
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ErrorCode } from '../../../shared/errors';
import { ERROR_CODES, LedgerError } from '../../../shared/errors';
import { HTTP_STATUS, errorBody, onError } from '../../../sync-server/http/errors';
import { bench } from './harness';

afterEach(() => {
  vi.restoreAllMocks();
});

const EXPECTED: Partial<Record<number, ErrorCode[]>> = {
  401: ['UNAUTHORIZED'],
  403: [
    'FORBIDDEN_ROLE',
    'READ_ONLY',
    'NOT_LEAD_UNIT',
    'NOT_CO_UNIT',
    'FIELD_SERVER_OWNED',
    'FIELD_OWNED_BY_OFFICE',
    'FIELD_OWNED_BY_LEAD',
    'FIELD_LOCKED_IN_STATUS',
    'CASE_CREATE_FORBIDDEN',
    'CASE_DELETE_FORBIDDEN',
    'WRONG_ROOM',
  ],
  404: ['CASE_NOT_FOUND', 'NOT_FOUND', 'SUPERVISION_NOT_FOUND'],
  409: [
    'INVALID_STATE',
    'DEADLINE_PASSED',
    'EXTENSION_PENDING',
    'NO_PENDING_EXTENSION',
    'NO_OPEN_SUPERVISION',
    'ROUND_LIMIT',
    'SUPERVISION_OPEN',
    'NOT_SECOND_ROUND',
    'CONFLICT',
  ],
  413: ['PAYLOAD_TOO_LARGE'],
  429: ['TOO_MANY_REQUESTS'],
  500: ['INTERNAL'],
  503: ['STORAGE_UNAVAILABLE'],
};

describe('HTTP2: the status table', () => {
  it('covers exactly the error codes', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('maps each code to its class; everything else is an input error (400)', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      const listed = Object.entries(EXPECTED).find(([, codes]) => codes?.includes(code));
      expect([code, HTTP_STATUS[code]]).toEqual([code, listed === undefined ? 400 : Number(listed[0])]);
    }
  });
});

describe('HTTP3: the error body', () => {
  it('is {error: {code, message, field?}} with the Chinese message', () => {
    expect(errorBody({ code: 'REQUIRED', message: '“诉求企业”为必填项', field: 'company' })).toEqual({
      error: { code: 'REQUIRED', message: '“诉求企业”为必填项', field: 'company' },
    });
    expect(errorBody({ code: 'NOT_FOUND', message: ERROR_CODES.NOT_FOUND })).toEqual({
      error: { code: 'NOT_FOUND', message: '资源不存在' },
    });
  });

  it('an INTERNAL refusal carries only the generic message', () => {
    expect(errorBody({ code: 'INTERNAL', message: '办理状态变更与流程规则不符' })).toEqual({
      error: { code: 'INTERNAL', message: ERROR_CODES.INTERNAL },
    });
  });

  it('unknown routes are 404 NOT_FOUND in the same shape', async () => {
    const b = await bench();
    const r = await b.as('office').get('/api/nothing-here');
    expect([r.status, r.body]).toEqual([404, { error: { code: 'NOT_FOUND', message: '资源不存在' } }]);
    expect((await b.request(null, 'GET', '/nothing')).body.error.code).toBe('NOT_FOUND');
    expect((await b.request(b.tokens.office, 'DELETE', '/api/cases')).status).toBe(404);
  });
});

describe('HTTP4: unexpected exceptions', () => {
  function throwing(err: unknown): Hono {
    const app = new Hono();
    app.onError(onError);
    app.get('/boom', () => {
      throw err;
    });
    return app;
  }

  it('are logged with the stack and answered 500 INTERNAL without any detail', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await throwing(new Error('secret at /srv/ledger.db line 42')).request('/boom');
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: ERROR_CODES.INTERNAL } });
    expect(text).not.toMatch(/secret|ledger\.db|at /);
    expect(log).toHaveBeenCalledWith('[接口] 未处理的异常', 'GET', '/boom', expect.any(Error));
  });

  it('a LedgerError keeps its code; a Hono HTTPException becomes the matching code', async () => {
    const r1 = await throwing(new LedgerError('CONFLICT', '冲突了', 'name')).request('/boom');
    expect([r1.status, await r1.json()]).toEqual([
      409,
      { error: { code: 'CONFLICT', message: '冲突了', field: 'name' } },
    ]);
    const r2 = await throwing(new HTTPException(413)).request('/boom');
    expect([r2.status, ((await r2.json()) as { error: { code: string } }).error.code]).toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);
  });

  it('a failing ledger through the real app: 500 INTERNAL, no stack in the body', async () => {
    const b = await bench();
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(b.ledger, 'visibleCases').mockImplementation(() => {
      throw new TypeError('Cannot read properties of undefined (reading "fields")');
    });
    const r = await b.as('office').get('/api/cases');
    expect([r.status, r.body]).toEqual([500, { error: { code: 'INTERNAL', message: '服务器内部错误' } }]);
    expect(r.text).not.toContain('Cannot read');
    expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(log).toHaveBeenCalled();
    expect((await b.request(null, 'GET', '/health')).status).toBe(200);
  });

  it('something thrown that is not an Error is answered the same way', async () => {
    const b = await bench();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    vi.spyOn(b.ledger, 'unitList').mockImplementation(() => {
      throw 'plain string with /etc/secret';
    });
    const r = await b.as('viewer').get('/api/units');
    expect([r.status, r.body]).toEqual([500, { error: { code: 'INTERNAL', message: '服务器内部错误' } }]);
    expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});
