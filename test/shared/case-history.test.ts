// WF31: the cases as they stood at an instant, rebuilt from the audited history.
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../shared/case-history';
import { casesAsOf, historyValue } from '../../shared/case-history';
import { drawSample } from '../../shared/sample';

const T = (s: number) => Date.parse('2026-10-12T10:00:00+08:00') + s * 1000;
const history: HistoryEntry[] = [
  { caseId: 'a', at: T(0), field: 'seq', value: 1 },
  { caseId: 'a', at: T(0), field: 'receivedAt', value: '2026-10-01' },
  { caseId: 'a', at: T(0), field: 'status', value: 'registered' },
  { caseId: 'a', at: T(10), field: 'status', value: 'closed' },
  { caseId: 'b', at: T(5), field: 'seq', value: 2 },
  { caseId: 'b', at: T(5), field: 'receivedAt', value: '2026-10-02' },
  { caseId: 'b', at: T(5), field: 'status', value: 'closed' },
  { caseId: 'b', at: T(20), field: 'status', value: 'unsatisfied' },
  { caseId: '__proto__', at: T(30), field: 'status', value: 'closed' },
];

describe('WF31: a frame as of an instant', () => {
  it('each case as it stood then: born later is absent, reopened later still closed, at the second itself included', () => {
    const at = (s: number) => casesAsOf(history, T(s)).map((c) => [c.id, c.fields.status, c.fields.receivedAt ?? null]);
    expect(at(4)).toEqual([['a', 'registered', '2026-10-01']]);
    expect(at(10)).toEqual([
      ['a', 'closed', '2026-10-01'],
      ['b', 'closed', '2026-10-02'],
    ]);
    expect(at(25).map((x) => x[1])).toEqual(['closed', 'unsatisfied']);
    expect(at(30).map((x) => x[0])).toEqual(['a', 'b', '__proto__']);
    // the same seed and instant draw the same cases however the history grows afterwards
    const range = { from: null, to: null };
    const then = drawSample(casesAsOf(history, T(15)), range, 1, 7).map((c) => c.id);
    const more = [...history, { caseId: 'c', at: T(40), field: 'status', value: 'closed' } as const];
    expect(drawSample(casesAsOf(more, T(15)), range, 1, 7).map((c) => c.id)).toEqual(then);
  });

  it('a damaged audit value reads as empty, never as an object', () => {
    expect([historyValue({ x: 1 }), historyValue(['closed']), historyValue('closed'), historyValue(3)]).toEqual([
      null,
      null,
      'closed',
      3,
    ]);
  });

  it('WF31: a change stored after a newer one (rows buffered apart) does not override it: time order decides', () => {
    const stored: HistoryEntry[] = [
      { caseId: 'c', at: T(0), field: 'status', value: 'registered' },
      { caseId: 'c', at: T(40), field: 'status', value: 'closed' },
      { caseId: 'c', at: T(30), field: 'status', value: 'fedBack' },
    ];
    expect(casesAsOf(stored, T(50)).map((c) => c.fields.status)).toEqual(['closed']);
    expect(casesAsOf(stored, T(35)).map((c) => c.fields.status)).toEqual(['fedBack']);
  });
});
