// STORE6: whether the ledger can write; after a failed write it reloads from the store and probes until the disk takes writes again.
import { LedgerError } from '../../shared/errors';

export interface HealthState {
  readonly ok: boolean;
  /** When the storage became unavailable (ISO time), or null. */
  readonly since: string | null;
  /** Why, in Chinese, without data, or null. */
  readonly reason: string | null;
}

export interface RecoveryHooks {
  /** Waits until every queued write has settled (they fail while the store is halted). */
  settle(): Promise<void>;
  /** Replaces everything in memory with what the store holds. */
  reload(): Promise<void>;
  /** One small durable write; true once the store takes writes again (it resumes itself). */
  probe(): Promise<boolean>;
  /** Runs after a successful probe, before writes are accepted again. */
  resumed(): void;
  clock(): number;
  format(ms: number): string;
  log(message: string, error?: unknown): void;
}

const OK: HealthState = { ok: true, since: null, reason: null };

export class StorageHealth {
  private state: HealthState = OK;
  private readonly listeners = new Set<(s: HealthState) => void>();
  private stopped = false;

  constructor(
    private readonly hooks: RecoveryHooks,
    private readonly delays = { firstMs: 250, maxMs: 5_000 },
  ) {}

  get current(): HealthState {
    return this.state;
  }

  get ok(): boolean {
    return this.state.ok;
  }

  /** Refuses a write while the storage is unavailable (HTTP 503, STORAGE_UNAVAILABLE). */
  assertWritable(): void {
    if (!this.state.ok) throw new LedgerError('STORAGE_UNAVAILABLE');
  }

  /** A write failed: the ledger stops taking writes, reloads what the store holds and probes until it recovers. */
  failed(e: unknown): void {
    if (!this.state.ok || this.stopped) return;
    const detail = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    this.hooks.log('[存储] 写入失败，暂停接受修改，等待存储恢复', e);
    this.set({
      ok: false,
      since: this.hooks.format(this.hooks.clock()),
      reason: `存储写入失败：${detail.slice(0, 200)}`,
    });
    void this.recover();
  }

  onChange(listener: (s: HealthState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.stopped = true;
  }

  private set(s: HealthState): void {
    this.state = s;
    for (const l of this.listeners) {
      try {
        l(s);
      } catch (e) {
        this.hooks.log('[存储] 状态监听出错', e);
      }
    }
  }

  private async recover(): Promise<void> {
    let reloaded = false;
    for (let delay = this.delays.firstMs; !this.stopped; delay = Math.min(delay * 2, this.delays.maxMs)) {
      try {
        if (!reloaded) {
          await this.hooks.settle();
          await this.hooks.reload();
          reloaded = true;
        }
        if (await this.hooks.probe()) {
          this.hooks.resumed();
          this.hooks.log('[存储] 存储已恢复，重新接受修改');
          this.set(OK);
          return;
        }
      } catch (e) {
        this.hooks.log('[存储] 恢复尝试失败', e);
      }
      await new Promise<void>((resolve) => setTimeout(resolve, delay).unref());
    }
  }
}
