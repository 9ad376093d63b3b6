// End to end in Chromium at 320 px: an office clerk's and a unit clerk's day as the pane guides it (issue 13).
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../sync-server/server';
import { startServer } from '../../sync-server/server';
import { ADMIN_TOKEN, testConfig } from '../sync-server/integration/harness';
import { openPane, waitIn } from './browser';
import { ARTIFACTS, callApi, closeStage, openStage } from './stage';

let dir: string;
let addinDir: string;
let server: RunningServer;
let browser: Browser;
let simulator: string;
const contexts: BrowserContext[] = [];

const api = <T>(token: string, method: string, path: string, body?: unknown): Promise<T> =>
  callApi<T>(server, token, method, path, body);

/** YYYY-MM-DD in Asia/Shanghai today. */
function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

async function register(company: string): Promise<{ id: string; code: string }> {
  return api(ADMIN_TOKEN, 'POST', '/api/cases', {
    receivedAt: today(),
    channel: '热线电话',
    company,
    contactName: '刘经理',
    contactPhone: '13812345678',
    summary: '施工许可材料被反复要求补充',
    category: '1.行政许可、政务服务不予受理或不按程序时限办理',
  });
}

/** The pane at the width of a narrow Excel task pane; a screenshot of it into test-artifacts/. */
async function narrow(page: Page): Promise<void> {
  await page.setViewportSize({ width: 320, height: 900 });
}
async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `clerk-${name}.png`), fullPage: true });
}

/** The count shown for one 待办 step. */
function count(page: Page, kind: string): Promise<string | null> {
  return page.locator(`[data-todo=${kind}] [data-test=todo-count]`).textContent();
}
async function countIs(page: Page, kind: string, n: number): Promise<void> {
  await page.locator(`[data-todo=${kind}] [data-test=todo-count]`, { hasText: new RegExp(`^${n}$`) }).waitFor();
}

/** The commands offered on the selected case, in their order. */
function commands(page: Page): Promise<(string | null)[]> {
  return page
    .locator('[data-test=case] button[data-command]')
    .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-command')));
}

/** Clicks the 待办 entry of a case and checks that the pane and the sheet's selection moved to it. */
async function jump(page: Page, kind: string, caseId: string, company: string, code: string): Promise<void> {
  await waitIn(
    page,
    (c) => window.e2e.rows().some((r) => r['诉求编号'] === c),
    `the row of ${code} in the sheet`,
    code,
  );
  await page.locator(`[data-todo=${kind}] li[data-case="${caseId}"] button`).click();
  await page.locator('[data-test=case-heading]', { hasText: company }).waitFor();
  await waitIn(
    page,
    (c) => {
      const i = window.e2e.rows().findIndex((r) => r['诉求编号'] === c);
      return i >= 0 && window.e2e.selection().endsWith(String(window.e2e.address(i, '序号')).replace(/^[A-Z]+/, ''));
    },
    `the sheet selects the row of ${code}`,
    code,
  );
}

beforeAll(async () => {
  ({ dir, addinDir, server, browser, simulator } = await openStage('ledger-clerk-'));
}, 60_000);

afterAll(() => closeStage({ dir, server, browser }, contexts));

async function onFailure(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    let i = 0;
    for (const c of contexts)
      for (const p of c.pages()) {
        i++;
        await p.screenshot({ path: join(ARTIFACTS, `clerk-failure-${i}.png`), fullPage: true }).catch(() => undefined);
        console.error(
          `--- page ${i} ---\n${await p
            .locator('#app')
            .innerText()
            .catch(() => '(no text)')}`,
        );
      }
    throw e;
  }
}

describe('a clerk’s day in the browser at 320 px', () => {
  it('ADDIN60, ADDIN61, ADDIN64, ADDIN65: each clerk opens on a 待办 list that counts every pending step, jumps to it and follows the ledger live', async () => {
    await onFailure(todoDay);
  }, 90_000);

  it('ADDIN62, ADDIN63: a failed 反馈 is said in Chinese and replaced by its retry; offline the form cannot be sent', async () => {
    await onFailure(messagesDay);
  }, 90_000);

  it('VAL20, VAL21, VAL22, ADDIN66: an empty 登记 shows every required field’s error at once; sign-out asks first', async () => {
    await onFailure(validationDay);
  }, 60_000);
});

