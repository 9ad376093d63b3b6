// HTTP50: the sample's parameters — empty means absent, asOf in one form, a failing store is 503.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench } from './harness';
import { bench } from './harness';

let b: Bench;
beforeEach(async () => {
  b = await bench('2026-11-30T10:00:00+08:00');
});

const sample = (query: string) => b.as('office').get(`/api/spot-check/sample?${query}`);

describe('HTTP50 the 回头看 sample’s parameters', () => {
  it('every parameter sent empty is absent: n 10, a seed chosen, asOf the current second', async () => {
    const r = await sample('n=&from=&to=&seed=&asOf=');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ n: 10, from: null, to: null, asOf: '2026-11-30T10:00:00+08:00' });
    expect(Number.isInteger(r.body.seed)).toBe(true);
    // still one of each
    expect((await sample('n=&n=')).status).toBe(400);
  });

  it.each([
    ' 2026-11-29T10:00:00+08:00',
    '2026-11-29t10:00:00+08:00',
    '2026-11-29T02:00:00z',
    '2026-11-29T02:00:00Z',
    '2026-11-29T02:00:00-00:00',
    '2026-11-29T10:00:00+0800',
    '2026-11-29T10:00+08:00',
    '2026-11-29T10:00:00.000+08:00',
    '2026-11-29T10:00:00',
    '2026-02-30T10:00:00+08:00',
    '2026-11-29T24:00:00+08:00',
  ])('asOf %j is not the one form: 400 INVALID_DATE naming the form', async (asOf) => {
    const r = await sample(`asOf=${encodeURIComponent(asOf)}`);
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, 'INVALID_DATE', 'asOf']);
    expect(r.body.error.message).toContain('YYYY-MM-DDTHH:mm:ss+08:00');
  });

  it('asOf in the form is taken; one in the year 9999 cannot be later, like one a second ahead', async () => {
    expect((await sample(`asOf=${encodeURIComponent('2026-11-29T10:00:00+08:00')}`)).body.asOf).toBe(
      '2026-11-29T10:00:00+08:00',
    );
    for (const asOf of ['9999-12-31T23:59:59+08:00', '2026-11-30T10:00:01+08:00']) {
      const r = await sample(`asOf=${encodeURIComponent(asOf)}`);
      expect([r.status, r.body.error.code, r.body.error.message]).toEqual([
        400,
        'INVALID_DATE',
        '“抽样截至时间”不能晚于当前时间',
      ]);
    }
  });

  it('a store that cannot flush the audit gives 503 STORAGE_UNAVAILABLE, and no draw is answered', async () => {
    b.store.flush = () => Promise.reject(new Error('disk I/O error'));
    const r = await sample('n=5&seed=1');
    expect([r.status, r.body.error.code]).toEqual([503, 'STORAGE_UNAVAILABLE']);
  });

  it('WF31: a timer that fires a millisecond early is waited out: the draw is taken once the clock has left asOf’s second', async () => {
    let early: Bench | null = null;
    // a timer firing 1 ms before the wall clock gets there (Node's timers run on another clock); never sooner than 1 ms
    const sleep = async (ms: number) => {
      early?.setNow(new Date((early?.clock() ?? 0) + Math.max(1, ms - 1)).toISOString());
    };
    early = await bench('2026-11-30T10:00:00.200+08:00', { sleep });
    const r = await early.as('office').get('/api/spot-check/sample?n=1&seed=1');
    expect(r.body.asOf).toBe('2026-11-30T10:00:00+08:00');
    const log = await early.as('office').get('/api/audit?limit=10');
    const draw = log.body.entries.find((e: { command: string }) => e.command === 'spot-check-sample');
    expect(draw.at).toBe('2026-11-30T10:00:01+08:00');
  });

  it('WF31: a clock stepped back while the draw waits makes asOf a time to come: 400, and no draw is recorded', async () => {
    const stuck = await bench('2026-11-30T10:00:00+08:00', { sleep: async () => undefined });
    const r = await stuck.as('office').get('/api/spot-check/sample?n=1&seed=1');
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, 'INVALID_DATE', 'asOf']);
    const log = await stuck.as('office').get('/api/audit?limit=10');
    expect(log.body.entries.filter((e: { command: string }) => e.command === 'spot-check-sample')).toEqual([]);
  });
});
