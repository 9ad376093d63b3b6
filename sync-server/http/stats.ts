// GET /api/stats: the assessment statistics of a period (STAT1–STAT11) — per unit, totals, by category and channel.
import { setImmediate } from 'node:timers/promises';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Actor } from '../../shared/case';
import { text } from '../../shared/case';
import type { Stats } from '../../shared/contract/http';
import { LedgerError } from '../../shared/errors';
import type { Period, PeriodInput } from '../../shared/stats/period';
import { PERIOD_KEYS, readPeriod } from '../../shared/stats/period';
import { StatsTally } from '../../shared/stats/report';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { readQuery } from './query';
import { sendJson } from './respond';

/** STAT15: cases counted per turn of the event loop (~1.5 ms a slice on this VM when quiet). */
export const STATS_SLICE = 250;

/** STAT15: calls `each` on every item, `slice` per turn of the event loop. */
async function inSlices<T>(items: readonly T[], each: (x: T) => void, slice: number): Promise<void> {
  for (let i = 0; i < items.length; i += slice) {
    if (i > 0) await setImmediate();
    for (const x of items.slice(i, i + slice)) each(x);
  }
}

/**
 * HTTP17, HTTP35: the caller's statistics of a period — a unit only its own row and the cases it leads. STAT15: counted
 * in slices from the cases as they were when asked (the ledger replaces a case's object on every change), under one
 * clock reading, so a large ledger never stalls sync and the figures are those of one instant.
 */
export async function scopedStats(
  ledger: AppDeps['ledger'],
  actor: Actor,
  period: Period,
  slice = STATS_SLICE,
): Promise<Stats> {
  const isUnit = actor.role === 'unit';
  const own = isUnit ? (actor.unitId === null ? null : ledger.unit(actor.unitId)) : null;
  const units = isUnit ? (own === null ? [] : [own]) : ledger.unitList();
  const visible = ledger.visibleCases(actor);
  const cases = isUnit ? visible.filter((x) => own !== null && text(x, 'leadUnit') === own.id) : visible;
  // STAT3: a unit's own returns count even when another unit leads the case now (only the number is shown)
  const returnsFrom = isUnit ? ledger.durableCases() : cases;
  const tally = new StatsTally(period, units, isUnit ? 'unit' : 'all', ledger.clock());
  const overdue = ledger
    .overdueSupervisions()
    .filter((s) => !isUnit || (own !== null && s.unitId === own.id && ledger.caseFor(actor, s.caseId) !== null));
  await inSlices(cases, (c) => tally.addCase(c), slice);
  await inSlices(returnsFrom, (c) => tally.addEvents(c), slice);
  const report = tally.report();
  // STAT7: each unit's own overdue 督办单, not only one number for everyone
  const perUnit = new Map<string, number>();
  for (const s of overdue) perUnit.set(s.unitId, (perUnit.get(s.unitId) ?? 0) + 1);
  const rows = report.units.map((u) => ({ ...u, overdueSupervisions: perUnit.get(u.unitId) ?? 0 }));
  return { ...report, units: rows, overdueSupervisions: overdue.length };
}

/**
 * STAT2, HTTP35: the period of the query (only its five parameters, each once); a bad one is 400 INVALID_PERIOD. An
 * empty parameter (`from=`, what a form sends for a field left blank) is absent (STAT12).
 */
export function periodOfQuery(c: Context<AppEnv>): Period {
  const q = readQuery(c, PERIOD_KEYS);
  const given = (k: string) => q.has(k) && q.get(k) !== '';
  const input: PeriodInput = Object.fromEntries(PERIOD_KEYS.flatMap((k) => (given(k) ? [[k, q.get(k)]] : [])));
  const period = readPeriod(input);
  if (!period.ok) throw LedgerError.from(period.error);
  return period.value;
}

/**
 * HTTP17, HTTP35: office and viewer get every unit and every case; a unit only its own row, counted from the cases it
 * leads (its totals and cuts too). The period is read by the shared rule (STAT2): a bad one is 400 INVALID_PERIOD.
 */
export function statsApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', async (c) => sendJson(c, await scopedStats(ledger, actorOf(c), periodOfQuery(c))));
}
