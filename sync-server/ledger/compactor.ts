// STORE30: snapshots of large rooms encoded in a worker thread, so a compaction never stalls the event loop.
import { Worker } from 'node:worker_threads';

interface Job {
  resolve: (snapshot: Uint8Array) => void;
  reject: (e: Error) => void;
}

/** One worker, started on first use, unref'd (it never keeps the process alive); jobs answered in any order by id. */
export class Compactor {
  private worker: Worker | null = null;
  private readonly jobs = new Map<number, Job>();
  private nextId = 0;
  private closed = false;

  /** The snapshot of the document the parts make up (the same bytes RoomDocs would encode from its document). */
  snapshot(parts: readonly Uint8Array[]): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('压缩线程已关闭'));
    const id = this.nextId++;
    // one buffer, moved rather than copied: cloning thousands of small views would copy each one's whole buffer
    let total = 0;
    for (const p of parts) total += p.length;
    const bytes = new Uint8Array(total);
    const lengths = new Uint32Array(parts.length);
    let at = 0;
    parts.forEach((p, i) => {
      bytes.set(p, at);
      at += p.length;
      lengths[i] = p.length;
    });
    return new Promise<Uint8Array>((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      this.started().postMessage({ id, bytes, lengths }, [bytes.buffer, lengths.buffer]);
    });
  }

  /** Jobs not answered yet. */
  get pending(): number {
    return this.jobs.size;
  }

  /** Stops the worker; unanswered jobs are rejected. */
  close(): void {
    this.closed = true;
    this.fail(new Error('压缩线程已关闭'));
    void this.worker?.terminate();
    this.worker = null;
  }

  private started(): Worker {
    if (this.worker !== null) return this.worker;
    const worker = new Worker(new URL('./compact-worker.mjs', import.meta.url));
    worker.unref();
    worker.on('message', (m: { id: number; snapshot?: Uint8Array; error?: string }) => {
      const job = this.jobs.get(m.id);
      if (job === undefined) return;
      this.jobs.delete(m.id);
      if (m.snapshot instanceof Uint8Array) job.resolve(m.snapshot);
      else job.reject(new Error(m.error ?? '压缩线程没有返回快照'));
    });
    worker.on('error', (e) => {
      this.worker = null;
      this.fail(e);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.fail(new Error('压缩线程已退出'));
    });
    this.worker = worker;
    return worker;
  }

  private fail(e: Error): void {
    for (const job of this.jobs.values()) job.reject(e);
    this.jobs.clear();
  }
}
