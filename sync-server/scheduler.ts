// SCHED1: keeps `warning` current for every case under the clock, so overdue rows show without anyone acting.
import type { Ledger } from './ledger/ledger';

export interface Scheduler {
  /** Runs one pass now; returns how many cases changed warning. */
  tick(): number;
  stop(): void;
}

/** Runs a pass at start and then every `intervalMs` (default one minute). */
export function startScheduler(ledger: Ledger, intervalMs = 60_000): Scheduler {
  const tick = (): number => {
    try {
      return ledger.refreshWarnings();
    } catch (e) {
      console.error('[定时任务] 预警刷新失败', e);
      return 0;
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
