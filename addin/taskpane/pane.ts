// The task pane's state holder (shared runtime: the ribbon calls into it): sign-in, header, views, refresh on every change.
import type { CaseData } from '../../shared/case';
import { readAllCases, readCase } from '../../shared/ydoc-layout';
import type { Refusal } from '../binding/binding';
import type { RibbonCommand } from '../commands/names';
import type { KeyValueStore, SavedSignIn } from '../client/credentials';
import { forgetCredentials, loadCredentials, saveCredentials } from '../client/credentials';
import type { ConnectionState } from '../client/sync';
import { CLOSE } from '../../shared/contract/sync';
import type { OfficeLike } from '../ribbon/register';
import { RibbonEnabler } from '../ribbon/register';
import { caseHeading } from './case-view';
import { coAuthoredMessage } from './co-authored';
import { fill, h } from './dom';
import { CalendarFlow } from './calendar-flow';
import { ImportFlow } from './import-flow';
import type { PaneHost, View } from './pane-actions';
import { PaneActions } from './pane-actions';
import { PANE_TITLE, drawHome, focusCaseSection } from './pane-home';
import type { PaneElements } from './pane-layout';
import { paneFrame } from './pane-layout';
import { sampleSection } from './sample-view';
import type { SessionDeps } from './session';
import { Session, SignInError } from './session';
import { refusalMessage } from './status-text';
import { ReconnectNotice, showConnection } from './connection-notice';
import type { Message } from './views';
import { MessageChannel } from './message-channel';
import { messageItems, signInView } from './views';
import { SIGNED_OUT, askSignOut } from './sign-out';

export { CO_AUTHORED, coAuthoredMessage } from './co-authored';

export interface PaneDeps extends SessionDeps {
  storage: KeyValueStore;
  /** The global Office (ribbon enabling); null outside Office. */
  office: OfficeLike | null;
  /** Prefilled server address: the origin the pane was loaded from. */
  defaultServerUrl: string;
}

export class TaskPane implements PaneHost {
  session: Session | null = null;
  selectedId: string | null = null;
  view: View = 'home';
  /** ADDIN62: one closable message per action. */
  private readonly channel = new MessageChannel((items) => {
    if (this.els) fill(this.els.messages, ...messageItems(items, (key) => this.channel.dismiss(key)));
  });
  private els: PaneElements | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly enabler: RibbonEnabler | null;
  private signOutArmed = false;
  /** ADDIN63: what to say when the connection returns. */
  private readonly reconnect = new ReconnectNotice();
  readonly actions: PaneActions;
  /** IMP6: the notice and import of an existing 台账 found in the workbook. */
  readonly imports: ImportFlow;
  /** ADDIN40: the holiday-notice banner while deadlines are estimates, with the office's upload form. */
  readonly calendar: CalendarFlow;

  constructor(
    private readonly root: HTMLElement,
    readonly deps: PaneDeps,
  ) {
    this.enabler = deps.office ? new RibbonEnabler(deps.office) : null;
    this.actions = new PaneActions(this);
    this.imports = new ImportFlow(this);
    this.calendar = new CalendarFlow(this);
  }

  /** Signs in with the saved sign-in, or shows the sign-in form. */
  async start(): Promise<void> {
    const saved = await loadCredentials(this.deps.storage);
    if (saved === null) this.showSignIn(null);
    else await this.signIn(saved);
  }

  showSignIn(message: Message | null, serverUrl = this.deps.defaultServerUrl): void {
    this.els = null;
    this.imports.clear();
    this.calendar.clear();
    void this.enabler?.update({ actor: null, selected: null });
    this.screen(
      signInView({ serverUrl, message }, (url, token) => {
        if (url === '' || token === '') this.showSignIn({ tone: 'error', text: '请填写服务器地址和令牌' }, url);
        else void this.signIn({ serverUrl: url, token, me: null });
      }),
    );
  }

