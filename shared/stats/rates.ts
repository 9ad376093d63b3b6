// STAT9–STAT11: the rates of a set of counts, the composite score for 年终考核 (五(二)) and the ranking by it.
import type { Figures } from './figures';

export interface Rates {
  /** STAT9: on time among deadlines decided, each round counted on its own (round 1 and round 2 together). */
  onTimeRate: number | null;
  round1OnTimeRate: number | null;
  round2OnTimeRate: number | null;
  /** Satisfied among visited: the first 回访 and the final one. */
  firstSatisfactionRate: number | null;
  satisfactionRate: number | null;
  /** Satisfied among cases checked by 回头看. */
  spotCheckSatisfactionRate: number | null;
  /** STAT8: 响应率 and 办结率 among accepted cases (received − rejected). */
  responseRate: number | null;
  resolutionRate: number | null;
}

/** A share rounded to 4 decimals; null when there is nothing to divide (never 0). */
export function rate(part: number, whole: number): number | null {
  return whole <= 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

export function ratesOf(f: Figures): Rates {
  const accepted = f.received - f.rejected;
  return {
    onTimeRate: rate(f.round1OnTime + f.round2OnTime, f.round1OnTime + f.round1Late + f.round2OnTime + f.round2Late),
    round1OnTimeRate: rate(f.round1OnTime, f.round1OnTime + f.round1Late),
    round2OnTimeRate: rate(f.round2OnTime, f.round2OnTime + f.round2Late),
    firstSatisfactionRate: rate(f.firstSatisfied, f.firstVisited),
    satisfactionRate: rate(f.finalSatisfied, f.finalVisited),
    spotCheckSatisfactionRate: rate(f.spotCheckSatisfied, f.spotChecked),
    responseRate: rate(f.responded, accepted),
    resolutionRate: rate(f.closed, accepted),
  };
}

/**
 * STAT10: 五(二) 综合评价 "根据各单位受理诉求及时性、准确性以及企业满意度等": 及时性 = 按时反馈率 (40), 准确性 = 首次回访满意率
 * (一次办好, 30), 企业满意度 = 最终满意率 (30). A part with nothing to measure is left out and the others re-weighted.
 */
export const SCORE_WEIGHTS = [
  { key: 'onTimeRate', label: '及时性（按时反馈率）', weight: 40 },
  { key: 'firstSatisfactionRate', label: '准确性（首次回访满意率）', weight: 30 },
  { key: 'satisfactionRate', label: '企业满意度（最终满意率）', weight: 30 },
] as const satisfies readonly { key: keyof Rates; label: string; weight: number }[];

/**
 * STAT10: 0–100 with 2 decimals, or null when the unit has nothing to score. 回访 is the unit's own duty (四(五)): a
 * unit that fed back cases (`responded`) but recorded no 回访 gets 0 for the satisfaction parts, never a re-weighting
 * that would reward not visiting.
 */
export function compositeScore(r: Rates & { responded?: number }): number | null {
  let sum = 0;
  let weights = 0;
  for (const { key, weight } of SCORE_WEIGHTS) {
    const v = r[key];
    const unvisited = v === null && key !== 'onTimeRate' && (r.responded ?? 0) > 0;
    if (v === null && !unvisited) continue;
    sum += (v ?? 0) * weight;
    weights += weight;
  }
  return weights === 0 ? null : Math.round((sum / weights) * 100 * 100) / 100;
}

/**
 * STAT11: ranks by score, highest first; equal scores share a rank (1, 1, 3) and keep their given order; rows without a
 * score are unranked (rank null) and come last, in their given order.
 */
export function rankByScore<T extends { score: number | null }>(rows: readonly T[]): (T & { rank: number | null })[] {
  const scored = rows.filter((r) => r.score !== null).sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  const ranked = scored.map((r, i) => ({ ...r, rank: i + 1 }));
  for (let i = 1; i < ranked.length; i++) {
    const prev = ranked[i - 1];
    const cur = ranked[i];
    if (prev && cur && prev.score === cur.score) cur.rank = prev.rank;
  }
  return [...ranked, ...rows.filter((r) => r.score === null).map((r) => ({ ...r, rank: null }))];
}
