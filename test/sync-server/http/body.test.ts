// HTTP7/HTTP8/HTTP9: body size limit, JSON only, objects only, and hostile text stored verbatim and sent escaped.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench } from './harness';
import { bench, registration } from './harness';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

const JSON_HEADERS = { 'Content-Type': 'application/json' };

describe('HTTP8: size limit', () => {
  it('a 1 MiB body is 413 PAYLOAD_TOO_LARGE and registers nothing', async () => {
    const big = JSON.stringify(registration({ summary: 'x'.repeat(1024 * 1024) }));
    const r = await b.as('office').post('/api/cases', undefined, { raw: big, headers: JSON_HEADERS });
    expect([r.status, r.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const declared = await b.as('office').post('/api/cases', undefined, {
      raw: big,
      headers: { ...JSON_HEADERS, 'Content-Length': String(Buffer.byteLength(big)) },
    });
    expect(declared.status).toBe(413);
    expect((await b.as('office').get('/api/cases')).body.cases).toEqual([]);
  });

  it('the limit is configurable; a body just under it passes', async () => {
    const small = await bench(undefined, { maxBodyBytes: 600 });
    const body = JSON.stringify(registration());
    expect(Buffer.byteLength(body)).toBeLessThan(600);
    expect((await small.as('office').post('/api/cases', registration())).status).toBe(201);
    const r = await small.as('office').post('/api/cases', registration({ address: '地'.repeat(200) }));
    expect(r.status).toBe(413);
  });

  it('an unauthenticated big body is 401 before it is read', async () => {
    const r = await b.request(null, 'POST', '/api/cases', undefined, {
      raw: 'x'.repeat(1024 * 1024),
      headers: JSON_HEADERS,
    });
    expect(r.status).toBe(401);
  });
});

describe('HTTP9: JSON bodies', () => {
  it('invalid JSON is 400 INVALID_JSON', async () => {
    for (const raw of ['{"company": ', '{company: 1}', "{'a':1}", '\u0000']) {
      const r = await b.as('office').post('/api/cases', undefined, { raw, headers: JSON_HEADERS });
      expect([r.status, r.body.error.code]).toEqual([400, 'INVALID_JSON']);
    }
  });

  it('a body that is not an object is 400 INVALID_INPUT', async () => {
    for (const raw of ['[]', '"text"', '42', 'null', 'true']) {
      const r = await b.as('office').post('/api/cases', undefined, { raw, headers: JSON_HEADERS });
      expect([r.status, r.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    }
  });

  it('a body needs Content-Type application/json (a form post is refused)', async () => {
    const raw = JSON.stringify(registration());
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const r = await b.as('office').post('/api/cases', undefined, { raw, headers: { 'Content-Type': type } });
      expect([r.status, r.body.error.code]).toEqual([400, 'INVALID_INPUT']);
    }
    const charset = await b
      .as('office')
      .post('/api/cases', undefined, { raw, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    expect(charset.status).toBe(201);
  });

  it('an empty body is an empty object: commands without parameters need no body', async () => {
    const id = await b.assigned();
    const r = await b.as('lead').post(`/api/cases/${id}/accept`);
    expect([r.status, r.body.fields.status]).toEqual([200, 'handling']);
  });

  it('deeply nested JSON is refused without a crash', async () => {
    const raw = `{"company":${'['.repeat(20000)}${']'.repeat(20000)}}`;
    const r = await b.as('office').post('/api/cases', undefined, { raw, headers: JSON_HEADERS });
    expect(r.status).toBe(400);
    expect((await b.request(null, 'GET', '/health')).status).toBe(200);
  });
});

describe('HTTP7: hostile text is data', () => {
  const HOSTILE = {
    company: '<script>alert("x")</script>有限公司',
    summary: "=cmd|' /C calc'!A0",
    address: "'; DROP TABLE cases; --",
    target: '&lt;b&gt; \u2028 ${7*7} {{7*7}}',
  };

  it('is stored verbatim and returned JSON-escaped (no raw <, >, &)', async () => {
    const id = await b.register(HOSTILE);
    for (const r of [await b.as('office').get(`/api/cases/${id}`), await b.as('viewer').get('/api/cases')]) {
      expect(r.status).toBe(200);
      expect(r.text).not.toMatch(/[<>&\u2028]/);
      expect(r.text).toContain('\\u003cscript\\u003e');
    }
    const got = (await b.as('office').get(`/api/cases/${id}`)).body.fields;
    expect(got).toMatchObject(HOSTILE);
    const listed = (await b.as('office').get('/api/cases')).body.cases[0];
    expect(listed).toMatchObject(HOSTILE);
  });

  it('in command inputs and error messages too', async () => {
    const id = await b.assigned();
    const f = await b.run('co', id, 'co-opinion', { text: '<img src=x onerror=alert(1)>' });
    expect(f.coOpinions).toContain('<img src=x onerror=alert(1)>');
    const r = await b.as('office').post(`/api/cases/${id}/assign`, { '<script>': 1 });
    expect(r.status).toBe(409);
    const bad = await b.as('office').post('/api/cases', registration({ '<b>x</b>': 1 }));
    expect(bad.status).toBe(400);
    expect(bad.text).not.toMatch(/[<>]/);
    expect(bad.body.error.field).toBe('<b>x</b>');
  });
});
