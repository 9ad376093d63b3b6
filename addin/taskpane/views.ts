// The pane's sections as DOM built from plain data: sign-in, case details with actions, due list, statistics, 附件4 row.
import type { NextAction } from '../../shared/next-steps';
import type { CommandName } from '../../shared/workflow';
import { commandLabel } from '../../shared/workflow';
import type { DetailRow } from './case-view';
import { h } from './dom';
import type { DueItem } from './due-list';
import type { Message } from './message-channel';

export type { Message };

export function signInView(
  defaults: { serverUrl: string; message: Message | null },
  onSubmit: (serverUrl: string, token: string) => void,
): HTMLElement {
  const server = h('input', { attrs: { name: 'serverUrl', id: 'signin-server', type: 'url', autocomplete: 'url' } });
  server.value = defaults.serverUrl;
  const token = h('input', {
    attrs: { name: 'token', id: 'signin-token', type: 'password', autocomplete: 'off', spellcheck: 'false' },
  });
  const form = h(
    'form',
    { class: 'signin', attrs: { 'data-test': 'signin', novalidate: '' } },
    h('h2', {}, '连接台账'),
    h(
      'p',
      { class: 'hint' },
      '请输入台账服务器地址和市营商办发给您的令牌。令牌只保存在本机的加载项存储中，不会写入工作簿。',
    ),
    h('div', { class: 'field' }, h('label', { class: 'label', attrs: { for: 'signin-server' } }, '服务器地址'), server),
    h('div', { class: 'field' }, h('label', { class: 'label', attrs: { for: 'signin-token' } }, '令牌'), token),
    defaults.message
      ? h(
          'div',
          { class: `message tone-${defaults.message.tone}`, attrs: { role: 'status', 'data-test': 'signin-message' } },
          defaults.message.text,
        )
      : null,
    h('div', { class: 'buttons' }, h('button', { class: 'primary', attrs: { type: 'submit' } }, '登录')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onSubmit(server.value.trim(), token.value.trim());
  });
  return form;
}

/** ADDIN62: the messages on show, each with a close button when `onClose` is given (its × is drawn by the style). */
export function messageItems(
  messages: readonly (Message & { key?: string })[],
  onClose?: (key: string) => void,
): HTMLElement[] {
  return messages.map((m) =>
    h(
      'li',
      { class: `message tone-${m.tone}`, attrs: { 'data-test': 'message' } },
      m.text,
      onClose === undefined || m.key === undefined
        ? null
        : h('button', {
            class: 'close',
            attrs: { type: 'button', 'aria-label': '关闭此消息', title: '关闭', 'data-test': 'message-close' },
            on: { click: () => onClose(m.key as string) },
          }),
    ),
  );
}

/**
 * The selected case: its heading and a button per action possible now (ADDIN64: the usual next step first as the primary
 * button, destructive ones last, each with its 下一步 hint); the open form follows, then the details.
 */
export function caseSection(
  selected: { heading: string; actions: readonly NextAction[] } | null,
  emptyText: string,
  onAction: (command: CommandName) => void,
): HTMLElement {
  if (selected === null) {
    return h(
      'section',
      { class: 'case', attrs: { 'data-test': 'case' } },
      h('h2', { attrs: { tabindex: '-1', 'data-test': 'case-heading' } }, '当前诉求'),
      h('p', { class: 'hint' }, emptyText),
    );
  }
  const actions =
    selected.actions.length === 0
      ? h('p', { class: 'hint' }, '当前没有您可以执行的操作')
      : h(
          'div',
          { class: 'actions' },
          ...selected.actions.map((a) =>
            h(
              'div',
              { class: `action${a.destructive ? ' destructive' : ''}` },
              h(
                'button',
                {
                  class: a.primary ? 'primary' : a.destructive ? 'danger' : '',
                  attrs: { type: 'button', 'data-command': a.command, 'aria-describedby': `hint-${a.command}` },
                  on: { click: () => onAction(a.command) },
                },
                commandLabel(a.command),
              ),
              h('span', { class: 'hint', attrs: { id: `hint-${a.command}`, 'data-test': 'next-hint' } }, a.hint),
            ),
          ),
        );
  return h(
    'section',
    { class: 'case', attrs: { 'data-test': 'case' } },
    h('h2', { attrs: { tabindex: '-1', 'data-test': 'case-heading' } }, selected.heading),
    h('h3', {}, '可执行的操作'),
    actions,
  );
}

