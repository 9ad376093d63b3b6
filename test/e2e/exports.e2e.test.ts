// End to end in Chromium: 导出单据 downloads the case's .docx under its Chinese name; 导出台账 opens a new workbook.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../sync-server/server';
import { ADMIN_TOKEN } from '../sync-server/integration/harness';
import { openPane, waitIn } from './browser';
import { ARTIFACTS, callApi, closeStage, openStage } from './stage';

let dir: string;
let addinDir: string;
let server: RunningServer;
let browser: Browser;
let simulator: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ dir, addinDir, server, browser, simulator } = await openStage('ledger-e2e-exports-'));
}, 60_000);

afterAll(() => closeStage({ dir, server, browser }, contexts));

const api = <T>(method: string, path: string, body?: unknown): Promise<T> =>
  callApi<T>(server, ADMIN_TOKEN, method, path, body);

/** A case assigned and supervised (督办单 issued), so all three forms exist. */
async function supervisedCase(): Promise<string> {
  const unitId = (await api<{ id: string }>('POST', '/api/units', { name: '市市场监督管理局' })).id;
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const c = await api<{ id: string; code: string }>('POST', '/api/cases', {
    receivedAt: today,
    channel: '热线电话',
    company: '枣阳市导出测试有限公司',
    contactName: '刘先生',
    contactPhone: '13812345678',
    summary: '办理施工许可被反复要求补充材料',
    category: '1.行政许可、政务服务不予受理或不按程序时限办理',
  });
  await api('POST', `/api/cases/${c.id}/assign`, { leadUnit: unitId, kind: 'general', note: '请核实办理' });
  await api('POST', `/api/cases/${c.id}/supervise`, { note: '办理进度滞后' });
  return c.code;
}

describe('task pane in the browser: exports', () => {
  it('ADDIN50/ADDIN53/ADDIN55: the forms download as .docx with Chinese names; 导出台账 calls createWorkbook with a real .xlsx; the assessment downloads', async () => {
    const code = await supervisedCase();
    const office = await openPane(browser, contexts, server.url, addinDir, simulator);
    const op = office.page;
    try {
      await office.signIn(ADMIN_TOKEN);
      await waitIn(op, () => window.e2e.rows().length === 1, 'the case in the sheet');
      await op.evaluate(() => window.e2e.select(0));
      await op.locator('nav button[data-view=export]').click();
      const buttons = op.locator('[data-test=export-forms] button');
      await expect
        .poll(() => buttons.allTextContents())
        .toEqual(['下载交办单（附件1）', '下载承办单（附件2）', '下载督办单（附件3，最近一份）']);
      const names: string[] = [];
      for (const key of ['assignment', 'handling', 'supervision']) {
        const [download] = await Promise.all([
          op.waitForEvent('download'),
          op.locator(`[data-test=form-${key}]`).click(),
        ]);
        names.push(download.suggestedFilename());
        const bytes = readFileSync(await download.path());
        expect(bytes.subarray(0, 2).toString('latin1'), key).toBe('PK');
      }
      expect(names).toEqual([
        `枣阳市营商环境投诉问题交办单（${code}）.docx`,
        `枣阳市营商环境投诉问题承办单（${code}）.docx`,
        `枣阳市营商环境投诉问题督办单（${code.replace('〕', '〕督')}）.docx`,
      ]);
      await op.locator('[data-test=annex4-tsv]').waitFor(); // 复制本行 stays below

      // 导出台账: a bad year is refused in the pane; then the year's 台账 opens as a new workbook
      await op.locator('[data-test=ledger-year]').fill('1999');
      await op.locator('[data-test=export-ledger]').click();
      await op.locator('[data-test=ledger-progress]', { hasText: '2000–2200' }).waitFor();
      const sheets = await op.evaluate(() => window.e2e.sheetNames());
      await op.locator('[data-test=ledger-year]').fill(code.slice(1, 5));
      await op.locator('[data-test=ledger-status]').selectOption('assigned');
      await op.locator('[data-test=export-ledger]').click();
      await op.locator('[data-test=ledger-progress]', { hasText: '已在新工作簿中打开' }).waitFor();
      const created = await op.evaluate(() => window.e2e.createdWorkbooks());
      expect(created).toHaveLength(1);
      expect(created[0]?.parts).toContain('xl/workbook.xml');
      expect(created[0]?.size).toBeGreaterThan(1000);
      expect(await op.evaluate(() => window.e2e.sheetNames())).toEqual(sheets); // the own workbook is untouched

      // ADDIN55: the assessment of the period shown downloads as .xlsx from the 统计 view
      await op.locator('nav button[data-view=stats]').click();
      await op.locator('[data-test=stats-label]').waitFor();
      const [xlsx] = await Promise.all([op.waitForEvent('download'), op.locator('[data-test=stats-xlsx]').click()]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      expect(
        readFileSync(await xlsx.path())
          .subarray(0, 2)
          .toString('latin1'),
      ).toBe('PK');
      expect(office.errors).toEqual([]);
    } catch (e) {
      await op.screenshot({ path: join(ARTIFACTS, 'exports-failure.png'), fullPage: true }).catch(() => 0);
      throw e;
    }
  }, 90_000);
});
