// GET /api/stats: per handling unit — cases led, closed, on-time rate, satisfaction rate, overdue, 督办, second handling.
import { Hono } from 'hono';
import type { Stats } from '../../shared/contract/http';
import type { Counts } from '../../shared/stats';
import { ZERO_COUNTS, sumCounts, unitStats, withRates } from '../../shared/stats';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { readQuery } from './query';
import { sendJson } from './respond';

/** HTTP17: office and viewer get every unit; a unit only its own row. Totals and overdue 督办单 follow the same scope. */
export function statsApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', (c) => {
    readQuery(c, []);
    const actor = actorOf(c);
    const own = actor.role === 'unit' ? (actor.unitId === null ? null : ledger.unit(actor.unitId)) : null;
    const units = actor.role === 'unit' ? (own === null ? [] : [own]) : ledger.unitList();
    const rows = unitStats(units, ledger.visibleCases(actor));
    const ids = new Set(units.map((u) => u.id));
    const overdueSupervisions = ledger
      .overdueSupervisions()
      .filter((s) => actor.role !== 'unit' || (ids.has(s.unitId) && ledger.caseFor(actor, s.caseId) !== null)).length;
    const totals = withRates(rows.reduce<Counts>((acc, r) => sumCounts(acc, r), ZERO_COUNTS));
    return sendJson(c, { units: rows, totals, overdueSupervisions } satisfies Stats);
  });
}
