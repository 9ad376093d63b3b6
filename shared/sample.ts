// WF30: the 回头看 sample — a seeded random draw of closed or archived cases by 受理日期, repeatable for audit.
import type { CaseData } from './case';
import { num, statusOf, text } from './case';
import { prng } from './prng';

export interface SampleRange {
  /** Inclusive 'YYYY-MM-DD' bounds on 受理日期; null for open-ended. */
  from: string | null;
  to: string | null;
}

function bySeq(a: CaseData, b: CaseData): number {
  return (num(a, 'seq') ?? 0) - (num(b, 'seq') ?? 0) || a.id.localeCompare(b.id);
}

/** The cases a 回头看 may look at: closed or archived, received within the range. */
export function sampleFrame(cases: readonly CaseData[], range: SampleRange): CaseData[] {
  return cases
    .filter((c) => {
      const s = statusOf(c);
      const received = text(c, 'receivedAt');
      if (s !== 'closed' && s !== 'archived') return false;
      if (received === null) return range.from === null && range.to === null;
      return (range.from === null || received >= range.from) && (range.to === null || received <= range.to);
    })
    .sort(bySeq);
}

/**
 * WF30: n cases drawn without replacement (a partial Fisher–Yates shuffle driven by prng(seed)) from the frame in 序号
 * order, returned in 序号 order. The same seed, range and cases always give the same sample.
 */
export function drawSample(cases: readonly CaseData[], range: SampleRange, n: number, seed: number): CaseData[] {
  const frame = sampleFrame(cases, range);
  const random = prng(seed);
  const k = Math.min(n, frame.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (frame.length - i));
    const pick = frame[j] as CaseData;
    frame[j] = frame[i] as CaseData;
    frame[i] = pick;
  }
  return frame.slice(0, k).sort(bySeq);
}
