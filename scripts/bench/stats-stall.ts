// STAT15 in the bench: the statistics of the 10,000-case ledger counted at once vs in slices, and the longest stall.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Actor } from '../../shared/case';
import { readPeriod } from '../../shared/stats/period';
import { statsReport } from '../../shared/stats/report';
import { scopedStats } from '../../sync-server/http/stats';
import type { Ledger } from '../../sync-server/ledger/ledger';
import { summarize } from './stats';

export interface StatsStall {
  /** Counting every case in one synchronous call (what /api/stats did before STAT15): whole = stall. */
  onceMs: number;
  /** STAT15: the route's count in slices: the whole request and the longest event-loop stall meanwhile. */
  slicedMs: number;
  slicedStallMs: number;
}

const OFFICE: Actor = { userId: 'bench-office', name: '营商办', role: 'office', unitId: null };

/** Times `run` with an event-loop delay histogram around it: [whole ms, longest stall ms]. */
async function timed(run: () => Promise<unknown>): Promise<[number, number]> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  await new Promise((r) => setTimeout(r, 20));
  h.enable();
  const t0 = performance.now();
  await run();
  const whole = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 5));
  h.disable();
  return [whole, Math.max(0, h.max / 1e6 - 1)];
}

/** Medians of 5 alternating runs of each way (after one warm-up of each), on the same ledger. */
export async function statsStall(ledger: Ledger): Promise<StatsStall> {
  const period = readPeriod({});
  if (!period.ok) throw new Error(period.error.message);
  const once = async () =>
    statsReport(period.value, ledger.unitList(), ledger.visibleCases(OFFICE), 'all', undefined, ledger.clock());
  const sliced = () => scopedStats(ledger, OFFICE, period.value);
  await once();
  await sliced();
  const a: number[] = [];
  const b: [number, number][] = [];
  for (let i = 0; i < 5; i++) {
    a.push((await timed(once))[0]);
    b.push(await timed(sliced));
  }
  return {
    onceMs: summarize(a).p50,
    slicedMs: summarize(b.map((x) => x[0])).p50,
    slicedStallMs: summarize(b.map((x) => x[1])).p50,
  };
}
