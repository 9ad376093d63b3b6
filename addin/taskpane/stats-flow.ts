// ADDIN30, ADDIN31, ADDIN55: the 统计 view's flow — the period asked, the figures fetched and drawn, the sheet, the .xlsx.
import type { Stats } from '../../shared/contract/http';
import type { PeriodInput } from '../../shared/stats/period';
import { formatShanghai, shanghaiDate } from '../../shared/time';
import type { DownloadedFile } from '../client/api';
import { ApiError } from '../client/api';
import { ReportSheetTakenError } from '../sheet/port';
import { fill } from './dom';
import { statsXlsxPath } from './export-flow';
import { saveFile } from './save-file';
import type { PeriodChoice } from './stats-period';
import { checkChoice, defaultChoice } from './stats-period';
import { statsSection } from './stats-section';
import { statsSheet } from './stats-sheet';
import { statsModel } from './stats-view';
import type { Message } from './views';
import type { Session } from './session';

/** What the 统计 view needs of the pane (the pane's PaneHost has it). */
export interface StatsHost {
  readonly session: Session | null;
  readonly view: string;
  notify(tone: Message['tone'], text: string, key?: string): void;
  tokenRejected(): void;
}

export class StatsFlow {
  /** ADDIN30: the period last chosen in the 统计 view. */
  statsChoice: PeriodChoice | null = null;
  /** ADDIN55: the period of the statistics shown, for their .xlsx. */
  private statsInput: PeriodInput = {};
  /** ADDIN55: how a downloaded file reaches the browser (tests pass their own). */
  saveFile: (file: DownloadedFile) => void = saveFile;

  constructor(private readonly pane: StatsHost) {}

  /** ADDIN30: the 统计 view for the chosen period (全部 at first); a bad period is explained and nothing is sent. */
  async show(container: HTMLElement, choice?: PeriodChoice): Promise<void> {
    const session = this.pane.session;
    if (session === null) return;
    const chosen = choice ?? this.statsChoice ?? defaultChoice(shanghaiDate(Date.now()));
    this.statsChoice = chosen;
    const checked = checkChoice(chosen);
    if (!checked.ok) return this.fillStats(container, null, { tone: 'error', text: checked.error.message });
    this.fillStats(container, null, { tone: 'info', text: '正在读取统计…' });
    try {
      const stats = await session.api.stats(checked.value.input);
      this.statsInput = checked.value.input;
      if (this.statsChoice === chosen) this.fillStats(container, stats, null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHORIZED') return this.pane.tokenRejected();
      const text = `统计读取失败：${e instanceof Error ? e.message : String(e)}`;
      if (this.statsChoice === chosen) this.fillStats(container, null, { tone: 'error', text });
    }
  }

  private fillStats(container: HTMLElement, stats: Stats | null, status: Message | null): void {
    if (this.pane.view !== 'stats' || this.statsChoice === null) return;
    const port = this.pane.session?.port ?? null;
    const write = port?.writeReport === undefined || stats === null ? null : () => void this.writeStatsSheet(stats);
    fill(
      container,
      statsSection(this.statsChoice, stats === null ? null : statsModel(stats), status, {
        onQuery: (c) => void this.show(container, c),
        onWriteSheet: write,
        onDownload: stats === null ? null : () => void this.downloadStats(this.statsInput),
      }),
    );
  }

  /** ADDIN55: the assessment .xlsx of the period shown (HTTP49), handed to the pane's browser like the forms. */
  private async downloadStats(input: PeriodInput): Promise<void> {
    const session = this.pane.session;
    if (session === null) return;
    try {
      const file = await session.api.download(statsXlsxPath(input), '考核统计.xlsx');
      this.saveFile(file);
      this.pane.notify('ok', `已下载：${file.fileName}`);
    } catch (e) {
      this.pane.notify('error', `下载考核统计表未成功：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** ADDIN31: the 统计 sheet with its chart, rewritten on each press (the old chart replaced, never stacked). */
  private async writeStatsSheet(stats: Stats): Promise<void> {
    const port = this.pane.session?.port;
    if (port?.writeReport === undefined) return;
    try {
      await port.writeReport(statsSheet(stats, formatShanghai(Date.now()).slice(0, 16).replace('T', ' ')));
      this.pane.notify('ok', `已写入“统计”工作表（${stats.period.label}）`);
    } catch (e) {
      const text =
        e instanceof ReportSheetTakenError
          ? e.message
          : `写入“统计”工作表未成功：${e instanceof Error ? e.message : String(e)}`;
      this.pane.notify('error', text);
    }
  }
}
