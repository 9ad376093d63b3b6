// GET /api/stats: the assessment statistics of a period (STAT1–STAT11) — per unit, totals, by category and channel.
import { Hono } from 'hono';
import { text } from '../../shared/case';
import type { Stats } from '../../shared/contract/http';
import { LedgerError } from '../../shared/errors';
import type { PeriodInput } from '../../shared/stats/period';
import { PERIOD_KEYS, readPeriod } from '../../shared/stats/period';
import { statsReport } from '../../shared/stats/report';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { readQuery } from './query';
import { sendJson } from './respond';

/**
 * HTTP17, HTTP35: office and viewer get every unit and every case; a unit only its own row, counted from the cases it
 * leads (its totals and cuts too). The period is read by the shared rule (STAT2): a bad one is 400 INVALID_PERIOD.
 */
export function statsApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', (c) => {
    const q = readQuery(c, PERIOD_KEYS);
    const input: PeriodInput = Object.fromEntries(PERIOD_KEYS.flatMap((k) => (q.has(k) ? [[k, q.get(k)]] : [])));
    const period = readPeriod(input);
    if (!period.ok) throw LedgerError.from(period.error);
    const actor = actorOf(c);
    const isUnit = actor.role === 'unit';
    const own = isUnit ? (actor.unitId === null ? null : ledger.unit(actor.unitId)) : null;
    const units = isUnit ? (own === null ? [] : [own]) : ledger.unitList();
    const visible = ledger.visibleCases(actor);
    const cases = isUnit ? visible.filter((x) => own !== null && text(x, 'leadUnit') === own.id) : visible;
    // STAT3: a unit's own returns count even when another unit leads the case now (only the number is shown)
    const returnsFrom = isUnit ? ledger.durableCases() : cases;
    const report = statsReport(period.value, units, cases, isUnit ? 'unit' : 'all', returnsFrom);
    const ids = new Set(units.map((u) => u.id));
    const overdue = ledger
      .overdueSupervisions()
      .filter((s) => !isUnit || (ids.has(s.unitId) && ledger.caseFor(actor, s.caseId) !== null));
    // STAT7: each unit's own overdue 督办单, not only one number for everyone
    const perUnit = new Map<string, number>();
    for (const s of overdue) perUnit.set(s.unitId, (perUnit.get(s.unitId) ?? 0) + 1);
    const rows = report.units.map((u) => ({ ...u, overdueSupervisions: perUnit.get(u.unitId) ?? 0 }));
    return sendJson(c, { ...report, units: rows, overdueSupervisions: overdue.length } satisfies Stats);
  });
}
