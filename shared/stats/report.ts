// STAT1: the assessment statistics of a period — per lead unit with score and rank, totals, by category and by channel.
import type { CaseData } from '../case';
import { text } from '../case';
import { CATEGORIES, CHANNELS } from '../vocabulary';
import type { Figures } from './figures';
import { addFigures, caseFigures, FIGURE_KEYS, ZERO_FIGURES } from './figures';
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

/** The attributed figures of `c` that happened at `units` (STAT3, STAT13). */
function eventsAt(c: CaseData, units: ReadonlySet<string>): Figures {
  const events = attributedUnits(c);
  const f: Figures = { ...ZERO_FIGURES };
  for (const key of ATTRIBUTED) f[key] = events[key].filter((u) => units.has(u)).length;
  return f;
}

/** A case's figures without the attributed ones (counted from the unit's own events instead). */
function withoutEvents(f: Figures): Figures {
  return { ...f, ...Object.fromEntries(ATTRIBUTED.map((k) => [k, 0])) };
}

/** Adds `f` into `acc` in place (the tally's own accumulators only). */
function addInto(acc: Figures, f: Figures): void {
  for (const k of FIGURE_KEYS) acc[k] += f[k];
}

/** The accumulator of one group value, made on first sight (first-seen order is the order of values outside the vocabulary). */
function groupOf(sums: Map<string, Figures>, key: string | null): Figures {
  const k = key ?? NO_VALUE;
  let acc = sums.get(k);
  if (acc === undefined) {
    acc = { ...ZERO_FIGURES };
    sums.set(k, acc);
  }
  return acc;
}

/** Groups in the vocabulary's order, then values outside it (imported data) in first-seen order, then the empty one. */
function groupRows(sums: ReadonlyMap<string, Figures>, known: readonly string[]): GroupStats[] {
  const order = [...known, ...[...sums.keys()].filter((k) => !known.includes(k) && k !== NO_VALUE), NO_VALUE];
  return order.flatMap((k) => {
    const f = sums.get(k);
    return f === undefined ? [] : [{ key: k, ...row(f) }];
  });
}

/**
 * STAT1: the statistics of a period counted a case at a time, so that a large ledger can be counted in slices (the
 * server yields between them). Every case the caller may count goes through `addCase` first, then every case whose
 * events count at the units through `addEvents` (STAT3, STAT13); `report()` gives what statsReport gives.
 */
export class StatsTally {
  private readonly perUnit: Map<string, Figures>;
  private readonly totals: Figures = { ...ZERO_FIGURES };
  private readonly byCategory = new Map<string, Figures>();
  private readonly byChannel = new Map<string, Figures>();
  private readonly unitIds: ReadonlySet<string>;

  constructor(
    private readonly period: Period,
    private readonly units: readonly { id: string; name: string }[],
    private readonly scope: 'all' | 'unit',
    private readonly nowMs: number | null,
  ) {
    this.perUnit = new Map(units.map((u) => [u.id, { ...ZERO_FIGURES }]));
    this.unitIds = new Set(this.perUnit.keys());
  }

  /** A case the caller may count (a unit: only the cases it leads, HTTP35); outside the period it adds nothing. */
  addCase(c: CaseData): void {
    if (!inPeriod(this.period, text(c, 'receivedAt'))) return;
    const f = caseFigures(c, this.nowMs);
    addInto(this.totals, f);
    const lead = text(c, 'leadUnit');
    const acc = lead === null ? undefined : this.perUnit.get(lead);
    if (acc !== undefined) addInto(acc, leadShare(f));
    // STAT13: in a unit's view the cuts' attributed figures are the unit's own events, added by addEvents
    const g = this.scope === 'unit' ? withoutEvents(f) : f;
    addInto(groupOf(this.byCategory, text(c, 'category')), g);
    addInto(groupOf(this.byChannel, text(c, 'channel')), g);
  }

  /**
   * STAT3, STAT13: a return, a 督办单, a late reply and an extension count at the unit they happened at, whoever leads
   * the case now (a unit's own events on cases it no longer sees: a number, never the cases).
   */
  addEvents(c: CaseData): void {
    if (!inPeriod(this.period, text(c, 'receivedAt'))) return;
    const events = attributedUnits(c);
    for (const key of ATTRIBUTED) {
      for (const u of events[key]) {
        const at = this.perUnit.get(u);
        if (at !== undefined) at[key] += 1;
      }
    }
    if (this.scope !== 'unit') return;
    const f = eventsAt(c, this.unitIds);
    if (!ATTRIBUTED.some((k) => f[k] > 0)) return;
    addInto(groupOf(this.byCategory, text(c, 'category')), f);
    addInto(groupOf(this.byChannel, text(c, 'channel')), f);
  }

  report(): StatsReport {
    let totals: Figures = { ...this.totals };
    if (this.scope === 'unit') {
      const own = [...this.perUnit.values()].reduce(addFigures, ZERO_FIGURES);
      totals = { ...totals, ...Object.fromEntries(ATTRIBUTED.map((k) => [k, own[k]])) };
    }
    const rows = this.units.map((u) => {
      const r = row(this.perUnit.get(u.id) ?? ZERO_FIGURES);
      return { unitId: u.id, unitName: u.name, ...r, score: compositeScore(r) };
    });
    return {
      period: this.period,
      units: this.scope === 'all' ? rankByScore(rows) : rows.map((r) => ({ ...r, rank: null })),
      totals: row(totals),
      byCategory: groupRows(this.byCategory, CATEGORIES),
      byChannel: groupRows(this.byChannel, CHANNELS),
    };
  }
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
  const tally = new StatsTally(period, units, scope, nowMs);
  for (const c of cases) tally.addCase(c);
  for (const c of returnsFrom) tally.addEvents(c);
  return tally.report();
}