  /** The pane before sign-in: its title and one part. */
  private screen(part: HTMLElement): void {
    fill(this.root, h('div', { class: 'pane' }, h('h1', {}, PANE_TITLE), part));
  }

  async signIn(saved: SavedSignIn): Promise<void> {
    this.screen(h('p', { class: 'hint', attrs: { 'data-test': 'signing-in' } }, '正在登录…'));
    let session: Session;
    try {
      session = await Session.open(saved, this.deps, saved.me);
    } catch (e) {
      const text = e instanceof SignInError ? e.message : `登录失败：${e instanceof Error ? e.message : String(e)}`;
      if (e instanceof SignInError && e.tokenRejected) {
        await forgetCredentials(this.deps.storage);
        await Session.eraseLocalCopy(saved, saved.me, this.deps);
      }
      this.showSignIn({ tone: 'error', text }, saved.serverUrl);
      return;
    }
    this.session = session;
    this.reconnect.reset();
    await saveCredentials(this.deps.storage, { serverUrl: session.api.baseUrl, token: saved.token, me: session.me });
    this.layout(session);
    if (session.offlineStart)
      this.notify('warn', '无法连接服务器，正在使用本机保存的台账离线工作；修改会在恢复连接后发送', 'connection');
    session.sync.onState((s) => this.onConnection(s));
    session.doc.on('update', () => this.scheduleRefresh());
    try {
      const binding = await session.bindSheet(
        this.deps,
        (r) => this.onRefusal(r),
        (holder) => this.notify('error', coAuthoredMessage(holder), 'co-authored'),
      );
      binding?.onSelection((c) => this.select(c));
      if (binding) void this.imports.check(session);
    } catch (e) {
      this.notify('error', `无法打开“台账”工作表：${e instanceof Error ? e.message : String(e)}`);
    }
    this.scheduleRefresh();
  }

  private layout(session: Session): void {
    const frame = paneFrame(
      session.me,
      { calendar: this.calendar.element, imports: this.imports.element },
      {
        signOut: () => void this.signOut(),
        show: (view) => this.show(view),
        register: () => void this.actions.openForm('register'),
      },
    );
    this.els = frame.els;
    if (session.me.role === 'office') {
      const draw = (query: string) => session.api.spotCheckSample(query);
      fill(
        frame.els.sample,
        sampleSection(draw, (id) => void this.jumpTo(id)),
      );
    }
    fill(this.root, frame.root);
    this.show('home');
  }

  /** Switches the main area; the home view keeps an open form. */
  show(view: View): void {
    const els = this.els;
    if (els === null) return;
    this.view = view;
    els.nav
      .querySelectorAll('button')
      .forEach((b) => b.classList.toggle('current', b.getAttribute('data-view') === view));
    if (view === 'home') fill(els.view, els.todo, els.case, els.form, els.details, els.due, els.sample);
    else if (view === 'register') fill(els.view, els.form);
    else if (view === 'stats') void this.actions.showStats(els.view);
    else this.actions.renderExport(els.view);
    this.refreshNow();
  }

  get formSlot(): HTMLElement | null {
    return this.els?.form ?? null;
  }

  get selected(): CaseData | null {
    return this.session === null || this.selectedId === null ? null : readCase(this.session.doc, this.selectedId);
  }

  select(c: CaseData | null): void {
    this.selectedId = c?.id ?? null;
    if (this.view === 'export' && this.els) this.actions.renderExport(this.els.view);
    this.scheduleRefresh();
  }

  /** ADDIN62: shows the message of one action (`key`; by default the text itself), replacing its previous one. */
  notify(tone: Message['tone'], text: string, key: string = text): void {
    this.channel.post(key, tone, text);
  }

  private onRefusal(r: Refusal): void {
    const c = r.caseId === null || this.session === null ? null : readCase(this.session.doc, r.caseId);
    this.notify('error', refusalMessage(r.message, c === null ? null : caseHeading(c)));
  }

