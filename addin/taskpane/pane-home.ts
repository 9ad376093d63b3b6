// The home view's live parts, redrawn on every change of the Y.Doc: 待办 and title, the selected case, 预警 — focus kept.
import type { Actor, CaseData } from '../../shared/case';
import { nextActions } from '../../shared/next-steps';
import { todoGroups, todoTotal } from '../../shared/todo';
import type { CommandName } from '../../shared/workflow';
import { caseDetails, caseHeading } from './case-view';
import { fill } from './dom';
import { dueList } from './due-list';
import type { PaneElements } from './pane-layout';
import { todoSection } from './todo-view';
import { caseSection, detailsSection, dueSection } from './views';

export const PANE_TITLE = '企业诉求直通车台账';

export interface HomeState {
  actor: Actor;
  cases: readonly CaseData[];
  selected: CaseData | null;
  /** Whether the sheet is bound (the empty text, and sorting the table by 办结时限). */
  bound: boolean;
  unitName: (id: string) => string | null;
  now: number;
}

export interface HomeHandlers {
  openForm(command: CommandName): void;
  jumpTo(caseId: string): void;
  sortByDue(): void;
}

/**
 * ADDIN82: moves the focus within the case section — to the `command` button if it is shown, else the primary action,
 * else the heading (focusable, never the page body).
 */
export function focusCaseSection(section: HTMLElement, command?: string | null): void {
  const target =
    (command ? section.querySelector<HTMLElement>(`button[data-command="${command}"]`) : null) ??
    section.querySelector<HTMLElement>('button.primary') ??
    section.querySelector<HTMLElement>('[data-test=case-heading]');
  target?.focus();
}

/** ADDIN60: the 待办 list and the title's count. */
function drawTodo(els: PaneElements, s: HomeState, on: HomeHandlers): void {
  const groups = todoGroups(s.actor, s.cases, s.now);
  const total = todoTotal(groups);
  const title = total === 0 ? PANE_TITLE : `${PANE_TITLE}（待办 ${total}）`;
  els.title.textContent = title;
  document.title = title;
  fill(els.todo, todoSection(groups, total, on.jumpTo));
}

/** Redraws the home parts; a focus inside the case section stays on the same action (or moves to the case). */
export function drawHome(els: PaneElements, s: HomeState, on: HomeHandlers): void {
  const c = s.selected;
  const active = document.activeElement;
  const hadFocus = active !== null && els.case.contains(active);
  const command = hadFocus ? active.getAttribute('data-command') : null;
  const header = c === null ? null : { heading: caseHeading(c), actions: nextActions(s.actor, c, s.now) };
  const empty = s.bound ? '在“台账”工作表中选中一行，这里显示该诉求的详情和可执行的操作。' : '台账正在加载…';
  fill(els.case, caseSection(header, empty, on.openForm));
  if (hadFocus) focusCaseSection(els.case, command);
  fill(els.details, c === null ? null : detailsSection(caseDetails(c, s.unitName)));
  drawTodo(els, s, on);
  fill(els.due, dueSection(dueList(s.cases), on.jumpTo, s.bound ? on.sortByDue : undefined));
}
