// STORE30: snapshots of large rooms encoded in a worker thread, so a compaction never stalls the event loop.
import { setImmediate } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';

/** Bytes copied per turn of the event loop before the parts go to the worker. */
const COPY_SLICE_BYTES = 256 * 1024;

/**
 * STORE30: a buffer that is not zeroed first, for the parts' copy (every byte of it is written before the worker gets
 * it). Zeroing 7.8 MiB that glibc took from its heap took 30 ms of the event loop once here (docs/PERFORMANCE.md).
 */
function unzeroed(size: number) {
  const b = Buffer.allocUnsafeSlow(size);
  return new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, size);
}

interface Job {
  resolve: (snapshot: Uint8Array) => void;
  reject: (e: Error) => void;
}

/**
 * STORE43: how long the worker waits for another job before it ends. Its memory stays with it while it lives: ~20
 * MiB after a small room, ~200 MiB after the 10,000-case ledger room (measured here).
 */
export const WORKER_IDLE_MS = 2000;

/**
 * One worker, started on first use and ended once it has had no job for `idleMs` (STORE43); it keeps the process
 * alive only while a job is in it; jobs answered in any order by id.
 */
export class Compactor {
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Jobs whose parts are still being copied (not in `jobs` yet): the worker is not idle meanwhile. */
  private copying = 0;
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private closed = false;

  /** STORE41: `lowPriority` false keeps the worker at the process's priority (for the bench's comparison). */
  constructor(
    private readonly lowPriority = true,
    private readonly idleMs = WORKER_IDLE_MS,
  ) {}

  /**
   * The snapshot of the document the parts make up (the same bytes RoomDocs would encode from its document). The
   * parts are copied into one buffer a slice per turn of the event loop (touching fresh memory costs ~4–8 ms a MiB
   * here, so a slice is 256 KiB), then moved to the worker; parts appended to the list meanwhile are not part of it (stored updates never
   * change).
   */
  async snapshot(given: readonly Uint8Array[]): Promise<Uint8Array> {
    if (this.closed) throw new Error('压缩线程已关闭');
    this.busy();
    this.copying++;
    let copied: { bytes: Uint8Array<ArrayBuffer>; lengths: Uint32Array<ArrayBuffer> };
    try {
      copied = await this.copied(given.slice());
    } finally {
      this.copying--;
    }
    const { bytes, lengths } = copied;
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      const worker = this.started();
      worker.postMessage({ id, bytes, lengths }, [bytes.buffer, lengths.buffer]);
      worker.ref(); // a job in the worker keeps the process alive until it is answered; an idle worker never does
    });
  }

  /** The parts end to end, copied a slice per turn (the room's log may grow meanwhile, `parts` does not). */
  private async copied(parts: readonly Uint8Array[]) {
    let total = 0;
    for (const p of parts) total += p.length;
    const bytes = unzeroed(total);
    const lengths = new Uint32Array(parts.length);
    let at = 0;
    let sliceEnd = COPY_SLICE_BYTES;
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as Uint8Array;
      lengths[i] = p.length;
      for (let from = 0; from < p.length;) {
        const n = Math.min(p.length - from, sliceEnd - at);
        bytes.set(p.subarray(from, from + n), at);
        at += n;
        from += n;
        if (at >= sliceEnd) {
          sliceEnd += COPY_SLICE_BYTES;
          await setImmediate();
          if (this.closed) throw new Error('压缩线程已关闭');
        }
      }
    }
    return { bytes, lengths };
  }

  /** Jobs not answered yet. */
  get pending(): number {
    return this.jobs.size;
  }

  /** Stops the worker; unanswered jobs are rejected. */
  close(): void {
    this.closed = true;
    this.fail(new Error('压缩线程已关闭'));
    this.end();
  }

  /** STORE43: the worker ends once it has had no job for a while; the next job starts another. */
  private idle(): void {
    if (this.jobs.size === 0) this.worker?.unref();
    if (this.jobs.size > 0 || this.copying > 0 || this.worker === null) return;
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.jobs.size === 0 && this.copying === 0) this.end();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  /** A job is on its way: the worker stays (its idle wait starts again after the last answer). */
  private busy(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private end(): void {
    this.busy();
    void this.worker?.terminate();
    this.worker = null;
  }

  private started(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(new URL('./compact-worker.mjs', import.meta.url), {
      workerData: { lowPriority: this.lowPriority },
    });
    worker.on('message', (m: { id: number; snapshot?: Uint8Array; error?: string }) => {
      const job = this.jobs.get(m.id);
      if (job === undefined) return;
      this.jobs.delete(m.id);
      if (m.snapshot instanceof Uint8Array) job.resolve(m.snapshot);
      else job.reject(new Error(m.error ?? '压缩线程没有返回快照'));
      this.idle();
    });
    // a worker ended because it was idle (or this was closed) is no longer this.worker: nothing of it is pending
    worker.on('error', (e) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(e);
    });
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(new Error('压缩线程已退出'));
    });
    // after the listeners: in Node 20 adding a 'message' listener refs the worker again (STORE43: only jobs ref it)
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private fail(e: Error): void {
    for (const job of this.jobs.values()) job.reject(e);
    this.jobs.clear();
  }
}
