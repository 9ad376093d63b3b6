// End to end in Chromium: the built add-in against a real server, two panes (office, unit) over simulated workbooks.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialOfDate } from '../../addin/binding/excel-date';
import { FUNCTION_COMMANDS } from '../../addin/commands/names';
import { createCalendar } from '../../shared/calendar';
import { computeDueAt } from '../../shared/deadlines';
import { addDays, dayOfWeek, parseIsoTime } from '../../shared/time';
import type { RunningServer } from '../../sync-server/server';
import { startServer } from '../../sync-server/server';
import { ADMIN_TOKEN, testConfig } from '../sync-server/integration/harness';
import { openPane, waitIn } from './browser';
import { ARTIFACTS, callApi, closeStage, openStage } from './stage';
import { wholeYear } from '../fixtures/holiday-notices';

import { HOSTILE, followUp, mine, statsView } from './taskpane-steps';

let dir: string;
let addinDir: string;
let server: RunningServer;
let browser: Browser;
let simulator: string;
const contexts: BrowserContext[] = [];

/** On failure: a screenshot and the pane's text of every page, to see what went wrong (also in CI). */
async function saveFailure(): Promise<void> {
  let i = 0;
  for (const c of contexts) {
    for (const p of c.pages()) {
      i++;
      await p.screenshot({ path: join(ARTIFACTS, `taskpane-failure-${i}.png`), fullPage: true }).catch(() => undefined);
      console.error(
        `--- page ${i} ---\n${await p
          .locator('#app')
          .innerText()
          .catch(() => '(no text)')}`,
      );
    }
  }
}

const api = <T>(token: string, method: string, path: string, body?: unknown): Promise<T> =>
  callApi<T>(server, token, method, path, body);

/** YYYY-MM-DD in Asia/Shanghai, `days` from now. */
function shanghaiDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  ({ dir, addinDir, server, browser, simulator } = await openStage('ledger-e2e-'));
  for (const f of readdirSync(ARTIFACTS)) if (f.startsWith('taskpane-failure-')) rmSync(join(ARTIFACTS, f));
}, 60_000);

afterAll(() => closeStage({ dir, server, browser }, contexts));

describe('task pane in the browser', () => {
  it('ADDIN2–ADDIN5, ADDIN20–ADDIN22, ADDIN30, ADDIN31, BIND5, BIND31, BIND42, VIEW4: runs the workflow across an office pane and a unit pane, offline included', async () => {
    try {
      await workflow();
    } catch (e) {
      await saveFailure();
      throw e;
    }
  }, 90_000);

  it('ADDIN40, CAL6: the office loads next year’s holiday notice in the pane and sees the deadline it moved', async () => {
    try {
      await holidayNotice();
    } catch (e) {
      await saveFailure();
      throw e;
    }
  }, 60_000);
});

