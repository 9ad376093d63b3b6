// ADDIN40: the pane's holiday-notice banner, its upload form and the list of moved deadlines, as DOM from plain data.
import type { CalendarLoaded } from '../../shared/contract/http';
import type { Role } from '../../shared/vocabulary';
import { h } from './dom';
import type { Message } from './views';

/** CAL7: the banner's sentence, e.g. "2027 年节假日安排尚未导入，3 件诉求的办结时限为估算". */
export function provisionalText(summary: { cases: number; years: readonly number[] }, role: Role): string {
  const text = `${summary.years.join('、')} 年节假日安排尚未导入，${summary.cases} 件诉求的办结时限为估算`;
  return role === 'office'
    ? `${text}。请导入国务院办公厅发布的节假日安排，办结时限将自动重新计算。`
    : `${text}，市营商办导入节假日安排后将自动更新。`;
}

/** 'YYYY-MM-DD' of an ISO time ('2027-01-18T23:59:59+08:00'), as the sheet shows the date of a 办结时限. */
function dayOf(iso: string): string {
  return iso.slice(0, 10);
}

/** How a moved deadline other than 办结时限 is named after the 诉求编号 (CAL9, WF34). */
const DEADLINE_NAMES: Record<CalendarLoaded['changed'][number]['deadline'], string> = {
  dueAt: '',
  round1DueAt: '首轮办结时限',
  followupDueAt: '说明决定期限',
};

/** CAL6: what loading did: the year, and every 诉求编号 whose 办结时限 moved, old → new. */
export function loadedText(r: CalendarLoaded): { title: string; lines: string[] } {
  const title =
    `已${r.replaced ? '更新' : '导入'} ${r.year} 年节假日安排（${r.days} 天），` +
    (r.changed.length === 0 ? '没有诉求的办结时限需要调整' : `${r.changed.length} 件诉求的办结时限已重新计算：`);
  const lines = r.changed.map(
    (c) =>
      `${c.code ?? '（无编号）'}${DEADLINE_NAMES[c.deadline]}：${dayOf(c.oldDueAt)} → ${dayOf(c.newDueAt)}${c.newNote ? '（仍为估算）' : ''}`,
  );
  return { title, lines };
}

/** The form's parts, built once per session so a chosen file or pasted text survives re-renders. */
export interface CalendarForm {
  root: HTMLElement;
  file: HTMLInputElement;
  paste: HTMLTextAreaElement;
  status: HTMLElement;
}

export function calendarForm(onSubmit: () => void): CalendarForm {
  const file = h('input', {
    attrs: {
      type: 'file',
      accept: '.json,application/json',
      'data-test': 'calendar-file',
      'aria-label': '节假日安排文件',
    },
  });
  const paste = h('textarea', {
    attrs: {
      rows: '3',
      'data-test': 'calendar-paste',
      placeholder: '或在此粘贴 JSON 内容',
      'aria-label': '节假日安排 JSON',
    },
  });
  const status = h('p', { attrs: { 'data-test': 'calendar-status', role: 'status' } });
  const root = h(
    'div',
    { class: 'calendar-form' },
    h(
      'p',
      { class: 'hint' },
      '格式与 holiday-cn 相同：{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, …]}',
    ),
    file,
    paste,
    h(
      'div',
      { class: 'buttons' },
      h(
        'button',
        { class: 'primary', attrs: { type: 'button', 'data-test': 'calendar-submit' }, on: { click: onSubmit } },
        '导入节假日安排',
      ),
    ),
    status,
  );
  return { root, file, paste, status };
}

export function showStatus(form: CalendarForm, status: Message | null): void {
  form.status.className = status === null ? '' : `message tone-${status.tone}`;
  form.status.textContent = status?.text ?? '';
}

/** The banner: the sentence, and the office's form under it. */
export function calendarBanner(text: string, form: CalendarForm | null): HTMLElement {
  return h(
    'section',
    { class: 'import calendar', attrs: { 'data-test': 'calendar-banner' } },
    h('p', { class: 'notice', attrs: { 'data-test': 'calendar-text' } }, text),
    form?.root ?? null,
  );
}

/** The moved deadlines after loading, until closed. */
export function calendarResult(r: CalendarLoaded, onClose: () => void): HTMLElement {
  const { title, lines } = loadedText(r);
  return h(
    'section',
    { class: 'import calendar', attrs: { 'data-test': 'calendar-result' } },
    h('p', { class: 'notice' }, title),
    lines.length === 0 ? null : h('ul', { class: 'problems' }, ...lines.map((l) => h('li', { class: 'problem' }, l))),
    h('div', { class: 'buttons' }, h('button', { attrs: { type: 'button' }, on: { click: onClose } }, '关闭')),
  );
}
