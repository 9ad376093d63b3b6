// WF31: a 台账 imported in several batches is in a sample's frame batch by batch, at the time each was recorded.
import { describe, expect, it } from 'vitest';
import { ANNEX4_HEADERS } from '../../../shared/annex4';
import { bench } from './harness';

const closedRow = (n: number) => [
  n,
  `〔2025〕${n}号`,
  `枣阳市第${n}公司`,
  `王立新 1397256${String(n).padStart(4, '0')}`,
  '诉求内容',
  '市市场监管局',
  '李科长 0710-6221345',
  '已办结',
  '',
  '',
  '2025-11-10电话回访，满意',
  '否',
];

describe('WF31 the frame during a multi-batch import', () => {
  it('101 closed cases in two batches 5 seconds apart: a frame between them holds the first 100 only', async () => {
    const b = await bench('2026-11-30T10:00:00+08:00');
    const append = b.store.appendAll.bind(b.store);
    let batches = 0;
    b.store.appendAll = async (writes) => {
      await append(writes);
      if (writes.some((w) => w.kind === 'audit' && w.rows.some((r) => r.command === 'import')) && ++batches === 1) {
        b.setNow('2026-11-30T10:00:05+08:00');
      }
    };
    const cells = [[...ANNEX4_HEADERS], ...Array.from({ length: 101 }, (_, i) => closedRow(i + 1))];
    const r = await b.as('office').post('/api/import/ledger', { fileName: '台账.xlsx', sheet: '台账', cells });
    expect([r.status, r.body.created]).toEqual([201, 101]);
    b.setNow('2026-11-30T10:01:00+08:00');
    const frame = async (asOf: string) =>
      (await b.as('office').get(`/api/spot-check/sample?n=1&seed=1&asOf=${encodeURIComponent(asOf)}`)).body.available;
    expect(await frame('2026-11-30T10:00:02+08:00')).toBe(100);
    expect(await frame('2026-11-30T10:00:05+08:00')).toBe(101);
  });
});
