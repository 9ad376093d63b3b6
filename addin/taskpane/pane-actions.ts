// What the pane does on a button (ribbon or pane): open a command's form, submit it, show statistics or the 附件4 row.
import { shanghaiDate } from '../../shared/time';
import { commandLabel } from '../../shared/workflow';
import type { CaseData } from '../../shared/case';
import type { RibbonCommand } from '../commands/names';
import { ApiError } from '../client/api';
import { NOT_SIGNED_IN, NO_SELECTION, decide } from '../ribbon/enablement';
import { caseHeading } from './case-view';
import { fill } from './dom';
import { annex4Pairs, annex4Tsv } from './export-view';
import type { FormKind, FormSpec, FormValues } from './forms';
import { collectInput, formSpec } from './forms';
import type { RenderedForm } from './render-form';
import { renderForm } from './render-form';
import type { Session } from './session';
import { statsSection } from './stats-section';
import type { PeriodChoice } from './stats-period';
import { checkChoice, defaultChoice } from './stats-period';
import { statsSheet } from './stats-sheet';
import { statsModel } from './stats-view';
import type { Stats } from '../../shared/contract/http';
import { formatShanghai } from '../../shared/time';
import { ReportSheetTakenError } from '../sheet/port';
import type { Message } from './views';
import { exportSection } from './views';
import { exportParts } from './export-actions';
import { statsXlsxPath } from './export-flow';
import { saveFile } from './save-file';
import type { DownloadedFile } from '../client/api';
import type { PeriodInput } from '../../shared/stats/period';

/** ADDIN63: why a form cannot be submitted while offline (form submissions are not queued). */
export const OFFLINE_FORM = '当前离线，无法提交：表单不会在离线时保存或排队发送。内容已保留，恢复连接后请再提交。';

export type View = 'home' | 'register' | 'stats' | 'export';

/** What the actions need of the pane: read-only state and the few things they ask it to do. */
export interface PaneHost {
  readonly session: Session | null;
  readonly selected: CaseData | null;
  readonly view: View;
  readonly formSlot: HTMLElement | null;
  show(view: View): void;
  showSignIn(message: Message): void;
  /** ADDIN62: `key` names the action, so its next message replaces this one. */
  notify(tone: Message['tone'], text: string, key?: string): void;
  /** An answer said the token is no longer valid. */
  tokenRejected(): void;
  jumpTo(caseId: string): Promise<void>;
}

export class PaneActions {
  /** The open form and the case it was opened for (a later selection never redirects it). */
  form: { kind: FormKind; caseId: string | null } | null = null;
  /** ADDIN30: the period last chosen in the 统计 view. */
  statsChoice: PeriodChoice | null = null;
  /** ADDIN55: the period of the statistics shown, for their .xlsx. */
  private statsInput: PeriodInput = {};
  /** ADDIN55: how a downloaded file reaches the browser (tests pass their own). */
  saveFile: (file: DownloadedFile) => void = saveFile;
  /** ADDIN63: forms whose submission could not reach the server (never queued; the clerk submits again). */
  private readonly unsent = new Set<string>();
  private offline = false;
  private rendered: RenderedForm | null = null;

  /** ADDIN63: how many forms were not sent (the status pill says so next to the sheet's pending edits). */
  get unsentForms(): number {
    return this.unsent.size;
  }

  /** ADDIN63: while offline the open form cannot be submitted, and says why. */
  setOffline(offline: boolean): void {
    this.offline = offline;
    this.rendered?.setBlocked(offline ? OFFLINE_FORM : null);
  }

  /** ADDIN50–ADDIN54: the 导出单据 view's downloads and 导出台账. */
  private readonly exports: ReturnType<typeof exportParts>;

  constructor(private readonly pane: PaneHost) {
    this.exports = exportParts(pane);
  }

  /** A ribbon button: the right form for the selected row, a confirmation, a view — or why it cannot be done now. */
  async onRibbon(button: RibbonCommand): Promise<void> {
    const pane = this.pane;
    const session = pane.session;
    if (session === null) {
      if (button.command !== 'connect')
        pane.showSignIn({ tone: 'info', text: `${NOT_SIGNED_IN}，然后再使用“${button.label}”` });
      return;
    }
    const decision = decide(button, { actor: session.actor, selected: pane.selected });
    if (!decision.ok) {
      if (pane.view !== 'home') pane.show('home');
      pane.notify('warn', `现在不能“${button.label}”：${decision.reason}`);
      return;
    }
    if (button.command === 'register') return this.openForm('register');
    if (button.command === 'stats' || button.command === 'export') return pane.show(button.command);
    if (button.command === 'connect' || decision.command === null) return pane.show('home');
    return this.openForm(decision.command);
  }

