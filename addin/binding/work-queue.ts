// The binding's sheet work, one piece at a time (so the model always matches the sheet), with one repair after a failure.

export class WorkQueue {
  private tail: Promise<void> = Promise.resolve();
  private repairScheduled = false;

  /**
   * `stopped`: no work runs once it says true. `repair`: what to run, once and a little later, after a piece failed
   * (part of a failed write may be in the sheet: the binding compares the whole table again).
   */
  constructor(
    private readonly stopped: () => boolean,
    private readonly repair: () => Promise<void>,
    private readonly repairDelayMs = 1000,
  ) {}

  run(work: () => Promise<void>): Promise<void> {
    this.tail = this.tail
      .then(() => (this.stopped() ? undefined : work()))
      .catch((e: unknown) => {
        console.error('[台账] 表格同步出错，稍后与表格重新核对', e);
        if (this.repairScheduled || this.stopped()) return;
        this.repairScheduled = true;
        setTimeout(
          () =>
            void this.run(async () => {
              this.repairScheduled = false;
              await this.repair();
            }),
          this.repairDelayMs,
        );
      });
    return this.tail;
  }

  /** Resolves when the work queued so far has finished. */
  drained(): Promise<void> {
    return this.tail;
  }
}
