// ADDIN60: the 待办 section the pane opens on — a count per step of the actor's role, each case a link to its row.
import type { CaseData } from '../../shared/case';
import { text } from '../../shared/case';
import type { TodoGroup, TodoKind } from '../../shared/todo';
import { displayValue } from '../binding/columns';
import { h } from './dom';

/** At most this many cases are listed per step (the count says how many there are). */
const SHOWN = 8;

function when(kind: TodoKind, c: CaseData): string | null {
  const supervision = kind === 'supervisionLate' || kind === 'toReplySupervision';
  const v = displayValue(
    supervision ? 'supervisionDueAt' : 'dueAt',
    c.fields[supervision ? 'supervisionDueAt' : 'dueAt'],
  );
  if (v === null) return null;
  return `${supervision ? '回复期限' : '办结时限'} ${String(v)}`;
}

function item(kind: TodoKind, c: CaseData, onJump: (id: string) => void): HTMLElement {
  const title = [text(c, 'code') ?? '', text(c, 'company') ?? ''].filter((x) => x !== '').join(' ');
  const hint = when(kind, c);
  return h(
    'li',
    { attrs: { 'data-case': c.id } },
    h(
      'button',
      { class: 'link', attrs: { type: 'button', title: '跳转到台账中的这一行' }, on: { click: () => onJump(c.id) } },
      title === '' ? '（无编号）' : title,
    ),
    hint === null ? null : h('span', { class: 'hint' }, ` ${hint}`),
  );
}

function groupItem(g: TodoGroup, onJump: (id: string) => void): HTMLElement {
  const n = g.cases.length;
  const more = n > SHOWN ? h('li', { class: 'hint' }, `还有 ${n - SHOWN} 件，请在台账中筛选`) : null;
  return h(
    'li',
    { class: `todo-group${n === 0 ? ' empty' : ''} ${g.kind}`, attrs: { 'data-todo': g.kind } },
    h(
      'div',
      { class: 'todo-head' },
      h('span', { class: 'todo-label' }, g.label),
      h('span', { class: 'todo-count', attrs: { 'data-test': 'todo-count' } }, String(n)),
    ),
    n === 0
      ? null
      : h('ul', { class: 'todo-cases' }, ...g.cases.slice(0, SHOWN).map((c) => item(g.kind, c, onJump)), more),
  );
}

/** The to-do list; `total` is the number of distinct cases waiting (also in the pane's title). */
export function todoSection(groups: readonly TodoGroup[], total: number, onJump: (id: string) => void): HTMLElement {
  const body =
    groups.length === 0
      ? h('p', { class: 'hint' }, '您的账号只能查看台账，没有待办事项')
      : h('ul', { class: 'todo-list' }, ...groups.map((g) => groupItem(g, onJump)));
  return h(
    'section',
    { class: 'todo', attrs: { 'data-test': 'todo', 'aria-label': '待办' } },
    h('h2', {}, `待办（${total}）`),
    total === 0 && groups.length > 0 ? h('p', { class: 'hint' }, '目前没有等待您处理的诉求') : null,
    body,
  );
}
