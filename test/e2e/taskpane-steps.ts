// Steps of the task pane e2e that read one pane view each: the 统计 view, and the follow-up (回访, 说明, 回头看).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitIn } from './browser';

/** The company of the workflow's case: markup in a name must stay text everywhere. */
export const HOSTILE = '<img src=x onerror=alert(1)>机械有限公司';

/** ADDIN30, ADDIN31: the 统计 view — period choice, cards readable at 320 px, a refused period, the 统计 sheet and its chart. */
export async function statsView(op: Page, received: string): Promise<void> {
  await op.setViewportSize({ width: 320, height: 900 });
  await op.locator('nav button[data-view=stats]').click();
  const card = op.locator('[data-test=stats-unit]', { hasText: '市市场监督管理局' });
  await card.waitFor();
  expect(await op.locator('[data-test=stats-label]').innerText()).toBe('统计期间：全部');
  // one late (overdue) round and one on time: 50.0%; nothing visited yet
  expect(await card.locator('.key-rates').innerText()).toMatch(/按时反馈率\s*50\.0%[\s\S]*最终满意率\s*—/);
  // readable at 320 px: nothing wider than the pane, every label and value on one line
  const layout = await op.evaluate(() => {
    const cells = [...document.querySelectorAll('[data-test=stats] .key-rates dt, [data-test=stats] .key-rates dd')];
    return {
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      tallest: Math.max(...cells.map((c) => c.getBoundingClientRect().height)),
      fontSize: parseFloat(getComputedStyle(cells[0] as Element).fontSize),
    };
  });
  expect(layout.overflow).toBeLessThanOrEqual(0);
  expect(layout.tallest).toBeLessThan(layout.fontSize * 2); // one line (two would be about 2.4 font sizes)

  // a custom range around the cases counts them; a year without cases shows no rates; a bad range is explained
  const period = op.locator('form[data-test=stats-period]');
  await period.locator('[name=periodKind]').selectOption('range');
  await period.locator('[name=from]').fill(received);
  await period.locator('[name=to]').fill(received);
  await period.locator('button[type=submit]').click();
  await op.locator('[data-test=stats-label]', { hasText: `统计期间：${received} 至 ${received}` }).waitFor();
  await op.locator('[data-test=stats-totals] .score', { hasText: '受理 1 件' }).waitFor();
  await period.locator('[name=periodKind]').selectOption('year');
  expect(await period.locator('[name=from]').isVisible()).toBe(false);
  await period.locator('[name=year]').fill('2001');
  await period.locator('button[type=submit]').click();
  await op.locator('[data-test=stats-label]', { hasText: '统计期间：2001年' }).waitFor();
  expect(await card.locator('.key-rates dd').allInnerTexts()).toEqual(['—', '—', '—', '—']);
  await period.locator('[name=periodKind]').selectOption('range');
  await period.locator('[name=from]').fill('2026-12-02');
  await period.locator('[name=to]').fill('2026-12-01');
  await period.locator('button[type=submit]').click();
  await op.locator('[data-test=stats-status]', { hasText: '开始日期不能晚于结束日期' }).waitFor();
  expect(await op.locator('[data-test=stats-sheet]').isDisabled()).toBe(true);

  // 全部 again, then the 统计 sheet with its native chart; a second press replaces the chart
  await period.locator('[name=periodKind]').selectOption('all');
  await period.locator('button[type=submit]').click();
  await op.locator('[data-test=stats-label]', { hasText: '统计期间：全部' }).waitFor();
  for (const press of [1, 2]) {
    await op.locator('[data-test=stats-sheet]').click();
    const written = op.locator('[data-test=message]', { hasText: '已写入“统计”工作表（全部）' });
    await written.waitFor();
    // ADDIN62: one message per action, so the first is closed to see the second arrive
    if (press === 1) await written.locator('[data-test=message-close]').click();
  }
  expect(await op.evaluate(() => window.e2e.sheetNames())).toContain('统计');
  expect(await op.evaluate(() => window.e2e.charts('统计'))).toEqual([
    { name: '统计图', type: 'ColumnClustered', title: '各单位按时反馈率与满意率（全部）' },
  ]);
  const sheet = await op.evaluate(() => window.e2e.cellsOf('统计', 5, 2).values);
  expect(sheet[3]).toEqual(['承办单位', '按时反馈率']);
  expect(sheet[4]).toEqual(['市市场监督管理局', 0.5]);
  await op.locator('[data-test=stats-unit] details summary').first().click(); // 全部指标, for the screenshot
}

