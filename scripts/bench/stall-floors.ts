// Bench only: the machine's own floors for event-loop stalls, measured beside the compaction stall (STORE30, STORE41).
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';

/** The longest gap between 1 ms ticks of this event loop while `during` runs. */
async function longestGap(during: () => Promise<void>): Promise<number> {
  const ticks: number[] = [];
  const timer = setInterval(() => ticks.push(performance.now()), 1);
  try {
    await during();
  } finally {
    clearInterval(timer);
  }
  let longest = 0;
  for (let i = 1; i < ticks.length; i++) longest = Math.max(longest, (ticks[i] ?? 0) - (ticks[i - 1] ?? 0) - 1);
  return longest;
}

/** The longest gap over 2 s with nothing else running in this process. */
export function idleFloor(): Promise<number> {
  return longestGap(() => new Promise((r) => setTimeout(r, 2000)));
}

/**
 * A heap of 170 MiB of small objects is ~227 MiB resident here, about what rebuilding the 10,000-case ledger room
 * takes (124 MiB of heap, 236 MiB resident, measured in a plain node process).
 */
const CHURN_BYTES = 170 * 2 ** 20;

/** Allocates small objects until the heap holds CHURN_BYTES, keeps them 300 ms, and ends (its memory is freed). */
const CHURN_SCRIPT = `
const keep = [];
while (process.memoryUsage().heapUsed < ${CHURN_BYTES}) for (let i = 0; i < 10000; i++) keep.push({ i, s: 'x' + i, a: [i] });
setTimeout(() => process.exit(0), 300);
`;

/**
 * The longest gap while another process, unrelated to this one and at the lowest priority (nice 19), allocates about
 * as much memory as a compaction of the ledger room does and then ends, plus 100 ms after. On a virtual machine whose
 * memory the host takes back, that alone stalls an idle event loop (docs/PERFORMANCE.md).
 */
export function memoryChurnFloor(): Promise<number> {
  return longestGap(async () => {
    const child = spawn(process.execPath, ['-e', CHURN_SCRIPT], { stdio: 'ignore' });
    try {
      if (child.pid !== undefined) setPriority(child.pid, 19);
    } catch {
      // refused: it runs at this process's priority
    }
    // a process that could not be started (out of resources) ends the wait too: the gap is then of the attempt alone
    await new Promise((r) => {
      child.once('exit', r);
      child.once('error', r);
    });
    await new Promise((r) => setTimeout(r, 100));
  });
}