/** A case whose 办结时限 runs into a year without holiday data: 20 working days plus 20 granted, from today. */
async function provisionalCase(): Promise<{ code: string; assignedAt: string; dueAt: string }> {
  const unitId = (await api<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/units', { name: '市住房和城乡建设局' })).id;
  const unitToken = (
    await api<{ token: string }>(ADMIN_TOKEN, 'POST', '/api/users', { name: '住建联络员', role: 'unit', unitId })
  ).token;
  const c = await api<{ id: string; code: string }>(ADMIN_TOKEN, 'POST', '/api/cases', {
    receivedAt: shanghaiDay(0),
    channel: '门户网站',
    company: '枣阳市跨年建材有限公司',
    contactName: '吴先生',
    contactPhone: '13712345678',
    summary: '竣工验收久拖不决',
    category: '1.行政许可、政务服务不予受理或不按程序时限办理',
  });
  await api(ADMIN_TOKEN, 'POST', `/api/cases/${c.id}/assign`, { leadUnit: unitId, kind: 'complex' });
  await api(unitToken, 'POST', `/api/cases/${c.id}/accept`, { handler: '王工', handlerPhone: '13900001111' });
  await api(unitToken, 'POST', `/api/cases/${c.id}/extension-request`, {
    amount: 20,
    reason: '需多部门会商',
    toldOn: shanghaiDay(0),
    toldBy: '电话',
  });
  type Fields = { fields: Record<string, string | null> };
  const { fields } = await api<Fields>(ADMIN_TOKEN, 'POST', `/api/cases/${c.id}/extension-decision`, { approve: true });
  expect(fields.dueNote).toContain('年节假日安排尚未纳入日历');
  return { code: c.code, assignedAt: String(fields.assignedAt), dueAt: String(fields.dueAt) };
}

async function holidayNotice(): Promise<void> {
  const c = await provisionalCase();
  const year = Number(c.dueAt.slice(0, 4));
  let firstWorkday = `${year}-01-01`;
  while ([0, 6].includes(dayOfWeek(firstWorkday))) firstWorkday = addDays(firstWorkday, 1);
  const notice = { year, days: wholeYear(year, [{ name: '元旦', date: firstWorkday, isOffDay: true }]) };
  const moved = computeDueAt(createCalendar([notice]), 'complex', parseIsoTime(c.assignedAt) ?? 0, 20).dueDate;
  expect(moved > c.dueAt.slice(0, 10)).toBe(true);

  const office = await openPane(browser, contexts, server.url, addinDir, simulator);
  await office.signIn(ADMIN_TOKEN);
  const op = office.page;
  await op
    .locator('[data-test=calendar-text]', { hasText: `${year} 年节假日安排尚未导入，1 件诉求的办结时限为估算` })
    .waitFor();
  // a hostile file is refused in the pane, with the validator's reason
  const file = (json: string) => ({ name: `${year}.json`, mimeType: 'application/json', buffer: Buffer.from(json) });
  await op.locator('[data-test=calendar-file]').setInputFiles(file(`{"year":${year},"days":[],"__proto__":{}}`));
  await op.locator('[data-test=calendar-submit]').click();
  await op.locator('[data-test=calendar-status]', { hasText: '__proto__' }).waitFor();
  // the notice: the pane lists the moved deadline, the sheet shows it, the banner goes
  await op.locator('[data-test=calendar-file]').setInputFiles(file(JSON.stringify(notice)));
  await op.locator('[data-test=calendar-submit]').click();
  await op
    .locator('[data-test=calendar-result]', { hasText: `${c.code}：${c.dueAt.slice(0, 10)} → ${moved}` })
    .waitFor();
  // BIND43: 办结时限 is a real date-time: its serial's whole part is the moved day
  await waitIn(
    op,
    (day) => window.e2e.rows().some((r) => Math.floor(Number(r['办结时限'])) === day && r['时限说明'] === ''),
    'the moved 办结时限 in the office sheet',
    serialOfDate(moved),
  );
  expect(await op.locator('[data-test=calendar-banner]').count()).toBe(0);
  await op.screenshot({ path: join(ARTIFACTS, 'taskpane-office-calendar.png'), fullPage: true });
  expect(office.dialogs).toEqual([]);
  expect(office.errors).toEqual([]);
}

async function workflow(): Promise<void> {
  const unitId = (await api<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/units', { name: '市市场监督管理局' })).id;
  await api(ADMIN_TOKEN, 'POST', '/api/units', { name: '市税务局' });
  const unitToken = (
    await api<{ token: string }>(ADMIN_TOKEN, 'POST', '/api/users', { name: '市场监管联络员', role: 'unit', unitId })
  ).token;
  // an overdue case: received and assigned a month ago, never fed back
  const received = shanghaiDay(-30);
  const late = await api<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/cases', {
    receivedAt: received,
    channel: '走访',
    company: '枣阳市逾期纺织有限公司',
    contactName: '周女士',
    contactPhone: '13912345678',
    summary: '补贴迟迟未兑现',
    category: '3.涉企优惠政策不落实',
  });
  await api(ADMIN_TOKEN, 'POST', `/api/cases/${late.id}/assign`, {
    leadUnit: unitId,
    kind: 'general',
    assignedAt: `${received}T10:00:00+08:00`,
  });

  const office = await openPane(browser, contexts, server.url, addinDir, simulator);
  await office.signIn(ADMIN_TOKEN);
  const op = office.page;
  await waitIn(op, () => window.e2e.rows().length === 1, 'the office sheet shows the overdue case');
  expect(await op.evaluate(() => window.e2e.actionIds())).toEqual(FUNCTION_COMMANDS.map((c) => c.id));
  expect(await op.evaluate(() => window.e2e.actionsAtReady())).toBe(FUNCTION_COMMANDS.length); // BIND31

  // overdue: the row's 预警 cell evaluates to the red conditional format; the due list jumps to it
  expect(await op.evaluate(() => window.e2e.rows()[0]?.['预警'])).toBe('超期');
  expect(await op.evaluate(() => window.e2e.fill(0, '预警'))).toBe('#FFC7CE');
  await op.locator('[data-test=due] li.overdue button').click();
  await op.locator('[data-test=case-heading]', { hasText: '逾期纺织' }).waitFor();

  // 登记 through the form, with hostile text typed as the company name
  await op.locator('nav button[data-view=register]').click();
  const reg = op.locator('form[data-form=register]');
  await reg.locator('[name=receivedAt]').fill(shanghaiDay(0));
  await reg.locator('[name=channel]').selectOption('热线电话');
  await reg.locator('[name=company]').fill(HOSTILE);
  await reg.locator('[name=contactName]').fill('刘经理');
  await reg.locator('[name=contactPhone]').fill('0710-6331373');
  await reg.locator('[name=summary]').fill('施工许可材料被反复要求补充');
  await reg.locator('[name=category]').selectOption('1.行政许可、政务服务不予受理或不按程序时限办理');
  await reg.locator('button[type=submit]').click();
  await op.locator('[data-test=message]', { hasText: '已登记' }).waitFor();
  await waitIn(op, () => window.e2e.rows().length === 2, 'the registered case in the office sheet');
  // the new row is selected: hostile text shows as text, nothing is parsed as markup
  await op.locator('[data-test=details] dd[data-field=company]', { hasText: HOSTILE }).waitFor();
  expect(await op.locator('[data-test=details] dd[data-field=company]').textContent()).toBe(HOSTILE);
  expect(await op.locator('#app img').count()).toBe(0);

  // 交办 through the form
  await op.locator('[data-test=case] button[data-command=assign]').click();
  const assign = op.locator('form[data-form=assign]');
  await assign.locator('[name=leadUnit]').selectOption({ label: '市市场监督管理局' });
  await assign.locator('[name=kind]').selectOption('general');
  await assign.locator('[name=note]').fill('请核实后5个工作日内反馈');
  await assign.locator('button[type=submit]').click();
  await op.locator('[data-test=message]', { hasText: '交办成功' }).waitFor();

  // the unit's pane: the case arrives in its sheet
  const unit = await openPane(browser, contexts, server.url, addinDir, simulator);
  await unit.signIn(unitToken);
  const up = unit.page;
  await waitIn(
    up,
    () => window.e2e.rows().some((r) => r['状态'] === '已交办' && String(r['诉求企业']).includes('<img')),
    'the assigned case in the unit sheet',
  );
  const row = await up.evaluate(mine);

  await up.evaluate((r) => window.e2e.select(r), row);
  await up.locator('[data-test=case-heading]', { hasText: '机械有限公司' }).waitFor();

  // forbidden edits in the unit's sheet: the office's columns are protected, and so are the handling cells before 签收
  // (BIND42: locked as the rules say, not unlocked and undone)
  expect(await up.evaluate((r) => window.e2e.type(r, '诉求企业', '别的公司'), row)).toContain('protected');
  expect(await up.evaluate((r) => window.e2e.type(r, '经办人', '抢先填写'), row)).toContain('protected');

  // 签收 from the ribbon: a confirmation in the pane, then the status everywhere
  expect(await up.evaluate(() => window.e2e.press('acceptCase'))).toBe(true);
  await up.locator('form[data-form=accept] button[type=submit]').click();
  await up.locator('[data-test=message]', { hasText: '签收成功' }).waitFor();
  await waitIn(
    op,
    () => window.e2e.rows().some((r) => r['状态'] === '办理中' && String(r['诉求企业']).endsWith('机械有限公司')),
    'handling at the office',
  );

  // offline: the server goes away, the unit edits, reloads (IndexedDB), and the edit arrives when the server is back
  const port = server.port;
  await server.close();
  await up.locator('[data-test=state][data-kind=offline]').waitFor();
  expect(await up.evaluate((r) => window.e2e.type(r, '经办人', '离线经办人'), row)).toBeNull();
  await up.locator('[data-test=state]', { hasText: '1 项修改待同步' }).waitFor();
  await up.reload();
  await up.locator('[data-test=state]', { hasText: '1 项修改待同步' }).waitFor();
  await waitIn(
    up,
    () => window.e2e.rows().some((r) => r['经办人'] === '离线经办人'),
    'the offline edit back in the sheet after the reload',
  );
  server = await startServer(testConfig(join(dir, 'data'), { addinDir, port }));
  await up.locator('[data-test=state][data-kind=online]').waitFor({ timeout: 15_000 });
  await up.locator('[data-test=message]', { hasText: '已恢复连接' }).waitFor();
  await waitIn(
    op,
    () => window.e2e.rows().some((r) => r['经办人'] === '离线经办人'),
    'the offline edit at the office',
    undefined,
    15_000,
  );

  // 反馈 (承办单) through the form, with its length counters
  const row2 = await up.evaluate(mine);
  await up.evaluate((r) => window.e2e.select(r), row2);
  await up.locator('[data-test=case] button[data-command=feedback]').click();
  const fb = up.locator('form[data-form=feedback]');
  await fb.locator('[name=findings]').fill('经查，反映问题属实。');
  await fb.locator('[name=measures]').fill('已一次性告知所需材料并当场受理。');
  await fb.locator('[data-test=counters]', { hasText: '核查情况 + 办理情况：26 / 2000 字' }).waitFor();
  await fb.locator('[name=feedbackMethod]').selectOption('电话');
  await fb.locator('[name=companyVerdict]').selectOption('满意');
  await fb.locator('[name=writtenReply]').selectOption('否');
  await fb.locator('[name=handlerPhone]').fill('13812345678');
  await fb.locator('button[type=submit]').click();
  await up.locator('[data-test=message]', { hasText: '反馈成功' }).waitFor();
  await waitIn(
    op,
    () => window.e2e.rows().some((r) => r['状态'] === '已反馈' && r['核查情况'] === '经查，反映问题属实。'),
    'the feedback at the office',
  );

  // the ribbon follows the selected row; a button pressed at the wrong moment is explained in the pane
  await waitIn(
    up,
    () =>
      window.e2e.lastEnabled('ZtcAcceptCase') === false &&
      window.e2e.lastEnabled('ZtcOpenLedger') === true &&
      window.e2e.lastEnabled('ZtcVisitCase') === true,
    'ribbon updated for 已反馈: the unit visits (WF10)',
  );
  await op.evaluate((r) => window.e2e.select(r), await op.evaluate(mine));
  await waitIn(op, () => window.e2e.lastEnabled('ZtcVisitCase') === false, 'the office does not visit');
  expect(await op.evaluate(() => window.e2e.press('visitCase'))).toBe(true);
  await op
    .locator('[data-test=message]', { hasText: '现在不能“回访”：当前办理状态为“已反馈”，不能执行“说明处理”' })
    .waitFor();

  // the token lives in the add-in's storage, never in the workbook
  expect(await up.evaluate((t) => window.e2e.allText().includes(t), unitToken)).toBe(false);
  expect(await up.evaluate((t) => JSON.stringify(window.localStorage).includes(t), unitToken)).toBe(true);

  await op.screenshot({ path: join(ARTIFACTS, 'taskpane-office.png'), fullPage: true });
  await up.screenshot({ path: join(ARTIFACTS, 'taskpane-unit.png'), fullPage: true });

  // 导出单据: the 附件4 row of the selected case; 统计: per-unit counts from the server
  await op.locator('nav button[data-view=export]').click();
  expect(await op.locator('[data-test=annex4-tsv]').inputValue()).toContain(HOSTILE);
  await statsView(op, received);
  await op.screenshot({ path: join(ARTIFACTS, 'taskpane-office-stats.png'), fullPage: true });

  await followUp(op, up);
  expect(office.dialogs).toEqual([]);
  expect(unit.dialogs).toEqual([]);
  expect([...office.errors, ...unit.errors]).toEqual([]);
}