export const mine = () => window.e2e.rows().findIndex((r) => String(r['诉求企业']).endsWith('机械有限公司'));

/** ADDIN20–ADDIN22: the unit's 回访 and 作出说明, the office's 说明处理 and 回头看 from the ribbon; a 重复投诉 warning. */
export async function followUp(op: Page, up: Page): Promise<void> {
  await up.evaluate((r) => window.e2e.select(r), await up.evaluate(mine));
  expect(await up.evaluate(() => window.e2e.press('visitCase'))).toBe(true);
  const visit = up.locator('form[data-form=visit]');
  await visit.locator('[name=result]').selectOption('不满意');
  await visit.locator('[name=method]').selectOption('实地走访');
  await visit.locator('button[type=submit]').click();
  await up.locator('[data-test=message]', { hasText: '回访成功' }).waitFor();

  await waitIn(up, () => window.e2e.rows().some((r) => r['状态'] === '不满意'), 'unsatisfied in the unit sheet');
  expect(await up.evaluate(() => window.e2e.press('visitCase'))).toBe(true);
  const explain = up.locator('form[data-form=explain]');
  await explain.locator('[name=text]').fill('企业要求超出政策范围，已当面解释');
  await explain.locator('button[type=submit]').click();
  await up.locator('[data-test=message]', { hasText: '作出说明成功' }).waitFor();

  await waitIn(op, () => window.e2e.rows().some((r) => r['状态'] === '已说明'), 'explained at the office');
  await op.evaluate((r) => window.e2e.select(r), await op.evaluate(mine));
  await waitIn(op, () => window.e2e.lastEnabled('ZtcVisitCase') === true, 'the office decides on the explanation');
  expect(await op.evaluate(() => window.e2e.press('visitCase'))).toBe(true);
  const decision = op.locator('form[data-form=explanation-decision]');
  await decision.locator('[name=decision]').selectOption('accept');
  await decision.locator('button[type=submit]').click();
  await op.locator('[data-test=message]', { hasText: '说明处理成功' }).waitFor();

  await waitIn(op, () => window.e2e.lastEnabled('ZtcSpotCheckCase') === true, 'the office may look back (回头看)');
  expect(await op.evaluate(() => window.e2e.press('spotCheckCase'))).toBe(true);
  const spot = op.locator('form[data-form=spot-check]');
  await spot.locator('[name=result]').selectOption('基本满意');
  await spot.locator('[name=method]').selectOption('电话回访');
  await spot.locator('button[type=submit]').click();
  await op.locator('[data-test=message]', { hasText: '回头看成功' }).waitFor();
  await waitIn(
    op,
    () => window.e2e.rows().some((r) => r['状态'] === '已办结' && String(r['回头看情况']).includes('基本满意')),
    'the 回头看 line in the office sheet',
  );

  // 重复投诉: the same company with a similar 主要诉求 is registered, with a warning naming the earlier case
  await op.locator('nav button[data-view=register]').click();
  const reg = op.locator('form[data-form=register]');
  await reg.locator('[name=channel]').selectOption('门户网站');
  await reg.locator('[name=company]').fill(HOSTILE);
  await reg.locator('[name=contactName]').fill('刘经理');
  await reg.locator('[name=contactPhone]').fill('0710-6331373');
  await reg.locator('[name=summary]').fill('施工许可材料又被反复要求补充');
  await reg.locator('button[type=submit]').click();
  await op.locator('[data-test=message]', { hasText: '可能为重复投诉' }).waitFor();

  // ADDIN22: the 回头看 sample draws the one closed case and says which seed repeats the draw
  await op.locator('nav button[data-view=home]').click();
  const sample = op.locator('form[data-form=sample]');
  await sample.locator('[name=n]').fill('5');
  await sample.locator('[name=seed]').fill('20261130');
  await sample.locator('button[type=submit]').click();
  await op.locator('[data-test=sample-seed]', { hasText: '随机种子 20261130' }).waitFor();
  // WF31: the case closed moments ago is drawable at once (the draw waits for the current second to end)
  expect(await op.locator('[data-test=sample-result] li').allInnerTexts()).toEqual([
    expect.stringContaining('机械有限公司'),
  ]);
}
