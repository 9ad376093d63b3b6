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
import type { Message } from './views';
import { exportSection } from './views';
import { exportParts } from './export-actions';
import { StatsFlow } from './stats-flow';

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
  /** ADDIN82: focus on the selected case — its `command` button if shown, else the primary action, else its heading. */
  focusCase(command?: string): void;
  jumpTo(caseId: string): Promise<void>;
}

export class PaneActions {
  /** The open form, the case it was opened for (a later selection never redirects it) and the control that opened it. */
  form: { kind: FormKind; caseId: string | null; opener: HTMLElement | null } | null = null;
  /** ADDIN30, ADDIN31, ADDIN55: the 统计 view. */
  readonly stats: StatsFlow;
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
    this.stats = new StatsFlow(pane);
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
    const active = document.activeElement;
    const opener = active instanceof HTMLElement && active !== document.body ? active : null;
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
      () => this.closeForm(true),
      shanghaiDate(Date.now()),
    );
    this.form = { kind, caseId, opener };
    this.rendered = rendered;
    rendered.setBlocked(this.offline ? OFFLINE_FORM : null);
    pane.show(kind === 'register' ? 'register' : 'home');
    fill(slot, rendered.element);
    rendered.element.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    rendered.element.scrollIntoView?.({ block: 'nearest' });
  }

  /** Closes the open form; `returnFocus` (取消, Esc) gives the focus back to what opened it (ADDIN82). */
  closeForm(returnFocus = false): void {
    const slot = this.pane.formSlot;
    if (slot) fill(slot);
    const form = this.form;
    // a form given up is no longer waiting to be sent again
    if (form) this.unsent.delete(`submit:${form.kind}:${form.caseId ?? ''}`);
    this.form = null;
    this.rendered = null;
    if (this.pane.view === 'register') this.pane.show('home');
    if (!returnFocus || form === null) return;
    if (form.opener?.isConnected) form.opener.focus();
    else this.pane.focusCase(form.kind);
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
        this.pane.focusCase();
        void this.selectWhenArrived(created.id);
      } else if (caseId !== null) {
        const after = await session.api.run(caseId, collected.kind, collected.input);
        this.unsent.delete(key);
        pane.notify('ok', `${label}成功：${caseHeading({ id: after.id, fields: after.fields })}`, key);
        this.closeForm();
        // ADDIN82: the focus goes to the case's next step, never to the page body
        pane.focusCase();
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

  /** ADDIN30: the 统计 view for the chosen period (全部 at first). */
  showStats(container: HTMLElement): Promise<void> {
    return this.stats.show(container);
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
