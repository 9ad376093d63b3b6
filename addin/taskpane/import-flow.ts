// IMP6: the steps of adopting an existing 台账 from the pane: find it, read it, preview (dry run), import, report.
import type { ImportReport, LedgerUpload, Me } from '../../shared/contract/http';
import { SHEET_NAME } from '../binding/columns';
import type { ApiClient } from '../client/api';
import { ApiError } from '../client/api';
import type { ExistingLedger, SheetPort } from '../sheet/port';
import { fill, h } from './dom';
import type { ImportOptions } from './import-view';
import {
  importNotice,
  importPreview,
  keptText,
  noticeText,
  previewModel,
  progressText,
  resultText,
  UNIT_NOTICE,
} from './import-view';
import type { Message } from './views';

/** What the flow needs of a signed-in session (Session has it). */
export interface ImportSession {
  readonly me: Me;
  readonly api: ApiClient;
  readonly port: SheetPort | null;
}

/** What the flow asks of the pane. */
export interface ImportHost {
  notify(tone: Message['tone'], text: string): void;
  /** An answer said the token is no longer valid. */
  tokenRejected(): void;
}

interface Found {
  session: ImportSession;
  port: SheetPort;
  ledger: ExistingLedger;
}

export class ImportFlow {
  /** Where the flow renders; the pane places it below its messages. */
  readonly element: HTMLElement = h('div', { attrs: { 'data-test': 'import-slot' } });
  private found: Found | null = null;
  private upload: LedgerUpload | null = null;
  private options: ImportOptions = { createUnits: false, skipInvalid: false };
  /** Bumped by every new start: answers of an older one are dropped. */
  private run = 0;

  constructor(private readonly host: ImportHost) {}

  /** After the sheet is bound: looks for an office's own 台账 and offers its import (the office) or says whom to ask. */
  async check(session: ImportSession): Promise<void> {
    const run = this.clear();
    const port = session.port;
    if (port === null) return;
    let ledger: ExistingLedger | null;
    try {
      ledger = await port.findExistingLedger();
    } catch (e) {
      console.warn('[台账] 无法检查工作簿中的旧台账', e);
      return;
    }
    if (run !== this.run || ledger === null) return;
    this.found = { session, port, ledger };
    const kept = keptText(ledger, SHEET_NAME);
    if (session.me.role !== 'office') {
      fill(this.element, importNotice(UNIT_NOTICE, { tone: 'info', text: kept }));
      return;
    }
    this.show(noticeText(ledger), { tone: 'info', text: kept }, [
      { label: '导入现有台账', onClick: () => void this.read(), primary: true },
    ]);
  }

  /** Forgets everything (sign-out, a new session); returns the new run number. */
  clear(): number {
    this.found = null;
    this.upload = null;
    this.options = { createUnits: false, skipInvalid: false };
    fill(this.element);
    return ++this.run;
  }

  private show(text: string, status: Message | null, buttons: Parameters<typeof importNotice>[2] = []): void {
    fill(this.element, importNotice(text, status, buttons));
  }

  /** Reads the old sheet (progress shown), then previews it. */
  async read(): Promise<void> {
    const found = this.found;
    if (found === null) return;
    const run = this.run;
    const title = noticeText(found.ledger);
    this.show(title, { tone: 'info', text: progressText(0, found.ledger.headerRow + found.ledger.rows) });
    try {
      const cells = await found.port.readSheet(found.ledger.sheet, (done, total) => {
        if (run === this.run) this.show(title, { tone: 'info', text: progressText(done, total) });
      });
      if (run !== this.run) return;
      this.upload = { fileName: found.ledger.workbook, sheet: found.ledger.sheet, cells };
    } catch (e) {
      return this.failed(run, `读取工作表“${found.ledger.sheet}”失败`, e);
    }
    await this.preview();
  }

  /** The dry run with the current options; changes nothing on the server. */
  private async preview(): Promise<void> {
    const { found, upload } = this;
    if (found === null || upload === null) return;
    const run = this.run;
    this.show(noticeText(found.ledger), { tone: 'info', text: '正在检查（预览，不会改动台账）…' });
    let report: ImportReport;
    try {
      report = await found.session.api.importLedger(upload, { dryRun: true, ...this.options });
    } catch (e) {
      return this.failed(run, '预览失败', e);
    }
    if (run !== this.run) return;
    fill(
      this.element,
      importPreview(found.ledger.sheet, previewModel(report, this.options), this.options, {
        onOptions: (next) => {
          this.options = next;
          void this.preview();
        },
        onJump: (cell) => void this.jump(found, cell),
        onConfirm: () => void this.confirm(),
        onReload: () => void this.read(),
      }),
    );
  }

  private async jump(found: Found, cell: string): Promise<void> {
    try {
      await found.port.selectCell(found.ledger.sheet, cell);
    } catch (e) {
      this.host.notify('error', `无法选中单元格 ${cell}：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** The real import with the options of the preview; then the result. */
  private async confirm(): Promise<void> {
    const { found, upload } = this;
    if (found === null || upload === null) return;
    const run = this.run;
    this.show(noticeText(found.ledger), { tone: 'info', text: '正在导入…' });
    let report: ImportReport;
    try {
      report = await found.session.api.importLedger(upload, { dryRun: false, ...this.options });
    } catch (e) {
      return this.failed(run, '导入失败', e);
    }
    if (run !== this.run) return;
    const text = resultText(report);
    this.host.notify('ok', text);
    this.show(text, {
      tone: 'ok',
      text:
        report.toComplete > 0
          ? `有 ${report.toComplete} 件在办诉求缺少交办日期或办理类型，补全后才开始计算办结时限（此前显示为“待补全”）。`
          : '导入的诉求已显示在共享台账中。',
    });
  }

  /** A failed step: said in the pane with a way to try again; a refused token ends the session. */
  private failed(run: number, what: string, e: unknown): void {
    if (run !== this.run) return;
    if (e instanceof ApiError && e.code === 'UNAUTHORIZED') return this.host.tokenRejected();
    const text = `${what}：${e instanceof Error ? e.message : String(e)}`;
    this.show(this.found === null ? '' : noticeText(this.found.ledger), { tone: 'error', text }, [
      { label: '重试', onClick: () => void this.read(), primary: true },
    ]);
  }
}
