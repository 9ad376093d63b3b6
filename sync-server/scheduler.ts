// SCHED1: keeps `warning` current for every case under the clock, so overdue rows show without anyone acting.
import type { Ledger } from './ledger/ledger';
import { sweepWarnings } from './warning-sweep';

export interface Scheduler {
  /** Runs one pass now, whole; returns how many cases changed warning. */
  tick(): number;
  stop(): void;
}

/**
 * Runs a whole pass at start, then every `intervalMs` (default one minute) a pass in slices (SCHED2); a pass still
 * running when the next is due is not doubled.
 */
export function startScheduler(ledger: Ledger, intervalMs = 60_000): Scheduler {
  const tick = (): number => {
    try {
      return ledger.refreshWarnings();
    } catch (e) {
      console.error('[定时任务] 预警刷新失败', e);
      return 0;
    }
  };
  let sweeping = false;
  const sweep = () => {
    if (sweeping) return;
    sweeping = true;
    sweepWarnings(ledger)
      .catch((e: unknown) => console.error('[定时任务] 预警刷新失败', e))
      .finally(() => (sweeping = false));
  };
  tick();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
