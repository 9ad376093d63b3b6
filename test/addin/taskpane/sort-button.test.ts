// BIND11: the pane offers sorting the table by 办结时限 (the sheet's own sort is refused on its locked cells).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueSection } from '../../../addin/taskpane/views';
import type { FakeElement } from './fake-dom';
import { installFakeDocument } from './fake-dom';

let restore: () => void = () => undefined;
beforeAll(() => {
  restore = installFakeDocument();
});
afterAll(() => restore());

describe('BIND11: sort button', () => {
  it('BIND11: the 预警 section has a button that sorts the table by 办结时限 through the binding', () => {
    let sorted = 0;
    const section = dueSection(
      [],
      () => undefined,
      () => void sorted++,
    ) as unknown as FakeElement;
    const button = section.all().find((e) => e.tagName === 'BUTTON' && e.textContent === '按办结时限排序表格');
    expect(button).toBeDefined();
    button?.dispatch('click');
    expect(sorted).toBe(1);
  });
});
