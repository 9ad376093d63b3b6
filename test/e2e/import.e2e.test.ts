// End to end in Chromium: workbooks that already hold the sample 台账, imported through the real server route.
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerUpload } from '../../shared/contract/http';
import type { RunningServer } from '../../sync-server/server';
import { sampleGrid, sampleValues, SAMPLE_ROWS } from '../addin/ledger-sample';
import { ADMIN_TOKEN } from '../sync-server/integration/harness';
import type { Pane } from './browser';
import { openPane } from './browser';
import { ARTIFACTS, closeStage, openStage } from './stage';

let dir: string;
let addinDir: string;
let server: RunningServer;
let browser: Browser;
let simulator: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  ({ dir, addinDir, server, browser, simulator } = await openStage('ledger-e2e-import-'));
}, 60_000);

afterAll(() => closeStage({ dir, server, browser }, contexts));

/** Records what the pane sends to POST /api/import/ledger (the real route answers). */
function recordImports(pane: Pane): { url: URL; body: LedgerUpload }[] {
  const sent: { url: URL; body: LedgerUpload }[] = [];
  pane.page.on('request', (req: Request) => {
    const url = new URL(req.url());
    if (url.pathname === '/api/import/ledger') sent.push({ url, body: req.postDataJSON() as LedgerUpload });
  });
  return sent;
}

async function oldSheetKept(page: Page, sheet: string): Promise<void> {
  const cells = await page.evaluate((s) => window.e2e.cellsOf(s, 17, 12), sheet);
  expect(cells.values).toEqual(sampleValues());
  expect(cells.merges).toEqual([{ row: 0, col: 0, rows: 1, cols: 12 }]);
  expect(await page.evaluate(() => window.e2e.tableSheet())).toBe('台账');
}

describe('task pane in the browser, with an existing 台账', () => {
  it('IMP6: the office previews and imports the sample on 台账; a unit is told to ask the office', async () => {
    try {
      await adoption();
    } catch (e) {
      for (const [i, c] of contexts.entries())
        for (const p of c.pages())
          await p.screenshot({ path: join(ARTIFACTS, `import-failure-${i}.png`), fullPage: true }).catch(() => 0);
      throw e;
    }
  }, 90_000);
});

async function adoption(): Promise<void> {
  const office = await openPane(browser, contexts, server.url, addinDir, simulator);
  const sent = recordImports(office);
  const op = office.page;
  await op.evaluate(() => window.e2e.openSample('台账'));
  await office.signIn(ADMIN_TOKEN);
  await op
    .locator('[data-test=import-notice]', {
      hasText: `发现现有台账：工作表“台账（导入前）”，共 ${SAMPLE_ROWS.length} 行`,
    })
    .waitFor();
  await oldSheetKept(op, '台账（导入前）');

  await op.locator('[data-test=import] button', { hasText: '导入现有台账' }).click();
  await op.locator('[data-test=import-counts]').waitFor();
  expect(sent[0]?.url.search).toBe('?dryRun=1');
  expect(sent[0]?.body).toEqual({ fileName: 'Book1', sheet: '台账（导入前）', cells: sampleGrid() });
  const problem = op.locator('[data-test=import-problems] li').first();
  expect(await problem.textContent()).toBe(
    'F3 第 3 行（F 列）：台账中没有这个承办单位：市自然资源和规划局（可选择“创建这些承办单位”）',
  );
  expect(await op.locator('[data-test=import-confirm]').isDisabled()).toBe(true);
  await problem.locator('button').click();
  await expect.poll(() => op.evaluate(() => window.e2e.selection())).toBe('台账（导入前）!F3');
  await op.screenshot({ path: join(ARTIFACTS, 'import-preview.png'), fullPage: true });

  await op.locator('[data-test=import] input[name=createUnits]').check();
  await op.locator('[data-test=import-hint]', { hasText: `确认后新建 ${SAMPLE_ROWS.length} 件诉求` }).waitFor();
  expect(sent[1]?.url.search).toBe('?dryRun=1&createUnits=1');
  expect(await op.evaluate(() => window.e2e.rows().length)).toBe(0);
  await op.locator('[data-test=import-confirm]').click();
  await op.locator('[data-test=import-notice]', { hasText: '导入完成：新建 15 件，待补全 6 件' }).waitFor();
  expect(sent[2]?.url.search).toBe('?createUnits=1');
  // IMP4: every case arrives in the live table with its original number and state
  await expect
    .poll(() => op.evaluate(() => window.e2e.rows().map((r) => r['诉求编号'])), { timeout: 15_000 })
    .toEqual(SAMPLE_ROWS.map((r) => r[1]));
  const rows = await op.evaluate(() => window.e2e.rows());
  expect(rows.find((r) => r['诉求编号'] === '〔2025〕15号')?.['状态']).toBe('已移送纪检');
  expect(rows.find((r) => r['诉求编号'] === '〔2025〕8号')?.['预警']).toBe('待补全');
  await oldSheetKept(op, '台账（导入前）');

  const unitId = (await (await api('POST', '/api/units', { name: '市发展和改革局' })).json()) as { id: string };
  const user = (await (
    await api('POST', '/api/users', { name: '联络员', role: 'unit', unitId: unitId.id })
  ).json()) as { token: string };
  const unit = await openPane(browser, contexts, server.url, addinDir, simulator);
  const unitSent = recordImports(unit);
  await unit.page.evaluate(() => window.e2e.openSample('2025年台账'));
  await unit.signIn(user.token);
  await unit.page.locator('[data-test=import-notice]', { hasText: '工作簿中有旧台账，请联系市营商办导入' }).waitFor();
  expect(await unit.page.locator('[data-test=import] button').count()).toBe(0);
  await oldSheetKept(unit.page, '2025年台账');
  // BIND12: the binding keeps its state in a very hidden sheet (not shown in Excel)
  expect(await unit.page.evaluate(() => window.e2e.sheetNames())).toEqual([
    'Sheet1',
    '2025年台账',
    '台账',
    '选项',
    '台账同步状态',
  ]);
  expect(unitSent).toEqual([]);
  expect([...office.dialogs, ...unit.dialogs, ...office.errors, ...unit.errors]).toEqual([]);
}

function api(method: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
