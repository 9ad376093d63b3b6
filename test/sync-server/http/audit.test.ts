// HTTP16, WF19: the audit log over HTTP — scoping, paging and query validation.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench } from './harness';
import { T0, bench } from './harness';

interface Entry {
  id: number;
  caseId: string | null;
  command: string;
  field: string | null;
  old: unknown;
  new: unknown;
  actorName: string;
  at: string;
}

let b: Bench;
let caseId: string;
beforeEach(async () => {
  b = await bench();
  caseId = await b.assigned();
  await b.register({ company: '另一家企业' });
});

describe('HTTP16: GET /api/audit', () => {
  it('WF19: the office sees who did what, command entries and one per changed field, ascending', async () => {
    const r = await b.as('office').get('/api/audit');
    expect(r.status).toBe(200);
    const entries = r.body.entries as Entry[];
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((x, y) => x - y));
    expect(entries[0]).toMatchObject({
      caseId,
      command: 'register',
      field: null,
      old: null,
      new: 'registered',
      actorName: '营商办张三',
      at: T0,
    });
    const assign = entries.filter((e) => e.caseId === caseId && e.command === 'assign');
    expect(assign[0]).toMatchObject({ field: null, old: 'registered', new: 'assigned' });
    expect(assign).toContainEqual(
      expect.objectContaining({ field: 'dueAt', old: null, new: '2026-10-13T23:59:59+08:00' }),
    );
    expect(r.body.nextAfterId).toBeNull();
    expect((await b.as('viewer').get('/api/audit')).body.entries).toEqual(entries);
  });

  it('pages with limit and afterId; nextAfterId continues', async () => {
    const all = (await b.as('office').get('/api/audit?limit=1000')).body.entries as Entry[];
    const first = await b.as('office').get('/api/audit?limit=3');
    expect(first.body.entries).toEqual(all.slice(0, 3));
    expect(first.body.nextAfterId).toBe(all[2]?.id);
    const next = await b.as('office').get(`/api/audit?limit=3&afterId=${first.body.nextAfterId}`);
    expect(next.body.entries).toEqual(all.slice(3, 6));
  });

  it('filters by caseId', async () => {
    const r = await b.as('office').get(`/api/audit?caseId=${caseId}`);
    const entries = r.body.entries as Entry[];
    expect(entries.length).toBeGreaterThan(5);
    expect(new Set(entries.map((e) => e.caseId))).toEqual(new Set([caseId]));
  });

  it('a unit must name a case it sees: no caseId 403 FORBIDDEN_ROLE, another case 404 (PERM3)', async () => {
    const none = await b.as('lead').get('/api/audit');
    expect([none.status, none.body.error.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const own = await b.as('co').get(`/api/audit?caseId=${caseId}`);
    expect(own.status).toBe(200);
    expect(new Set((own.body.entries as Entry[]).map((e) => e.caseId))).toEqual(new Set([caseId]));
    const other = await b.as('other').get(`/api/audit?caseId=${caseId}`);
    expect([other.status, other.body.error.code]).toEqual([404, 'CASE_NOT_FOUND']);
    const unknown = await b.as('office').get('/api/audit?caseId=c999');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'CASE_NOT_FOUND']);
  });

  it('HTTP10: bad query parameters are 400 with the parameter as field', async () => {
    const cases: [string, string, string][] = [
      ['limit=0', 'INVALID_NUMBER', 'limit'],
      ['limit=1001', 'INVALID_NUMBER', 'limit'],
      ['limit=abc', 'INVALID_NUMBER', 'limit'],
      ['limit=1.5', 'INVALID_NUMBER', 'limit'],
      ['limit=', 'INVALID_NUMBER', 'limit'],
      ['afterId=-1', 'INVALID_NUMBER', 'afterId'],
      ['afterId=99999999999999999999', 'INVALID_NUMBER', 'afterId'],
      ['caseId=', 'INVALID_INPUT', 'caseId'],
      [`caseId=${'x'.repeat(65)}`, 'INVALID_INPUT', 'caseId'],
      ['caseId=a%00b', 'INVALID_INPUT', 'caseId'],
      ['limit=1&limit=2', 'INVALID_INPUT', 'limit'],
      ['order=desc', 'INVALID_INPUT', 'order'],
    ];
    for (const [query, code, field] of cases) {
      const r = await b.as('office').get(`/api/audit?${query}`);
      expect([query, r.status, r.body.error.code, r.body.error.field]).toEqual([query, 400, code, field]);
    }
    expect((await b.as('office').get('/api/audit?limit=1000&afterId=0')).status).toBe(200);
  });
});
