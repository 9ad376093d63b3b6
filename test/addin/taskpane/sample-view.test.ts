// ADDIN22: the 回头看 sample's query string: empty inputs left out, typed text encoded as one value each.
import { describe, expect, it } from 'vitest';
import { sampleQueryString } from '../../../addin/taskpane/sample-view';

describe('ADDIN22: the 回头看 sample query', () => {
  it('ADDIN22: leaves out empty inputs and sends the others as typed', () => {
    expect(sampleQueryString({ n: '', from: '', to: ' ', seed: '' })).toBe('');
    expect(sampleQueryString({ n: '10', from: '2026-01-01', to: '2026-06-30', seed: '7' })).toBe(
      '?n=10&from=2026-01-01&to=2026-06-30&seed=7',
    );
  });
  it('ADDIN22/WF31: the 抽样截至时间 that repeats a draw is sent as asOf, encoded', () => {
    expect(sampleQueryString({ n: '3', from: '', to: '', seed: '11', asOf: '2026-09-30T10:00:09+08:00' })).toBe(
      '?n=3&seed=11&asOf=2026-09-30T10%3A00%3A09%2B08%3A00',
    );
  });
  it('ADDIN22: hostile text stays one encoded value, never another parameter', () => {
    const q = sampleQueryString({ n: '5&seed=1', from: '2026-01-01#x', to: '', seed: '' });
    expect(q).toBe('?n=5%26seed%3D1&from=2026-01-01%23x');
    expect([...new URLSearchParams(q).keys()]).toEqual(['n', 'from']);
  });
});
