// VAL1–VAL5: field values and phone numbers as clerks type them; garbage refused with a code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhoneList } from '../../shared/phone';
import { InputReader, validateFieldValue } from '../../shared/validation';
import { CATEGORIES, CHANNELS } from '../../shared/vocabulary';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

describe('phone numbers (VAL2)', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['0710-6331373', '0710-6331373'],
    ['07106331373', '0710-6331373'],
    ['0710 6331373', '0710-6331373'],
    ['（0710）6331373', '0710-6331373'],
    ['010-12345678', '010-12345678'],
    ['02112345678', '021-12345678'],
    ['0710-6331373转801', '0710-6331373-801'],
    ['13812345678 / 0710-6331373', '13812345678 / 0710-6331373'],
    ['13812345678、13912345678', '13812345678 / 13912345678'],
  ])('VAL2: accepts %s', (raw, want) => {
    expect(normalizePhoneList(raw)).toBe(want);
  });

  it.each([
    '12345',
    'abc',
    '1381234567',
    '138123456789',
    '23812345678',
    '0710-633137',
    '071-6331373',
    '021-6331373',
    '=HYPERLINK("x")',
    '13812345678; 1; 2; 3',
    '',
    '0710-6331373-1234567',
  ])('VAL2: refuses %j', (raw) => {
    expect(normalizePhoneList(raw)).toBeNull();
  });

  it('VAL2: any valid mobile survives spaces and dashes people put in', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 9 }),
        fc.stringMatching(/^\d{9}$/),
        fc.constantFrom(' ', '-', ''),
        (second, rest, sep) => {
          const n = `1${second}${rest}`;
          const typed = `${n.slice(0, 3)}${sep}${n.slice(3, 7)}${sep}${n.slice(7)}`;
          expect(normalizePhoneList(typed)).toBe(n);
        },
      ),
    );
  });

  it('VAL2: random text is never taken for a phone number unless it is made of digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const r = normalizePhoneList(s);
        if (r !== null) expect(r).toMatch(/^[\d\- /]+$/);
      }),
    );
  });
});

describe('field values (VAL1, VAL3, VAL4)', () => {
  it('VAL1: required fields refuse empty values, optional ones store null', () => {
    expect(code(validateFieldValue('company', ''))).toBe('REQUIRED');
    expect(code(validateFieldValue('company', null))).toBe('REQUIRED');
    expect(validateFieldValue('address', '  ')).toEqual({ ok: true, value: null });
  });

  it('VAL1: choices come from the work plan', () => {
    for (const ch of CHANNELS) expect(code(validateFieldValue('channel', ch))).toBe('ok');
    expect(CATEGORIES).toHaveLength(14);
    expect(code(validateFieldValue('category', CATEGORIES[3]))).toBe('ok');
    expect(code(validateFieldValue('channel', '微信群'))).toBe('INVALID_CHOICE');
    expect(code(validateFieldValue('companyVerdict', '还行'))).toBe('INVALID_CHOICE');
  });

  it('VAL3: dates are YYYY-MM-DD and real; times are ISO 8601', () => {
    expect(code(validateFieldValue('receivedAt', '2026-09-30'))).toBe('ok');
    expect(code(validateFieldValue('receivedAt', '2024-02-29'))).toBe('ok');
    for (const bad of ['2026-02-30', '2026-13-01', '2026-09/30', '20260930', '2025-02-29', 'yesterday']) {
      expect(code(validateFieldValue('receivedAt', bad))).toBe('INVALID_DATE');
    }
    expect(code(validateFieldValue('assignedAt', '2026-09-30T10:00:00+08:00'))).toBe('ok');
    expect(code(validateFieldValue('assignedAt', '2026-09-30T25:00:00+08:00'))).toBe('INVALID_TIME');
  });

  it('VAL4: length limits count characters as people do (≤ 500 for 不满意原因)', () => {
    expect(code(validateFieldValue('dissatisfaction', '不'.repeat(500)))).toBe('ok');
    expect(code(validateFieldValue('dissatisfaction', '不'.repeat(501)))).toBe('TOO_LONG');
    expect(code(validateFieldValue('nextPlan', '😀'.repeat(500)))).toBe('ok');
    expect(code(validateFieldValue('summary', '诉'.repeat(2001)))).toBe('TOO_LONG');
  });

  it('VAL5: wrong types, control characters and unknown fields are refused', () => {
    expect(code(validateFieldValue('company', 42))).toBe('INVALID_INPUT');
    expect(code(validateFieldValue('company', 'abc\u0000'))).toBe('INVALID_INPUT');
    expect(code(validateFieldValue('seq', -1))).toBe('INVALID_NUMBER');
    expect(code(validateFieldValue('nope', 'x'))).toBe('UNKNOWN_FIELD');
    // formula-looking text is just text here; the export neutralises it
    expect(code(validateFieldValue('company', '=1+1'))).toBe('ok');
  });
});

describe('command inputs (VAL5)', () => {
  it('VAL5: unknown keys, non-objects and bad types are refused with the key named', () => {
    const r1 = new InputReader([]);
    expect(r1.result(1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const r2 = new InputReader({ reason: 'x', extra: 1 });
    r2.text('reason', '理由', 500, true);
    r2.allowKeys(['reason']);
    expect(r2.result(1)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'extra' } });
    const r3 = new InputReader({ amount: '3' });
    r3.int('amount', '延期天数', 1, 20, true);
    expect(r3.result(1)).toMatchObject({ ok: false, error: { code: 'INVALID_NUMBER', field: 'amount' } });
  });
});
