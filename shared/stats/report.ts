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

/** STAT13 in a unit's own view: the events counted are the unit's own, from these cases, wherever they happened. */
interface OwnEvents {
  cases: readonly CaseData[];
  units: ReadonlySet<string>;
}

/** The attributed figures of `c` that happened at `units` (STAT3, STAT13). */
function eventsAt(c: CaseData, units: ReadonlySet<string>): Figures {
  const events = attributedUnits(c);
  const f: Figures = { ...ZERO_FIGURES };
  for (const key of ATTRIBUTED) f[key] = events[key].filter((u) => units.has(u)).length;
  return f;
}

/** A case's figures without the attributed ones (counted from OwnEvents instead). */
function withoutEvents(f: Figures): Figures {
  return { ...f, ...Object.fromEntries(ATTRIBUTED.map((k) => [k, 0])) };
}

/**
 * Groups in the vocabulary's order, then values outside it (imported data) in first-seen order, then the empty one.
 * With `own` (a unit's view) the attributed figures are the unit's own events, as in its 合计 (STAT13).
 */
function groups(
  cases: readonly CaseData[],
  key: (c: CaseData) => string | null,
  known: readonly string[],
  nowMs: number | null,
  own: OwnEvents | null,
): GroupStats[] {
  const sums = new Map<string, Figures>();
  const add = (c: CaseData, f: Figures) => {
    const k = key(c) ?? NO_VALUE;
    sums.set(k, addFigures(sums.get(k) ?? ZERO_FIGURES, f));
  };
  for (const c of cases) add(c, own === null ? caseFigures(c, nowMs) : withoutEvents(caseFigures(c, nowMs)));
  for (const c of own?.cases ?? []) {
    const f = eventsAt(c, own?.units ?? new Set());
    if (ATTRIBUTED.some((k) => f[k] > 0)) add(c, f);
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
  const own: OwnEvents | null =
    scope === 'unit'
      ? { cases: returnsFrom.filter((c) => inPeriod(period, text(c, 'receivedAt'))), units: new Set(perUnit.keys()) }
      : null;
  const rows = units.map((u) => {
    const r = row(perUnit.get(u.id) ?? ZERO_FIGURES);
    return { unitId: u.id, unitName: u.name, ...r, score: compositeScore(r) };
  });
  return {
    period,
    units: scope === 'all' ? rankByScore(rows) : rows.map((r) => ({ ...r, rank: null })),
    totals: row(totals),
    byCategory: groups(counted, (c) => text(c, 'category'), CATEGORIES, nowMs, own),
    byChannel: groups(counted, (c) => text(c, 'channel'), CHANNELS, nowMs, own),
  };
}
