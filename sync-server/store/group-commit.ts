// Group commit: writes queued during one event-loop tick run as one batch; one batch at a time, in order; halts after a failed batch.
import { setImmediate } from 'node:timers'; // not the global: a test's fake timers must not stall commits
import { StoreHaltedError } from './store';

/**
 * Runs one batch. Returns one entry per op: null when the op took effect, or the error that made
 * that op alone fail (its effects undone). Throws when the batch as a whole failed (nothing of it took effect).
 */
export type BatchRunner<Op> = (ops: readonly Op[]) => Promise<(Error | null)[]>;

interface Pending<Op> {
  seq: number;
  op: Op;
  done: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class GroupCommit<Op> {
  private queue: Pending<Op>[] = [];
  private inFlight: Pending<Op>[] = [];
  private scheduled = false;
  private running = false;
  /** The batch or probe holding the writer now (probe waits for it). */
  private current: Promise<void> | null = null;
  private haltedBy: Error | null = null;
  private closedReason: string | null = null;
  private batchCount = 0;
  private nextSeq = 0;
  /** Sequence numbers and reasons of recent failed ops (failures are rare; the list is bounded). */
  private failures: { seq: number; reason: unknown }[] = [];

  constructor(
    private readonly run: BatchRunner<Op>,
    private readonly log: (message: string, error: unknown) => void,
  ) {}

  /** Batches that ran to completion (for SQLite: successful COMMITs). */
  get commits(): number {
    return this.batchCount;
  }

  /** STORE6: the failure that halted the queue, or null. */
  get halted(): Error | null {
    return this.haltedBy;
  }

  /** Queues an op built by `make` (a throw there rejects at once and queues nothing). */
  enqueue(make: () => Op): Promise<void> {
    if (this.closedReason !== null) return Promise.reject(new Error(this.closedReason));
    let op: Op;
    try {
      op = make();
    } catch (e) {
      return Promise.reject(e);
    }
    if (this.haltedBy !== null) return Promise.reject(new StoreHaltedError(this.haltedBy));
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const seq = this.nextSeq++;
    const fail = (e: unknown) => {
      this.failures.push({ seq, reason: e });
      if (this.failures.length > 1000) this.failures.splice(0, this.failures.length - 1000);
      reject(e);
    };
    this.queue.push({ seq, op, done, resolve, reject: fail });
    this.schedule();
    return done;
  }

  /** Resolves when every op queued so far has taken effect; rejects if one of them failed. */
  async flush(): Promise<void> {
    // batches complete in order, so once the last pending op has settled every earlier one has too
    const first = this.inFlight[0] ?? this.queue[0];
    const last = this.queue[this.queue.length - 1] ?? this.inFlight[this.inFlight.length - 1];
    if (first === undefined || last === undefined) return;
    await last.done.catch(() => undefined);
    const failed = this.failures.filter((f) => f.seq >= first.seq && f.seq <= last.seq);
    if (failed.length > 0) throw new Error(`${failed.length} 个写入未能持久化`, { cause: failed[0]?.reason });
  }

  /** Resolves once no batch or probe is running (call after close + flush, before closing the connection). */
  async idle(): Promise<void> {
    while (this.current !== null) await this.current;
  }

  /** Refuses further ops with `reason`; ops already queued still run. */
  close(reason: string): void {
    this.closedReason ??= reason;
  }

  /**
   * STORE6: runs `write` (one small durable write) between batches, outside the queue. On success a halted queue
   * resumes and this resolves true; on failure it resolves false (the queue stays as it was). Never rejects.
   */
  async probe(write: () => Promise<void>): Promise<boolean> {
    while (this.current !== null) await this.current; // no await between this check and the claim below
    if (this.closedReason !== null) return false;
    this.running = true;
    const attempt = (async () => {
      try {
        await write();
        return true;
      } catch {
        return false; // still failing: the caller polls again
      }
    })();
    this.current = attempt.then(() => undefined);
    const ok = await attempt;
    this.current = null;
    this.running = false;
    if (ok) this.haltedBy = null;
    if (this.queue.length > 0) this.schedule();
    return ok;
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.next();
    });
  }

  private async next(): Promise<void> {
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    const batch = this.queue;
    this.queue = [];
    this.inFlight = batch;
    const done = this.runBatch(batch);
    this.current = done;
    await done;
    this.current = null;
    this.inFlight = [];
    this.running = false;
    if (this.queue.length > 0) this.schedule();
  }

  private async runBatch(batch: readonly Pending<Op>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((p) => p.op));
      this.batchCount++;
      batch.forEach((p, i) => {
        const err = results[i];
        if (err === null) p.resolve();
        else p.reject(err ?? new Error('内部错误：批量提交未返回该写入的结果'));
      });
    } catch (e) {
      this.halt(batch, e);
    }
  }

  /** STORE6: the batch failed as a whole: reject it and everything queued behind it; refuse new ops until a probe succeeds. */
  private halt(batch: readonly Pending<Op>[], e: unknown): void {
    const cause = e instanceof Error ? e : new Error(String(e));
    this.haltedBy = cause;
    const queued = this.queue;
    this.queue = [];
    for (const p of batch) p.reject(cause);
    for (const p of queued) p.reject(new StoreHaltedError(cause));
    try {
      this.log(
        `存储批量提交失败，${batch.length} 个写入被拒绝（未写入）；存储暂停写入，另有 ${queued.length} 个排队写入被拒绝，待探测写入成功后恢复`,
        cause,
      );
    } catch {
      // a failing logger must not stop the queue
    }
  }
}