  async openForm(kind: FormKind): Promise<void> {
    const pane = this.pane;
    const session = pane.session;
    const slot = pane.formSlot;
    if (session === null || slot === null) return;
    const c = kind === 'register' ? null : pane.selected;
    if (kind !== 'register' && c === null) {
      pane.notify('warn', NO_SELECTION);
      return;
    }
    const units = kind === 'assign' ? await session.units() : [];
    const spec = formSpec(kind, { case: c, units, today: shanghaiDate(Date.now()) });
    const caseId = c?.id ?? null;
    let rendered: RenderedForm | null = null;
    rendered = renderForm(
      spec,
      c === null ? null : caseHeading(c),
      (values) => {
        if (rendered) void this.submit(spec, caseId, rendered, values);
      },
      () => this.closeForm(),
      shanghaiDate(Date.now()),
    );
    this.form = { kind, caseId };
    this.rendered = rendered;
    rendered.setBlocked(this.offline ? OFFLINE_FORM : null);
    pane.show(kind === 'register' ? 'register' : 'home');
    fill(slot, rendered.element);
    rendered.element.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    rendered.element.scrollIntoView?.({ block: 'nearest' });
  }

  closeForm(): void {
    const slot = this.pane.formSlot;
    if (slot) fill(slot);
    // a form given up is no longer waiting to be sent again
    if (this.form) this.unsent.delete(`submit:${this.form.kind}:${this.form.caseId ?? ''}`);
    this.form = null;
    this.rendered = null;
    if (this.pane.view === 'register') this.pane.show('home');
  }

  private async submit(
    spec: FormSpec,
    caseId: string | null,
    rendered: RenderedForm,
    values: FormValues,
  ): Promise<void> {
    const pane = this.pane;
    const session = pane.session;
    if (session === null) return;
    const collected = collectInput(spec, values);
    if (!collected.ok) {
      rendered.showErrors(collected.problems);
      return;
    }
    const label = spec.kind === 'register' ? '登记' : commandLabel(spec.kind);
    const key = `submit:${spec.kind}:${caseId ?? ''}`;
    if (this.offline) {
      rendered.showError(OFFLINE_FORM);
      return;
    }
    rendered.setBusy(true);
    try {
      if (collected.kind === 'register') {
        const created = await session.api.register(collected.input);
        // ADDIN21: a possible 重复投诉 (WF29) is registered all the same, but the office is told which earlier cases
        this.unsent.delete(key);
        if (created.warning) pane.notify('warn', `已登记：${created.code ?? created.id}。${created.warning}`, key);
        else pane.notify('ok', `已登记：${created.code ?? created.id}`, key);
        this.closeForm();
        void this.selectWhenArrived(created.id);
      } else if (caseId !== null) {
        const after = await session.api.run(caseId, collected.kind, collected.input);
        this.unsent.delete(key);
        pane.notify('ok', `${label}成功：${caseHeading({ id: after.id, fields: after.fields })}`, key);
        this.closeForm();
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHORIZED') return pane.tokenRejected();
      const message = e instanceof Error ? e.message : String(e);
      const network = e instanceof ApiError && e.code === 'NETWORK';
      if (network) this.unsent.add(key);
      const told = network ? `${message}。${label}没有发送，表单内容已保留，恢复连接后请再次提交` : message;
      rendered.showError(told, e instanceof ApiError ? e.field : null);
      pane.notify('error', `${label}未成功：${told}`, key);
    } finally {
      rendered.setBusy(false);
    }
  }

  /** A newly registered case: select its row once the sync has brought it (gives up quietly after 10 s). */
  private async selectWhenArrived(caseId: string): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const binding = this.pane.session?.binding;
      if (binding && binding.rowOf(caseId) !== null) {
        await this.pane.jumpTo(caseId);
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** ADDIN30: the 统计 view for the chosen period (全部 at first); a bad period is explained and nothing is sent. */
  async showStats(container: HTMLElement, choice?: PeriodChoice): Promise<void> {
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
        onQuery: (c) => void this.showStats(container, c),
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

  renderExport(container: HTMLElement): void {
    const session = this.pane.session;
    const c = this.pane.selected;
    if (session === null) return;
    if (c === null) {
      fill(
        container,
        exportSection(null, [], '', () => undefined),
        this.exports.ledger(),
      );
      return;
    }
    fill(
      container,
      exportSection(
        caseHeading(c),
        annex4Pairs(c, session.unitName),
        annex4Tsv(c, session.unitName),
        (area) => void this.copy(area),
        this.exports.forms(c),
      ),
      this.exports.ledger(),
    );
  }

  private async copy(area: HTMLTextAreaElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(area.value);
      this.pane.notify('ok', '已复制附件4 行，可粘贴到 Excel');
      return;
    } catch {
      // clipboard API refused (permissions): select the text so Ctrl+C works
    }
    area.focus();
    area.select();
    const copied = typeof document.execCommand === 'function' && document.execCommand('copy');
    this.pane.notify(
      copied ? 'ok' : 'info',
      copied ? '已复制附件4 行，可粘贴到 Excel' : '已选中附件4 行，请按 Ctrl+C 复制',
    );
  }
}
