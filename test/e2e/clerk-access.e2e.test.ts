// End to end in Chromium at 320 px: the pane a clerk can trust with a keyboard and a screen reader (issue 13, point 7),
// only the actions the rules allow in the ribbon too, and 反馈 on a case whose extension request is pending (point 4).
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../sync-server/server';
import { ADMIN_TOKEN } from '../sync-server/integration/harness';
import { seriousViolations } from './audit';
import { openPane, waitIn } from './browser';
import { ARTIFACTS, callApi, closeStage, openStage } from './stage';

let dir: string;
let addinDir: string;
let server: RunningServer;
let browser: Browser;
let simulator: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ dir, addinDir, server, browser, simulator } = await openStage('ledger-access-'));
}, 60_000);

afterAll(() => closeStage({ dir, server, browser }, contexts));

const api = <T>(token: string, path: string, body?: unknown): Promise<T> =>
  callApi<T>(server, token, 'POST', path, body ?? {});

const today = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const register = (company: string) =>
  api<{ id: string; code: string }>(ADMIN_TOKEN, '/api/cases', {
    receivedAt: today(),
    channel: '热线电话',
    company,
    contactName: '刘经理',
    contactPhone: '13812345678',
    summary: '施工许可材料被反复要求补充',
    category: '1.行政许可、政务服务不予受理或不按程序时限办理',
  });

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `access-${name}.png`), fullPage: true });

/** ADDIN82: no serious or critical axe violation on the page as it is now (`what` names the view). */
async function audited(page: Page, what: string): Promise<void> {
  expect(await seriousViolations(page), what).toEqual([]);
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return {
      body: a === document.body || a === null,
      command: a?.getAttribute('data-command') ?? null,
      test: a?.getAttribute('data-test') ?? null,
      id: a?.id ?? '',
      inCase: a?.closest('[data-test=case]') !== null,
    };
  });

async function countIs(page: Page, kind: string, n: number): Promise<void> {
  await page.locator(`[data-todo=${kind}] [data-test=todo-count]`, { hasText: new RegExp(`^${n}$`) }).waitFor();
}

async function jump(page: Page, kind: string, caseId: string, company: string): Promise<void> {
  await page.locator(`[data-todo=${kind}] li[data-case="${caseId}"] button`).click();
  await page.locator('[data-test=case-heading]', { hasText: company }).waitFor();
}

const commands = (page: Page) =>
  page
    .locator('[data-test=case] button[data-command]')
    .evaluateAll((bs) => bs.map((b) => b.getAttribute('data-command')));

