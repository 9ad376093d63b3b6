// NUM1–NUM2: 诉求编号 〔2026〕15号 and 督办单 〔2026〕督3号.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCaseCode, formatSupervisionCode, parseCaseCode, parseSupervisionCode } from '../../shared/numbering';

describe('numbering', () => {
  it('NUM1: case codes read as the office writes them', () => {
    expect(formatCaseCode(2026, 15)).toBe('〔2026〕15号');
    expect(parseCaseCode('〔2026〕15号')).toEqual({ year: 2026, n: 15 });
    expect(parseCaseCode('〔2026〕督15号')).toBeNull();
  });

  it('NUM2: 督办单 codes carry 督', () => {
    expect(formatSupervisionCode(2026, 3)).toBe('〔2026〕督3号');
    expect(parseSupervisionCode('〔2026〕督3号')).toEqual({ year: 2026, n: 3 });
    expect(parseSupervisionCode('〔2026〕3号')).toBeNull();
  });

  it('NUM1/NUM2: format and parse round-trip; nonsense numbers are refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2200 }), fc.integer({ min: 1, max: 999_999 }), (y, n) => {
        expect(parseCaseCode(formatCaseCode(y, n))).toEqual({ year: y, n });
        expect(parseSupervisionCode(formatSupervisionCode(y, n))).toEqual({ year: y, n });
      }),
    );
    expect(() => formatCaseCode(2026, 0)).toThrow(RangeError);
    expect(() => formatCaseCode(2026, 1.5)).toThrow(RangeError);
  });
});
