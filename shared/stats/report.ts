// STAT1: the assessment statistics of a period — per lead unit with score and rank, totals, by category and by channel.
import type { CaseData } from '../case';
import { text } from '../case';
import { CATEGORIES, CHANNELS } from '../vocabulary';
import type { Figures } from './figures';
import { addFigures, caseFigures, ZERO_FIGURES } from './figures';
import { ATTRIBUTED, attributedUnits, leadShare } from './attribution';
import type { Period } from './period';
import { inPeriod } from './period';
import type { Rates } from './rates';
import { compositeScore, rankByScore, ratesOf } from './rates';

export type StatsRow = Figures & Rates;
export type UnitStats = { unitId: string; unitName: string; score: number | null; rank: number | null } & StatsRow;
/** A cut by 诉求类别 or 问题来源: `key` is the value, '（未填写）' for cases without one. */
export type GroupStats = { key: string } & StatsRow;

export interface StatsReport {
  period: Period;
  units: UnitStats[];
  totals: StatsRow;
  byCategory: GroupStats[];
  byChannel: GroupStats[];
}

export const NO_VALUE = '（未填写）';

function row(f: Figures): StatsRow {
  return { ...f, ...ratesOf(f) };
}

/** Groups in the vocabulary's order, then values outside it (imported data) in first-seen order, then the empty one. */
function groups(
  cases: readonly CaseData[],
  key: (c: CaseData) => string | null,
  known: readonly string[],
  nowMs: number | null,
): GroupStats[] {
  const sums = new Map<string, Figures>();
  for (const c of cases) {
    const k = key(c) ?? NO_VALUE;
    sums.set(k, addFigures(sums.get(k) ?? ZERO_FIGURES, caseFigures(c, nowMs)));
  }
  const order = [...known, ...[...sums.keys()].filter((k) => !known.includes(k) && k !== NO_VALUE), NO_VALUE];
  return order.filter((k) => sums.has(k)).map((k) => ({ key: k, ...row(sums.get(k) ?? ZERO_FIGURES) }));
}

/**
 * STAT1: `cases` are those the caller may count (a unit: only the cases it leads, HTTP35; `returnsFrom`: the cases whose
 * returns count at the units, STAT3 — for a unit every case, since a case it returned may be led by another now); units in the given order
 * become rows ranked by score (STAT11; a unit's own row alone is not ranked). Totals count every case of the period, led by a unit or not.
 */
export function statsReport(
  period: Period,
  units: readonly { id: string; name: string }[],
  cases: readonly CaseData[],
  scope: 'all' | 'unit' = 'all',
  returnsFrom: readonly CaseData[] = cases,
  nowMs: number | null = null,
): StatsReport {
  const counted = cases.filter((c) => inPeriod(period, text(c, 'receivedAt')));
  const perUnit = new Map<string, Figures>(units.map((u) => [u.id, ZERO_FIGURES]));
  let totals = ZERO_FIGURES;
  for (const c of counted) {
    const f = caseFigures(c, nowMs);
    totals = addFigures(totals, f);
    const lead = text(c, 'leadUnit');
    const acc = lead === null ? undefined : perUnit.get(lead);
    if (lead !== null && acc !== undefined) perUnit.set(lead, addFigures(acc, leadShare(f)));
  }
  // STAT3, STAT13: a return, a 督办单, a late reply and an extension count at the unit they happened at, whoever
  // leads the case now (a unit's own events on cases it no longer sees come from `returnsFrom`: a number, never the cases)
  for (const c of returnsFrom) {
    if (!inPeriod(period, text(c, 'receivedAt'))) continue;
    const events = attributedUnits(c);
    for (const key of ATTRIBUTED) {
      for (const u of events[key]) {
        const at = perUnit.get(u);
        if (at !== undefined) perUnit.set(u, { ...at, [key]: at[key] + 1 });
      }
    }
  }
  if (scope === 'unit') {
    const own = [...perUnit.values()].reduce(addFigures, ZERO_FIGURES);
    totals = { ...totals, ...Object.fromEntries(ATTRIBUTED.map((k) => [k, own[k]])) };
  }
  const rows = units.map((u) => {
    const r = row(perUnit.get(u.id) ?? ZERO_FIGURES);
    return { unitId: u.id, unitName: u.name, ...r, score: compositeScore(r) };
  });
  return {
    period,
    units: scope === 'all' ? rankByScore(rows) : rows.map((r) => ({ ...r, rank: null })),
    totals: row(totals),
    byCategory: groups(counted, (c) => text(c, 'category'), CATEGORIES, nowMs),
    byChannel: groups(counted, (c) => text(c, 'channel'), CHANNELS, nowMs),
  };
}
