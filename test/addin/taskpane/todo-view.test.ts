// ADDIN60: the 待办 section renders counts and hostile case text as text, and each entry jumps to its case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseData } from '../../../shared/case';
import { todoGroups, todoTotal } from '../../../shared/todo';
import { todoSection } from '../../../addin/taskpane/todo-view';
import type { FakeElement } from './fake-dom';
import { installFakeDocument } from './fake-dom';

const HOSTILE = '<img src=x onerror=alert(1)>';
const office = { userId: 'o1', name: '营商办', role: 'office', unitId: null } as const;
const waiting = (i: number): CaseData => ({
  id: `c${i}`,
  fields: { seq: i, code: `〔2026〕${i}号`, company: `${HOSTILE}${i}`, status: 'registered' },
});

let restore: () => void;
beforeAll(() => {
  restore = installFakeDocument();
});
afterAll(() => restore());

const all = (el: HTMLElement) => (el as unknown as FakeElement).all();

describe('ADDIN60: the 待办 section', () => {
  it('ADDIN60: shows each step with its count, lists at most 8 cases as text and jumps to the one clicked', () => {
    const groups = todoGroups(
      office,
      Array.from({ length: 10 }, (_, i) => waiting(i + 1)),
      0,
    );
    const jumped: string[] = [];
    const el = todoSection(groups, todoTotal(groups), (id) => jumped.push(id));
    expect(el.textContent).toContain('待办（10）');
    expect(el.textContent).toContain(`〔2026〕1号 ${HOSTILE}1`);
    expect(el.textContent).toContain('还有 2 件');
    expect(all(el).map((e) => e.tagName)).not.toContain('IMG');
    const buttons = all(el).filter((e) => e.tagName === 'BUTTON');
    expect(buttons).toHaveLength(8);
    buttons[2]?.dispatch('click');
    expect(jumped).toEqual(['c3']);
  });

  it('ADDIN60: with nothing waiting it says so; a viewer is told it has no 待办', () => {
    const none = todoGroups(office, [], 0);
    expect(todoSection(none, 0, () => undefined).textContent).toContain('目前没有等待您处理的诉求');
    const viewer = { ...office, role: 'viewer' } as const;
    expect(todoSection(todoGroups(viewer, [], 0), 0, () => undefined).textContent).toContain('没有待办事项');
  });
});