/** The labelled values of the selected case. */
export function detailsSection(rows: readonly DetailRow[]): HTMLElement {
  const details = h('dl', { class: 'details' });
  for (const r of rows) details.append(h('dt', {}, r.label), h('dd', { attrs: { 'data-field': r.field } }, r.value));
  return h('section', { class: 'case-details', attrs: { 'data-test': 'details' } }, h('h3', {}, '诉求详情'), details);
}

/** The 预警 list; `onSort` (BIND11) offers sorting the table by 办结时限, which the protected sheet itself refuses. */
export function dueSection(items: readonly DueItem[], onJump: (id: string) => void, onSort?: () => void): HTMLElement {
  const list =
    items.length === 0
      ? h('p', { class: 'hint' }, '没有超期、临期或待补全的诉求')
      : h(
          'ul',
          { class: 'due-list' },
          ...items.map((it) =>
            h(
              'li',
              { class: `due ${it.warning}`, attrs: { 'data-case': it.id } },
              h('span', { class: 'badge' }, it.label),
              ' ',
              h(
                'button',
                { class: 'link', attrs: { type: 'button', title: '跳转到该行' }, on: { click: () => onJump(it.id) } },
                it.title || '（无编号）',
              ),
              h('div', { class: 'hint' }, it.due),
            ),
          ),
        );
  return h(
    'section',
    { class: 'due-section', attrs: { 'data-test': 'due' } },
    h('h2', {}, `预警（${items.length}）`),
    ...(onSort === undefined
      ? []
      : [
          h(
            'button',
            {
              class: 'link',
              attrs: { type: 'button', title: '把台账各行按办结时限从早到晚排列' },
              on: { click: onSort },
            },
            '按办结时限排序表格',
          ),
        ]),
    list,
  );
}

/** 导出单据: the case's forms (ADDIN50), its 附件4 row, and the same row as one line to copy (复制本行). */
export function exportSection(
  heading: string | null,
  pairs: { header: string; value: string }[],
  tsv: string,
  onCopy: (area: HTMLTextAreaElement) => void,
  forms: HTMLElement | null = null,
): HTMLElement {
  if (heading === null) {
    return h(
      'section',
      { class: 'export', attrs: { 'data-test': 'export' } },
      h('h2', {}, '导出单据'),
      h('p', { class: 'hint' }, '请先在台账中选中一行诉求'),
    );
  }
  const table = h(
    'table',
    { class: 'annex4' },
    h('tbody', {}, ...pairs.map((p) => h('tr', {}, h('th', {}, p.header), h('td', {}, p.value)))),
  );
  const area = h('textarea', {
    attrs: { readonly: '', rows: '3', 'data-test': 'annex4-tsv', 'aria-label': '附件4 行（制表符分隔）' },
  });
  area.value = tsv;
  return h(
    'section',
    { class: 'export', attrs: { 'data-test': 'export' } },
    h('h2', {}, '导出单据'),
    h('p', { class: 'subtitle' }, heading),
    forms,
    h('h3', {}, '附件4 工作台账中的本行'),
    h('p', { class: 'hint' }, '下面是该诉求在《工作台账》（附件4）中的一行，复制后可粘贴到其他 Excel 表格。'),
    table,
    area,
    h(
      'div',
      { class: 'buttons' },
      h('button', { class: 'primary', attrs: { type: 'button' }, on: { click: () => onCopy(area) } }, '复制本行'),
    ),
  );
}
