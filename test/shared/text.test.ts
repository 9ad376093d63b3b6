// VAL6, AUTH5: text that cannot be stored is refused; invisible characters never make two names differ.
import { describe, expect, it } from 'vitest';
import { checkCellEdit } from '../../shared/permissions';
import { hasInvisible, hasLoneSurrogate, nameKey, normalizeName } from '../../shared/text';
import { InputReader, validateFieldValue } from '../../shared/validation';
import { actors, caseIn } from './fixtures';

describe('text hygiene', () => {
  it('VAL6: unpaired surrogates are found, pairs (emoji, rare CJK) are not', () => {
    expect(hasLoneSurrogate('企业\uD800')).toBe(true);
    expect(hasLoneSurrogate('\uDC00企业')).toBe(true);
    expect(hasLoneSurrogate('企业😀𠀀')).toBe(false);
  });

  it('VAL6: a field value or command text with an unpaired surrogate is refused, never stored as U+FFFD', () => {
    const r = validateFieldValue('company', '某某公司\uD83D');
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_INPUT');
    const reader = new InputReader({ reason: '理由\uDE00' });
    reader.text('reason', '退回理由', 500, true);
    expect(reader.error?.code).toBe('INVALID_INPUT');
  });

  it('VAL6: text is stored trimmed, the same for HTTP and for a cell edit; white space alone is empty', () => {
    expect(validateFieldValue('company', '  某某公司  ')).toEqual({ ok: true, value: '某某公司' });
    expect(checkCellEdit(actors.lead, caseIn('handling'), 'handler', '   ', '2026-11-29')).toEqual({
      ok: true,
      value: null,
    });
    expect(checkCellEdit(actors.lead, caseIn('handling'), 'feedbackMethod', '  电话  ', '2026-11-29')).toEqual({
      ok: true,
      value: '电话',
    });
  });

  it('VAL7: a 反馈日期 after today or before the 交办日期 is refused on a cell edit as in the 承办单', () => {
    const c = caseIn('handling');
    const code = (v: string) => {
      const r = checkCellEdit(actors.lead, c, 'feedbackAt', v, '2026-11-29');
      return r.ok ? 'ok' : r.error.code;
    };
    expect(code('2099-12-31')).toBe('DATE_IN_FUTURE');
    expect(code('2026-09-29')).toBe('DATE_BEFORE_RECEIVED');
    expect(code('2026-10-08')).toBe('ok');
    const received = checkCellEdit(actors.office, caseIn('registered'), 'receivedAt', '2030-01-01', '2026-11-29');
    expect(received.ok ? 'ok' : received.error.code).toBe('DATE_IN_FUTURE');
  });

  it('AUTH5: names fold full-width forms and lose invisible characters; the key ignores spaces and case', () => {
    expect(normalizeName('单位\u200bA')).toBe('单位A');
    expect(normalizeName('  市场\u202e监管局\ufeff ')).toBe('市场监管局');
    expect(normalizeName('ＡＢＣ　单位')).toBe('ABC 单位');
    expect(nameKey('单位 a')).toBe(nameKey('单位\u200dＡ'));
    expect(hasInvisible('a\u2066b')).toBe(true);
    expect(hasInvisible('普通名称')).toBe(false);
  });
});
