// BIND22: rows that cannot be added or removed while the table is filtered: one notice, and a retry at a slow pace.

/** The notice shown once while rows wait for the filter to be cleared. */
export const FILTERED_NOTICE =
  '台账表格正在筛选：Excel 不允许在筛选状态下插入或删除表格行，新增或删除的诉求行暂不写入表格，' +
  '取消筛选后会自动补上；其他内容照常更新。';

/**
 * Excel refuses to insert or delete rows of a filtered table (office-js #994). The binding does not clear the user's
 * filter (it is theirs, and with co-authors it would change everyone's view); it writes values, which work on hidden
 * rows too, keeps the ids whose row must be added or removed, tells the user once, and tries again every `retryMs`
 * (one host call per try: never a retry storm). A try that goes through ends the waiting and re-arms the notice.
 */
export class RowDeferral {
  private readonly waiting = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private notified = false;

  constructor(
    private readonly retryMs: number,
    private readonly notify: (message: string) => void,
    private readonly retry: (ids: readonly string[]) => void,
  ) {}

  /** Rows of these cases wait; the user hears it once; a retry is scheduled. */
  defer(ids: readonly string[]): void {
    for (const id of ids) this.waiting.add(id);
    if (!this.notified) {
      this.notified = true;
      this.notify(FILTERED_NOTICE);
    }
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const ids = [...this.waiting];
      this.waiting.clear();
      this.retry(ids);
    }, this.retryMs);
  }

  /** A write that added or removed rows went through: nothing waits any more. */
  done(): void {
    this.notified = false;
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