  private onConnection(s: ConnectionState): void {
    if (s.kind === 'refused') {
      void this.endSession(s.code === CLOSE.UNAUTHORIZED, s.message);
      return;
    }
    this.actions.setOffline(s.kind === 'offline');
    const notice = this.reconnect.onState(s);
    if (notice !== null) this.notify('ok', notice, 'connection');
    if (this.els) showConnection(this.els.state, s, this.actions.unsentForms);
  }

  /** An API answer said the token is no longer valid (revoked while signed in): same as a 4401 close. */
  tokenRejected(): void {
    void this.endSession(true, '令牌无效或已吊销，请重新登录');
  }

  /** The server refused the connection for good (4401/4403): back to sign-in; a revoked token also erases the local copy. */
  private async endSession(erase: boolean, message: string): Promise<void> {
    const session = this.session;
    if (session === null) return;
    this.session = null;
    this.selectedId = null;
    if (erase) await session.stopAndErase();
    else session.stop();
    await forgetCredentials(this.deps.storage);
    this.showSignIn({ tone: 'error', text: message }, session.api.baseUrl);
  }

  /** ADDIN66: asks first, in the pane (Office add-ins have no confirm()), saying the token will be needed again. */
  async signOut(): Promise<void> {
    if (this.session === null || this.els === null) return;
    askSignOut(this.els.confirm, () => void this.signOutNow());
  }

  private async signOutNow(): Promise<void> {
    const session = this.session;
    if (session === null) return;
    const pending = session.sync.pending;
    if (pending > 0 && !this.signOutArmed && session.sync.state.kind !== 'online') {
      this.signOutArmed = true;
      this.notify('warn', `还有 ${pending} 项修改没有同步到服务器。再次点击“退出登录”将丢弃这些修改。`);
      return;
    }
    this.signOutArmed = false;
    this.session = null;
    this.selectedId = null;
    // signing out removes the local copy: the cases of this account must not stay on a shared computer
    await session.stopAndErase();
    await forgetCredentials(this.deps.storage);
    this.showSignIn({ tone: 'info', text: SIGNED_OUT }, session.api.baseUrl);
  }

  /** Ribbon buttons (shared runtime) land here. */
  onCommand(command: RibbonCommand): Promise<void> {
    return this.actions.onRibbon(command);
  }

  scheduleRefresh(): void {
    if (this.refreshTimer !== null) return;
    this.refreshTimer = setTimeout(() => this.refreshNow(), 30);
  }

  /** Re-renders what depends on the document (case details, actions, 待办, due list) and the ribbon; never an open form. */
  refreshNow(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
    const session = this.session;
    const els = this.els;
    if (session === null || els === null) return;
    const c = this.selected;
    const actor = session.actor;
    const cases = readAllCases(session.doc);
    this.calendar.update(session, cases);
    drawHome(
      els,
      { actor, cases, selected: c, bound: session.binding !== null, unitName: session.unitName, now: Date.now() },
      {
        openForm: (cmd) => void this.actions.openForm(cmd),
        jumpTo: (id) => void this.jumpTo(id),
        sortByDue: () => void this.sortByDue(),
      },
    );
    void this.enabler?.update({ actor, selected: c });
  }

  /** ADDIN82: after a submission (or a form closed whose opener is gone) the focus goes to the case's next step. */
  focusCase(command?: string): void {
    this.refreshNow();
    if (this.els) focusCaseSection(this.els.case, command);
  }

  /** BIND11: sorts the table by 办结时限 through the binding (the sheet's protection refuses the user's own sort). */
  async sortByDue(): Promise<void> {
    try {
      await this.session?.binding?.sortByDue();
    } catch (e) {
      console.error('[台账] 排序失败', e);
    }
  }

  async jumpTo(caseId: string): Promise<void> {
    const session = this.session;
    if (session === null) return;
    this.select(readCase(session.doc, caseId));
    await session.binding?.selectCase(caseId);
  }
}
