// ADDIN40/CAL7: the holiday-notice banner while deadlines are estimates; the office loads the notice from it.
import type { CaseData } from '../../shared/case';
import type { CalendarLoaded, Me } from '../../shared/contract/http';
import { provisionalDeadlines } from '../../shared/deadline-recount';
import { parseNotice } from '../../shared/holiday-notice';
import type { ApiClient } from '../client/api';
import { ApiError } from '../client/api';
import type { CalendarForm } from './calendar-view';
import { calendarBanner, calendarForm, calendarResult, loadedText, provisionalText, showStatus } from './calendar-view';
import { fill, h } from './dom';
import type { Message } from './views';

/** What the flow needs of a signed-in session. */
export interface CalendarSession {
  readonly me: Me;
  readonly api: ApiClient;
}

export interface CalendarHost {
  notify(tone: Message['tone'], text: string): void;
  tokenRejected(): void;
  /** Renders the pane again soon (it calls update with the current cases). */
  scheduleRefresh(): void;
}

const BAD = '节假日文件格式不正确：';

export class CalendarFlow {
  /** Where the banner renders; the pane places it above the import slot. */
  readonly element: HTMLElement = h('div', { attrs: { 'data-test': 'calendar-slot' } });
  private session: CalendarSession | null = null;
  private form: CalendarForm | null = null;
  private shown = '';
  private result: CalendarLoaded | null = null;
  private busy = false;

  constructor(private readonly host: CalendarHost) {}

  /** Forgets the session (sign-out, a new session). */
  clear(): void {
    this.session = null;
    this.form = null;
    this.result = null;
    this.shown = '';
    fill(this.element);
  }

  /** CAL7: re-renders when the provisional deadlines among `cases` (the caller's visible cases) change. */
  update(session: CalendarSession, cases: readonly CaseData[]): void {
    if (this.session !== session) {
      this.clear();
      this.session = session;
      this.form = session.me.role === 'office' ? calendarForm(() => void this.submit()) : null;
    }
    const summary = provisionalDeadlines(cases);
    const text = summary.cases === 0 ? '' : provisionalText(summary, session.me.role);
    const key = `${text}|${this.result === null ? '' : 'result'}`;
    if (key === this.shown) return;
    this.shown = key;
    fill(
      this.element,
      text === '' ? null : calendarBanner(text, this.form),
      this.result === null ? null : calendarResult(this.result, () => this.closeResult()),
    );
  }

  private closeResult(): void {
    this.result = null;
    this.host.scheduleRefresh();
  }

  /** The chosen file, else the pasted text. */
  private async readText(form: CalendarForm): Promise<string> {
    const file = form.file.files?.[0];
    return file === undefined ? form.paste.value : await file.text();
  }

  /** ADDIN40: checked here with the shared validator (CAL2), then sent; the answer or the refusal is shown. */
  async submit(): Promise<void> {
    const { session, form } = this;
    if (session === null || form === null || this.busy) return;
    const text = await this.readText(form).catch(() => '');
    if (text.trim() === '')
      return showStatus(form, { tone: 'error', text: '请选择节假日安排文件（JSON），或粘贴其内容' });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return showStatus(form, { tone: 'error', text: `${BAD}文件内容不是有效的 JSON` });
    }
    const notice = parseNotice(json);
    if (!notice.ok) return showStatus(form, { tone: 'error', text: notice.error.message });
    this.busy = true;
    showStatus(form, { tone: 'info', text: `正在导入 ${notice.value.year} 年节假日安排…` });
    try {
      const loaded = await session.api.loadCalendar(notice.value.year, notice.value);
      if (this.session !== session) return;
      this.result = loaded;
      showStatus(form, null);
      form.paste.value = '';
      form.file.value = '';
      this.host.scheduleRefresh();
      this.host.notify('ok', loadedText(loaded).title.replace(/：$/, ''));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHORIZED') return this.host.tokenRejected();
      showStatus(form, { tone: 'error', text: `导入失败：${e instanceof Error ? e.message : String(e)}` });
    } finally {
      this.busy = false;
    }
  }
}
