// Event delivery of the simulator: events are queued while a request runs and delivered asynchronously, like Excel does.
import type { SimSheet } from './sheet';

type Kind = 'changed' | 'selectionChanged' | 'rowSorted';

export class EventHub {
  /** Errors thrown (or rejected) by add-in event handlers; Excel swallows them, tests can inspect them. */
  readonly handlerErrors: unknown[] = [];
  delivered = 0;
  dropped = 0;
  private queue: { sheet: SimSheet; kind: Kind; args: object }[] = [];
  private toDrop = 0;
  private scheduled = false;
  private readonly inflight = new Set<Promise<unknown>>();

  raise(sheet: SimSheet, kind: Kind, args: object): void {
    if (kind === 'changed' && this.toDrop > 0) {
      this.toDrop--;
      this.dropped++;
      return;
    }
    this.queue.push({ sheet, kind, args });
    if (!this.scheduled) {
      this.scheduled = true;
      setTimeout(() => this.pump(), 0);
    }
  }

  /** The next `count` onChanged events are lost (as when a host drops them): for testing reconciliation. */
  drop(count = 1): void {
    this.toDrop += count;
  }

  /** Resolves when no event is queued and every handler (and what it awaited) has finished. */
  async settle(): Promise<void> {
    for (let quiet = 0; quiet < 2;) {
      await new Promise((r) => setTimeout(r, 0));
      if (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
      quiet = this.queue.length === 0 && !this.scheduled && this.inflight.size === 0 ? quiet + 1 : 0;
    }
  }

  private pump(): void {
    this.scheduled = false;
    for (const { sheet, kind, args } of this.queue.splice(0)) {
      for (const handler of [...sheet.handlers[kind]]) {
        this.delivered++;
        try {
          const result = (handler as (a: object) => unknown)(args);
          if (result instanceof Promise) {
            const tracked = result
              .catch((e: unknown) => {
                this.handlerErrors.push(e);
              })
              .finally(() => this.inflight.delete(tracked));
            this.inflight.add(tracked);
          }
        } catch (e) {
          this.handlerErrors.push(e);
        }
      }
    }
  }
}
