// The signed-in pane's frame: title, who with sign-out, connection state, navigation, messages, the import slot, the view.
import type { Me } from '../../shared/contract/http';
import { h } from './dom';
import type { View } from './pane-actions';
import { whoText } from './status-text';

export interface PaneElements {
  state: HTMLElement;
  /** ADDIN60: the pane's title, with the number of cases waiting. */
  title: HTMLElement;
  /** ADDIN66: the sign-out confirmation, under the header. */
  confirm: HTMLElement;
  /** ADDIN60: the 待办 list the home view opens on. */
  todo: HTMLElement;
  messages: HTMLElement;
  nav: HTMLElement;
  view: HTMLElement;
  case: HTMLElement;
  form: HTMLElement;
  details: HTMLElement;
  due: HTMLElement;
  /** ADDIN22: the office's 回头看 sample (empty for the others). */
  sample: HTMLElement;
}

export interface FrameHandlers {
  signOut(): void;
  show(view: View): void;
  register(): void;
}

function navButton(view: View, label: string, onClick: () => void): HTMLElement {
  return h('button', { attrs: { type: 'button', 'data-view': view }, on: { click: onClick } }, label);
}

/**
 * The frame and its slots; `calendar` (ADDIN40) and `imports` (IMP6) sit between the messages and the view, on every
 * view.
 */
export function paneFrame(
  me: Me,
  slots: { calendar: HTMLElement; imports: HTMLElement },
  on: FrameHandlers,
): { root: HTMLElement; els: PaneElements } {
  const signOut = h(
    'button',
    { class: 'link', attrs: { type: 'button', 'data-test': 'sign-out' }, on: { click: () => on.signOut() } },
    '退出登录',
  );
  const nav = h(
    'nav',
    { class: 'nav' },
    navButton('home', '待办', () => on.show('home')),
    me.role === 'office' ? navButton('register', '登记', () => on.register()) : null,
    navButton('export', '导出单据', () => on.show('export')),
    navButton('stats', '统计', () => on.show('stats')),
  );
  const els: PaneElements = {
    state: h('div', { class: 'state', attrs: { 'data-test': 'state' } }),
    title: h('h1', { attrs: { 'data-test': 'title' } }, '企业诉求直通车台账'),
    todo: h('div', {}),
    confirm: h('div', {}),
    messages: h('ul', { class: 'messages' }),
    nav,
    view: h('div', { class: 'view', attrs: { 'data-test': 'view' } }),
    case: h('div', {}),
    form: h('div', { class: 'form-slot', attrs: { 'data-test': 'form-slot' } }),
    details: h('div', {}),
    due: h('div', {}),
    sample: h('div', {}),
  };
  const root = h(
    'div',
    { class: 'pane' },
    h(
      'header',
      { class: 'top' },
      els.title,
      h('div', { class: 'who', attrs: { 'data-test': 'who' } }, whoText(me), ' ', signOut),
      els.state,
      els.confirm,
    ),
    nav,
    // ADDIN62, ADDIN82: the pane's one polite live region, around the list (a list keeps its own role)
    h(
      'div',
      { attrs: { 'data-test': 'messages', role: 'status', 'aria-live': 'polite', 'aria-label': '消息' } },
      els.messages,
    ),
    slots.calendar,
    slots.imports,
    els.view,
  );
  return { root, els };
}