async function todoDay(): Promise<void> {
  const unitId = (await api<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/units', { name: '市市场监督管理局' })).id;
  const unitToken = (
    await api<{ token: string }>(ADMIN_TOKEN, 'POST', '/api/users', { name: '市场监管联络员', role: 'unit', unitId })
  ).token;
  // three cases: one waiting for 交办, one waiting for 签收, one in hand with an extension request pending
  // (咨询类, 24 hours: none is 临期 at once, so the counts do not depend on the day the test runs)
  const fresh = await register('枣阳市待交办机械有限公司');
  const waiting = await register('枣阳市待签收纺织有限公司');
  const inHand = await register('枣阳市办理中建材有限公司');
  for (const c of [waiting, inHand])
    await api(ADMIN_TOKEN, 'POST', `/api/cases/${c.id}/assign`, { leadUnit: unitId, kind: 'consult' });
  await api(unitToken, 'POST', `/api/cases/${inHand.id}/accept`, { handler: '王工', handlerPhone: '13900001111' });
  await api(unitToken, 'POST', `/api/cases/${inHand.id}/extension-request`, {
    amount: 12,
    reason: '需现场核查',
    toldOn: today(),
    toldBy: '电话',
  });

  // the office: 待交办 1, 待审批延期 1, nothing else; the title counts the two cases
  const office = await openPane(browser, contexts, server.url, addinDir, simulator);
  const op = office.page;
  await narrow(op);
  await office.signIn(ADMIN_TOKEN);
  await countIs(op, 'toAssign', 1);
  await countIs(op, 'toDecideExtension', 1);
  for (const k of ['toDecideExplanation', 'supervisionLate', 'overdue', 'dueSoon'])
    expect(await count(op, k)).toBe('0');
  await op.locator('[data-test=title]', { hasText: '（待办 2）' }).waitFor();
  expect(await op.title()).toBe('企业诉求直通车台账（待办 2）');
  await waitIn(op, () => window.e2e.rows().length === 3, 'the three cases in the office sheet');
  await shot(op, 'office-todo');
  // each entry jumps to its case: the pane shows it, the sheet selects its row
  await jump(op, 'toAssign', fresh.id, '待交办机械', fresh.code);
  await jump(op, 'toDecideExtension', inHand.id, '办理中建材', inHand.code);
  // ADDIN64/65: the pending request is the next step, its form says what was asked
  expect(await commands(op)).toEqual(['extension-decision', 'supervise']);
  expect(await op.locator('[data-test=case] button.primary').getAttribute('data-command')).toBe('extension-decision');
  await op.locator('[data-test=case] button[data-command=extension-decision]').click();
  await op.locator('[data-test=form-context]', { hasText: '待审批：申请延期 12 小时' }).waitFor();
  await shot(op, 'office-extension-decision');
  await op.locator('form[data-form=extension-decision] button', { hasText: '取消' }).click();
  await jump(op, 'toAssign', fresh.id, '待交办机械', fresh.code);
  expect(await commands(op)).toEqual(['assign', 'answer', 'reject']);

  // the unit: 待签收 1, 待反馈 1; the units' steps only
  const unit = await openPane(browser, contexts, server.url, addinDir, simulator);
  const up = unit.page;
  await narrow(up);
  await unit.signIn(unitToken);
  await countIs(up, 'toAccept', 1);
  await countIs(up, 'toFeedback', 1);
  for (const k of ['toVisit', 'toExplain', 'toReplySupervision', 'overdue']) expect(await count(up, k)).toBe('0');
  expect(await up.locator('[data-todo=toAssign]').count()).toBe(0);
  await up.locator('[data-test=title]', { hasText: '（待办 2）' }).waitFor();
  await waitIn(up, () => window.e2e.rows().length === 2, 'the unit sheet shows its two cases');
  await shot(up, 'unit-todo');
  await jump(up, 'toAccept', waiting.id, '待签收纺织', waiting.code);
  // no 督办回复 without a 督办单; 签收 first, 退回 last
  expect(await commands(up)).toEqual(['accept', 'extension-request', 'return']);
  await shot(up, 'unit-actions');

  // live: the office decides the extension and issues a 督办, the unit answers — every list follows without a reload
  await api(ADMIN_TOKEN, 'POST', `/api/cases/${inHand.id}/extension-decision`, { approve: true });
  await countIs(op, 'toDecideExtension', 0);
  await api(ADMIN_TOKEN, 'POST', `/api/cases/${fresh.id}/assign`, { leadUnit: unitId, kind: 'consult' });
  await countIs(op, 'toAssign', 0);
  await op.locator('[data-test=title]', { hasText: /^企业诉求直通车台账$/ }).waitFor();
  await op.locator('[data-test=todo]', { hasText: '目前没有等待您处理的诉求' }).waitFor();
  await countIs(up, 'toAccept', 2);
  await api(ADMIN_TOKEN, 'POST', `/api/cases/${inHand.id}/supervise`, { note: '请加快办理' });
  await countIs(up, 'toReplySupervision', 1);
  await up.locator('[data-test=title]', { hasText: '（待办 3）' }).waitFor();
  await shot(up, 'unit-todo-supervised');
  await jump(up, 'toReplySupervision', inHand.id, '办理中建材', inHand.code);
  // 12 of the 24 hours granted: another request is still possible
  expect(await commands(up)).toEqual(['feedback', 'supervise-reply', 'extension-request', 'return']);
  await up.locator('[data-test=case] button[data-command=supervise-reply]').click();
  await up.locator('[data-test=form-context]', { hasText: '请加快办理' }).waitFor();
  await up.locator('form[data-form=supervise-reply] button', { hasText: '取消' }).click();
  await api(unitToken, 'POST', `/api/cases/${inHand.id}/supervise-reply`, { note: '已加快办理' });
  await countIs(up, 'toReplySupervision', 0);
  expect(office.errors).toEqual([]);
  expect(unit.errors).toEqual([]);
}

/** Fills the 承办单 (反馈) form of the selected case. */
async function fillFeedback(page: Page): Promise<void> {
  const fb = page.locator('form[data-form=feedback]');
  await fb.locator('[name=findings]').fill('经查，反映问题属实。');
  await fb.locator('[name=measures]').fill('已一次性告知所需材料并当场受理。');
  await fb.locator('[name=feedbackMethod]').selectOption('电话');
  await fb.locator('[name=companyVerdict]').selectOption('满意');
  await fb.locator('[name=writtenReply]').selectOption('否');
  await fb.locator('[name=handlerPhone]').fill('13812345678');
}

async function messagesDay(): Promise<void> {
  const unitId = (await api<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/units', { name: '市税务局' })).id;
  const unitToken = (
    await api<{ token: string }>(ADMIN_TOKEN, 'POST', '/api/users', { name: '税务联络员', role: 'unit', unitId })
  ).token;
  const c = await register('枣阳市反馈测试电子有限公司');
  await api(ADMIN_TOKEN, 'POST', `/api/cases/${c.id}/assign`, { leadUnit: unitId, kind: 'consult' });
  await api(unitToken, 'POST', `/api/cases/${c.id}/accept`, { handler: '赵工', handlerPhone: '13900002222' });

  const unit = await openPane(browser, contexts, server.url, addinDir, simulator);
  const up = unit.page;
  await narrow(up);
  await unit.signIn(unitToken);
  await jump(up, 'toFeedback', c.id, '反馈测试电子', c.code);
  await up.locator('[data-test=case] button[data-command=feedback]').click();
  await fillFeedback(up);

  // the request never reaches the server: said in Chinese, the form kept, the retry replaces the failure
  await up.route('**/api/cases/*/feedback', (route) => route.abort('internetdisconnected'));
  const submit = up.locator('form[data-form=feedback] button[type=submit]');
  await submit.click();
  await up.locator('[data-test=message]', { hasText: '反馈未成功：无法连接台账服务器' }).waitFor();
  await submit.click();
  await up.locator('[data-test=form-error]', { hasText: '反馈没有发送' }).waitFor();
  expect(await up.locator('[data-test=message]', { hasText: '反馈未成功' }).count()).toBe(1);
  expect(await up.locator('#app').innerText()).not.toMatch(/fetch|internet/i);
  await shot(up, 'unit-feedback-unsent');

  // offline: the form cannot be submitted and says why; the pill does not say nothing is pending
  const port = server.port;
  await server.close();
  await up.locator('[data-test=state][data-kind=offline]').waitFor();
  await up.locator('[data-test=form-blocked]', { hasText: '当前离线，无法提交' }).waitFor();
  expect(await submit.isDisabled()).toBe(true);
  const pill = (await up.locator('[data-test=state]').textContent()) ?? '';
  expect(pill).toContain('1 张表单未发送');
  expect(pill).not.toContain('没有待同步');
  await shot(up, 'unit-feedback-offline');

  // back online: no claim that anything was sent (nothing waited), the form can be sent, success replaces the error
  server = await startServer(testConfig(join(dir, 'data'), { addinDir, port }));
  await up.locator('[data-test=state][data-kind=online]').waitFor({ timeout: 15_000 });
  await up.locator('[data-test=message]', { hasText: /^已恢复连接$/ }).waitFor();
  expect(await up.locator('[data-test=message]', { hasText: '离线期间的修改已发送' }).count()).toBe(0);
  await up.unroute('**/api/cases/*/feedback');
  expect(await submit.isDisabled()).toBe(false);
  await submit.click();
  await up.locator('[data-test=message]', { hasText: '反馈成功' }).waitFor();
  expect(await up.locator('[data-test=message]', { hasText: '反馈未成功' }).count()).toBe(0);
  const messages = up.locator('[data-test=messages]');
  expect(await messages.getAttribute('aria-live')).toBe('polite');
  await up.locator('[data-test=message]', { hasText: '反馈成功' }).locator('[data-test=message-close]').click();
  expect(await up.locator('[data-test=message]', { hasText: '反馈成功' }).count()).toBe(0);
  await shot(up, 'unit-feedback-sent');
  expect(unit.errors).toEqual([]);
}

async function validationDay(): Promise<void> {
  const office = await openPane(browser, contexts, server.url, addinDir, simulator);
  const op = office.page;
  await narrow(op);
  await office.signIn(ADMIN_TOKEN);
  await op.locator('nav button[data-view=register]').click();
  const reg = op.locator('form[data-form=register]');
  // 受理日期 starts at today: emptied, the form is blank
  expect(await reg.locator('[name=receivedAt]').inputValue()).toBe(today());
  await reg.locator('[name=receivedAt]').fill('');
  await reg.locator('button[type=submit]').click();
  const required = ['receivedAt', 'channel', 'company', 'contactName', 'contactPhone', 'summary'];
  for (const key of required) {
    await reg.locator(`#err-${key}`, { hasText: '必填' }).waitFor();
    expect(await reg.locator(`#f-${key}`).getAttribute('aria-invalid')).toBe('true');
    expect(await reg.locator(`#f-${key}`).getAttribute('aria-describedby')).toMatch(new RegExp(`^err-${key}( |$)`));
    expect(await reg.locator(`#f-${key}`).getAttribute('aria-required')).toBe('true');
  }
  expect(await reg.locator('[data-test=field-error]:visible').count()).toBe(required.length);
  await reg.locator('[data-test=form-error]', { hasText: '有 6 处需要修改' }).waitFor();
  expect(await op.evaluate(() => document.activeElement?.id)).toBe('f-receivedAt');
  expect(await reg.locator('#f-receivedAt').getAttribute('max')).toBe(today());
  await shot(op, 'office-register-errors');
  // fixing a field clears its message at once; a bad phone is caught by the server's own rule before sending
  await reg.locator('[name=company]').fill('枣阳市校验测试有限公司');
  await reg.locator('#err-company').waitFor({ state: 'hidden' });
  expect(await reg.locator('#f-company').getAttribute('aria-invalid')).toBeNull();
  await reg.locator('[name=receivedAt]').fill(today());
  await reg.locator('[name=channel]').selectOption('热线电话');
  await reg.locator('[name=contactName]').fill('刘经理');
  await reg.locator('[name=contactPhone]').fill('12345');
  await reg.locator('[name=summary]').fill('施工许可材料被反复要求补充');
  let posted = 0;
  await op.route('**/api/cases', async (route) => {
    posted++;
    await route.continue();
  });
  await reg.locator('button[type=submit]').click();
  await reg.locator('#err-contactPhone', { hasText: '电话' }).waitFor();
  expect(posted).toBe(0);
  expect(await reg.locator('[data-test=field-error]:visible').count()).toBe(1);
  await reg.locator('[name=contactPhone]').fill('0710-6331373');
  await reg.locator('button[type=submit]').click();
  await op.locator('[data-test=message]', { hasText: '已登记' }).waitFor();
  expect(posted).toBe(1);

  // ADDIN66: signing out asks first and says the token is needed again; after it the pane says 未连接
  await op.locator('[data-test=sign-out]').click();
  await op.locator('[data-test=sign-out-confirm]', { hasText: '需要重新输入令牌' }).waitFor();
  await shot(op, 'office-sign-out-confirm');
  await op.locator('[data-test=sign-out-no]').click();
  expect(await op.locator('[data-test=sign-out-confirm]').count()).toBe(0);
  await op.locator('[data-test=state][data-kind=online]').waitFor();
  await op.locator('[data-test=sign-out]').click();
  await op.locator('[data-test=sign-out-yes]').click();
  await op.locator('[data-test=signin-message]', { hasText: '未连接' }).waitFor();
  await shot(op, 'office-signed-out');
  expect(office.dialogs).toEqual([]);
  expect(office.errors).toEqual([]);
}
