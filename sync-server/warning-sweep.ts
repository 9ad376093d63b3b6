// SCHED2: the scheduler's periodic pass in slices, so that a pass over a large ledger never stalls the server.
import { setImmediate } from 'node:timers/promises';
import { caseWarning } from '../shared/completion';
import type { Ledger } from './ledger/ledger';

/** Cases checked, and their changed warnings committed as one unit of work, per turn of the event loop. */
export const SWEEP_SLICE = 100;

/**
 * Recomputes `warning` for every case, `slice` cases per turn of the event loop: each slice reads the latest state
 * under the clock of that moment and commits its changes as one unit of work (SCHED1's pass, cut up). Stops early
 * while storage is unavailable. Resolves with how many cases changed.
 */
export async function sweepWarnings(ledger: Ledger, slice = SWEEP_SLICE): Promise<number> {
  const ids = ledger.projection.cases().map((c) => c.id);
  let changed = 0;
  for (let i = 0; i < ids.length; i += slice) {
    if (!ledger.storageState().ok) return changed;
    const now = ledger.clock();
    const changes: [string, string][] = [];
    for (const id of ids.slice(i, i + slice)) {
      const c = ledger.projection.case(id);
      if (c === null) continue;
      const w = caseWarning(ledger.calendar, c, now);
      if (c.fields.warning !== w) changes.push([id, w]);
    }
    if (changes.length > 0)
      ledger.transaction((unit) => {
        for (const [id, w] of changes) ledger.projection.commit(id, { warning: w }, unit);
      });
    changed += changes.length;
    await setImmediate();
  }
  return changed;
}
