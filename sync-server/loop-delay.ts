// Bench-only: with LOOP_DELAY_LOG=1 the server prints, once a second, the longest event-loop stall of that second.
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** The line's prefix; `npm run bench` reads these lines from the server's output. */
export const LOOP_DELAY_TAG = '[loop-delay]';

/**
 * Samples the event loop every `resolutionMs` and prints `[loop-delay] max=<ms> p99=<ms>` every `everyMs`: the longest
 * and 99th-percentile delay of a timer beyond its due time in that window. Returns a stop function.
 */
export function startLoopDelayLog(log: (line: string) => void, everyMs = 1_000, resolutionMs = 2): () => void {
  const h = monitorEventLoopDelay({ resolution: resolutionMs });
  h.enable();
  const timer = setInterval(() => {
    // the histogram holds the time between samples; what exceeds the resolution is the stall
    const stall = (ns: number) => Math.max(0, ns / 1e6 - resolutionMs).toFixed(2);
    log(`${LOOP_DELAY_TAG} max=${stall(h.max)} p99=${stall(h.percentile(99))}`);
    h.reset();
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    h.disable();
  };
}
