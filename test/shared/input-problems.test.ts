// VAL20, VAL22: every problem of an input at once, and the one parser of typed dates.
import { describe, expect, it } from 'vitest';
import { inputProblems, readInput } from '../../shared/contract/read-input';
import { validateFieldValue } from '../../shared/validation';
import { parseDateSpelling } from '../../shared/time';

describe('VAL20: all problems at once', () => {
  it('VAL20: an empty 登记 names every required input in one answer, the first being readInput’s refusal', () => {
    const problems = inputProblems('register', {});
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['receivedAt', 'REQUIRED'],
      ['channel', 'REQUIRED'],
      ['company', 'REQUIRED'],
      ['contactName', 'REQUIRED'],
      ['contactPhone', 'REQUIRED'],
      ['summary', 'REQUIRED'],
    ]);
    const first = readInput('register', {});
    expect(first.ok ? null : first.error).toEqual(problems[0]);
  });

  it('VAL20: a bad phone, a hostile key and a wrong body are each reported; a good input has none', () => {
    const problems = inputProblems('supervise-reply', { note: '已办', __proto__x: 1, toString: 'x' });
    expect(problems.map((p) => p.code)).toEqual(['INVALID_INPUT', 'INVALID_INPUT']);
    expect(inputProblems('assign', [])).toMatchObject([
      { code: 'INVALID_INPUT' },
      { field: 'leadUnit' },
      { field: 'kind' },
    ]);
    const phone = inputProblems('accept', { handler: '王工', handlerPhone: '12345' });
    expect(phone.map((p) => [p.field, p.code])).toEqual([['handlerPhone', 'INVALID_PHONE']]);
    expect(inputProblems('accept', { handler: '王工', handlerPhone: '13900001111' })).toEqual([]);
  });

  it('VAL20: a required-when input is reported with the rest (企业不满意 → 不满意原因)', () => {
    const fields = inputProblems('feedback', { companyVerdict: '不满意' }).map((p) => p.field);
    expect(fields).toContain('dissatisfaction');
    expect(fields).toContain('findings');
  });
});

describe('VAL22: dates as people type them', () => {
  it('VAL22: 2026/11/28, 2026.11.28 and 2026年11月28日 become 2026-11-28, in fields and command inputs alike', () => {
    for (const s of ['2026-11-28', '2026/11/28', '2026.11.28', '2026年11月28日', ' 2026/11/28 ', '2026年11月28'])
      expect(parseDateSpelling(s)).toBe('2026-11-28');
    expect(parseDateSpelling('2026/1/5')).toBe('2026-01-05');
    expect(validateFieldValue('receivedAt', '2026年11月28日')).toEqual({ ok: true, value: '2026-11-28' });
    const r = readInput('extension-request', { amount: 1, reason: '核查', toldOn: '2026.11.28', toldBy: '电话' });
    expect(r.ok && r.value.toldOn).toBe('2026-11-28');
  });

  it('VAL22: mixed separators, impossible days, serial-looking numbers and formulas are INVALID_DATE', () => {
    for (const s of [
      '2026-11/28',
      '2026/02/30',
      '20261128',
      '=TODAY()',
      '2026年11月',
      '２０２６/11/28',
      '2026/11/28/1',
    ])
      expect(parseDateSpelling(s)).toBeNull();
    const r = validateFieldValue('receivedAt', '2026/13/01');
    expect(r.ok ? null : [r.error.code, r.error.message]).toEqual([
      'INVALID_DATE',
      '“受理日期”应为真实日期，如 2026-11-28 或 2026/11/28',
    ]);
  });
});