describe('the pane with a keyboard and a screen reader, at 320 px', () => {
  it('ADDIN82, ADDIN80, ADDIN81, WF40: no serious axe violation on any view; focus and Esc; ribbon and pane offer only what can succeed; 反馈 withdraws a pending extension', async () => {
    const unitId = (await api<{ id: string }>(ADMIN_TOKEN, '/api/units', { name: '市自然资源和规划局' })).id;
    const unitToken = (
      await api<{ token: string }>(ADMIN_TOKEN, '/api/users', { name: '自规联络员', role: 'unit', unitId })
    ).token;
    const c = await register('枣阳市延期反馈陶瓷有限公司');
    await api(ADMIN_TOKEN, `/api/cases/${c.id}/assign`, { leadUnit: unitId, kind: 'consult' });
    await api(unitToken, `/api/cases/${c.id}/accept`, { handler: '周工', handlerPhone: '13900003333' });
    await api(unitToken, `/api/cases/${c.id}/extension-request`, {
      amount: 6,
      reason: '需现场核查',
      toldOn: today(),
      toldBy: '电话',
    });

    // the office: 待办 audited; the pending request is the one thing it can decide, by keyboard, and Esc closes the form
    const office = await openPane(browser, contexts, server.url, addinDir, simulator);
    const op = office.page;
    await op.setViewportSize({ width: 320, height: 900 });
    await office.signIn(ADMIN_TOKEN);
    await countIs(op, 'toDecideExtension', 1);
    await audited(op, '待办 (office)');
    await shot(op, 'office-todo');
    await jump(op, 'toDecideExtension', c.id, '延期反馈陶瓷');
    await waitIn(
      op,
      () =>
        window.e2e.lastEnabled('ZtcRequestExtension') === true &&
        window.e2e.lastEnabled('ZtcSuperviseCase') === true &&
        window.e2e.lastEnabled('ZtcArchiveCase') === false,
      'the office’s ribbon: 延期审批 and 督办 on, nothing else',
    );
    const decideButton = op.locator('[data-test=case] button[data-command=extension-decision]');
    await decideButton.focus();
    await op.keyboard.press('Enter');
    const decision = op.locator('form[data-form=extension-decision]');
    await decision.waitFor();
    expect((await focused(op)).id).toBe('f-approve');
    await op.keyboard.press('Escape');
    await decision.waitFor({ state: 'detached' });
    expect(await focused(op)).toMatchObject({ command: 'extension-decision', inCase: true });

    // a form with errors: every field announced, the first focused; audited; Esc gives the focus back to 登记
    await op.locator('nav button[data-view=register]').click();
    const reg = op.locator('form[data-form=register]');
    await reg.locator('[name=receivedAt]').fill('');
    await reg.locator('button[type=submit]').click();
    await reg.locator('#err-company', { hasText: '必填' }).waitFor();
    expect((await focused(op)).id).toBe('f-receivedAt');
    expect(await reg.locator('#f-contactPhone').getAttribute('aria-describedby')).toBe(
      'err-contactPhone fhint-contactPhone',
    );
    expect(await reg.locator('#f-contactPhone').getAttribute('aria-required')).toBe('true');
    await audited(op, 'a form with errors');
    await shot(op, 'office-register-errors');
    await op.keyboard.press('Escape');
    await reg.waitFor({ state: 'detached' });
    expect(await op.evaluate(() => document.activeElement?.getAttribute('data-view'))).toBe('register');

    // 统计: audited; a rate's name shows its definition on tap
    await op.locator('nav button[data-view=stats]').click();
    const term = op.locator('[data-test=stats-totals] button.term', { hasText: '按时反馈率' });
    await term.waitFor();
    await audited(op, '统计');
    await term.click();
    expect(await term.getAttribute('aria-expanded')).toBe('true');
    await op.locator('[data-test=stats-totals] [data-test=term-note]', { hasText: '按时反馈率：' }).waitFor();
    await shot(op, 'office-stats');

    // 导出单据 of the selected case, audited too
    await op.locator('nav button[data-view=export]').click();
    await op.locator('[data-test=annex4-tsv]').waitFor();
    await audited(op, '导出单据');

    // the sign-out confirmation: audited; Esc keeps the session and gives the focus back to 退出登录
    await op.locator('nav button[data-view=home]').click();
    await op.locator('[data-test=sign-out]').click();
    await op.locator('[data-test=sign-out-confirm]').waitFor();
    expect(await focused(op)).toMatchObject({ test: 'sign-out-yes' });
    await audited(op, 'the sign-out confirmation');
    await shot(op, 'office-sign-out-confirm');
    await op.keyboard.press('Escape');
    await op.locator('[data-test=sign-out-confirm]').waitFor({ state: 'detached' });
    expect(await focused(op)).toMatchObject({ test: 'sign-out' });

    // the unit: no second request, no 督办回复 — in the pane and in the ribbon; 反馈 says it withdraws the request
    const unit = await openPane(browser, contexts, server.url, addinDir, simulator);
    const up = unit.page;
    await up.setViewportSize({ width: 320, height: 900 });
    await unit.signIn(unitToken);
    await countIs(up, 'toFeedback', 1);
    await audited(up, '待办 (unit)');
    await jump(up, 'toFeedback', c.id, '延期反馈陶瓷');
    expect(await commands(up)).toEqual(['feedback', 'return']);
    await waitIn(
      up,
      () =>
        window.e2e.lastEnabled('ZtcFeedbackCase') === true &&
        window.e2e.lastEnabled('ZtcRequestExtension') === false &&
        window.e2e.lastEnabled('ZtcSuperviseCase') === false,
      'the unit’s ribbon: 反馈 on, 申请延期 and 督办回复 off',
    );
    expect(await up.locator('#hint-feedback').innerText()).toContain('反馈时须撤回该申请');
    await up.locator('[data-test=case] button[data-command=feedback]').click();
    const fb = up.locator('form[data-form=feedback]');
    await fb
      .locator('[data-test=form-context]', { hasText: '有待审批的延期申请（6 小时）：反馈将撤回该申请' })
      .waitFor();
    await fb.locator('[name=findings]').fill('经查，反映问题属实。');
    await fb.locator('[name=measures]').fill('已一次性告知所需材料并当场受理。');
    await fb.locator('[name=feedbackMethod]').selectOption('电话');
    await fb.locator('[name=companyVerdict]').selectOption('满意');
    await fb.locator('[name=writtenReply]').selectOption('否');
    await fb.locator('[name=withdrawExtension]').selectOption('no');
    await fb.locator('button[type=submit]').click();
    // the server's refusal under its field, focused; the message list says it once; audited with the message shown
    await fb.locator('#err-withdrawExtension', { hasText: '待市营商办审批的延期申请（6小时）' }).waitFor();
    expect((await focused(up)).id).toBe('f-withdrawExtension');
    await up.locator('[data-test=message]', { hasText: '反馈未成功' }).waitFor();
    expect(await up.locator('[role=status], [role=alert], [aria-live]').count()).toBe(1);
    await audited(up, 'a message shown');
    await shot(up, 'unit-feedback-refused');
    await fb.locator('[name=withdrawExtension]').selectOption('yes');
    await fb.locator('button[type=submit]').click();
    await up.locator('[data-test=message]', { hasText: '反馈成功' }).waitFor();
    // the focus goes to the case's next step, never to the page body
    await waitIn(
      up,
      () => document.activeElement?.closest('[data-test=case]') !== null,
      'the focus is on the case after 反馈',
    );
    expect((await focused(up)).body).toBe(false);
    await shot(up, 'unit-feedback-sent');

    // nothing is left stranded at the office: the request was withdrawn, on record
    await countIs(op, 'toDecideExtension', 0);
    await waitIn(
      op,
      () => window.e2e.rows().some((r) => String(r['延期情况']).includes('反馈时撤回延期申请')),
      'the withdrawal in the office’s sheet',
    );
    expect([...office.errors, ...unit.errors]).toEqual([]);
    expect([...office.dialogs, ...unit.dialogs]).toEqual([]);
  }, 120_000);
});
