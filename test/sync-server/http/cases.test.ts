// WF3, WF6, TIME1, CAL3, HTTP14: registering, listing and reading cases; the allowed commands; deadlines through HTTP.
import { beforeEach, describe, expect, it } from 'vitest';
import { FIELD_IDS } from '../../../shared/fields';
import type { Bench } from './harness';
import { COMPANY, T0, bench, registration } from './harness';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

describe('WF3: POST /api/cases', () => {
  it('201 {id, code, seq, duplicates, warning}; numbers go on per year and per ledger (NUM1, HTTP31)', async () => {
    const first = await b.as('office').post('/api/cases', registration());
    expect([first.status, first.body]).toEqual([
      201,
      { id: expect.any(String), code: '〔2026〕1号', seq: 1, duplicates: [], warning: null },
    ]);
    const second = await b.as('office').post('/api/cases', registration({ company: '第二家企业' }));
    expect(second.body).toMatchObject({ code: '〔2026〕2号', seq: 2 });
    const got = await b.as('office').get(`/api/cases/${first.body.id}`);
    expect(got.body.fields).toMatchObject({
      ...registration(),
      contactPhone: '13812345678',
      status: 'registered',
      round: 1,
      archived: '否',
      warning: 'normal',
      seq: 1,
    });
  });
});

describe('HTTP14: GET /api/cases and /api/cases/:id', () => {
  it('lists {id, ...fields} by 序号, every field present (null when empty)', async () => {
    const a = await b.register();
    const c = await b.register({ company: '第二家企业' });
    const r = await b.as('viewer').get('/api/cases');
    expect(r.status).toBe(200);
    expect(r.body.cases.map((x: { id: string }) => x.id)).toEqual([a, c]);
    expect(Object.keys(r.body.cases[0]).sort()).toEqual(['id', ...FIELD_IDS].sort());
    expect(r.body.cases[0]).toMatchObject({ id: a, company: COMPANY, leadUnit: null, dueAt: null });
  });

  it('GET /api/cases/:id gives {id, fields, allowed} with the commands the caller may run now (WF1, WF2)', async () => {
    const id = await b.assigned();
    const office = await b.as('office').get(`/api/cases/${id}`);
    expect(office.body).toEqual({ id, fields: expect.any(Object), allowed: ['extension-decision', 'supervise'] });
    expect((await b.as('lead').get(`/api/cases/${id}`)).body.allowed).toEqual([
      'accept',
      'return',
      'extension-request',
      'supervise-reply',
    ]);
    expect((await b.as('co').get(`/api/cases/${id}`)).body.allowed).toEqual(['co-opinion']);
    expect((await b.as('viewer').get(`/api/cases/${id}`)).body.allowed).toEqual([]);
    const reg = await b.register();
    expect((await b.as('office').get(`/api/cases/${reg}`)).body.allowed).toEqual(['reject', 'answer', 'assign']);
  });

  it('a unit lists only the cases it leads or cooperates on (PERM3)', async () => {
    const mine = await b.assigned();
    const coOnly = await b.register({ company: '配合企业' });
    await b.run('office', coOnly, 'assign', { leadUnit: b.units.other, coUnits: [b.units.lead], kind: 'general' });
    await b.register({ company: '未交办企业' });
    const ids = (await b.as('lead').get('/api/cases')).body.cases.map((x: { id: string }) => x.id);
    expect(ids).toEqual([mine, coOnly]);
    expect((await b.as('co').get('/api/cases')).body.cases.map((x: { id: string }) => x.id)).toEqual([mine]);
    expect((await b.as('office').get('/api/cases')).body.cases).toHaveLength(3);
  });

  it('unknown query parameters are refused (HTTP10)', async () => {
    const r = await b.as('office').get('/api/cases?status=open');
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, 'INVALID_INPUT', 'status']);
  });
});

describe('deadlines through HTTP', () => {
  it('TIME1/WF6: general assigned 2026-09-30T10:00+08:00 is due 2026-10-13T23:59:59+08:00', async () => {
    const id = await b.register();
    const f = await b.run('office', id, 'assign', { leadUnit: b.units.lead, kind: 'general', assignedAt: T0 });
    expect(f).toMatchObject({ assignedAt: T0, dueAt: '2026-10-13T23:59:59+08:00', dueNote: null });
  });

  it('TIME2: a consultation is due 24 hours after assignment', async () => {
    const id = await b.register();
    const f = await b.run('office', id, 'assign', { leadUnit: b.units.lead, kind: 'consult' });
    expect(f.dueAt).toBe('2026-10-01T10:00:00+08:00');
  });

  it('CAL3: complex, assigned in December 2026, runs into 2027 without calendar data → provisional with a reason', async () => {
    const dec = await bench('2026-12-20T10:00:00+08:00');
    const id = await dec.register({ receivedAt: '2026-12-18' });
    const f = await dec.run('office', id, 'assign', { leadUnit: dec.units.lead, kind: 'complex' });
    expect(f.assignedAt).toBe('2026-12-20T10:00:00+08:00');
    expect(f.dueAt).toMatch(/^2027-01-\d\dT23:59:59\+08:00$/);
    expect(f.dueNote).toContain('2027年节假日安排尚未纳入日历');
    const general = await dec.register({ receivedAt: '2026-12-18' });
    expect(
      (await dec.run('office', general, 'assign', { leadUnit: dec.units.lead, kind: 'general' })).dueNote,
    ).toBeNull();
  });

  it('WF6: assignedAt may not be before 受理日期', async () => {
    const id = await b.register({ receivedAt: '2026-09-30' });
    const r = await b.as('office').post(`/api/cases/${id}/assign`, {
      leadUnit: b.units.lead,
      kind: 'general',
      assignedAt: '2026-09-29T10:00:00+08:00',
    });
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, 'DATE_BEFORE_RECEIVED', 'assignedAt']);
  });
});
