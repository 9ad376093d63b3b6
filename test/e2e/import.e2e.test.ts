// End to end in Chromium: workbooks that already hold the sample 台账; the import route is faked (the server's is built apart).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/build';
import type { ImportReport, LedgerUpload } from '../../shared/contract/http';
import type { RunningServer } from '../../sync-server/server';
import { startServer } from '../../sync-server/server';
import { sampleGrid, sampleValues, SAMPLE_ROWS } from '../addin/ledger-sample';
import { ADMIN_TOKEN, testConfig } from '../sync-server/integration/harness';
import type { Pane } from './browser';
import { bundleSimulator, launchChromium, openPane } from './browser';

const HOSTILE = '<img src=x onerror=alert(1)>';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

let dir: string;
let addinDir: string;
let server: RunningServer;
let browser: Browser;
let simulator: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-import-'));
  addinDir = join(dir, 'addin');
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await startServer(testConfig(join(dir, 'data'), { addinDir }));
  await buildAddin({ baseUrl: server.url, outDir: addinDir });
  simulator = await bundleSimulator();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function report(over: Partial<ImportReport>): ImportReport {
  return {
    sheet: '台账（导入前）',
    headerRow: 2,
    rows: 15,
    created: 0,
    unchanged: 0,
    skipped: 15,
    unknownUnits: ['市消防救援大队'],
    toComplete: 0,
    problems: [
      {
        row: 4,
        column: 'F',
        code: 'UNKNOWN_UNIT',
        message: `承办单位“市消防救援大队”不存在${HOSTILE}`,
        severity: 'error',
      },
    ],
    ...over,
  };
}

/** Answers POST /api/import/ledger in the pane's browser context like the server will; records what was sent. */
async function fakeImportRoute(pane: Pane): Promise<{ url: URL; body: LedgerUpload }[]> {
  const sent: { url: URL; body: LedgerUpload }[] = [];
  await pane.context.route(`${server.url}/api/import/ledger**`, (route) => {
    const req: Request = route.request();
    const url = new URL(req.url());
    sent.push({ url, body: req.postDataJSON() as LedgerUpload });
    const skip = url.searchParams.get('skipInvalid') === '1';
    const body = skip ? report({ created: 14, skipped: 1, toComplete: 3 }) : report({});
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
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
  const sent = await fakeImportRoute(office);
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
  const problem = op.locator('[data-test=import-problems] li');
  expect(await problem.textContent()).toBe(`F4 第 4 行（F 列）：承办单位“市消防救援大队”不存在${HOSTILE}`);
  expect(await op.locator('#app img').count()).toBe(0);
  expect(await op.locator('[data-test=import-confirm]').isDisabled()).toBe(true);
  await problem.locator('button').click();
  await expect.poll(() => op.evaluate(() => window.e2e.selection())).toBe('台账（导入前）!F4');
  await op.screenshot({ path: join(ARTIFACTS, 'import-preview.png'), fullPage: true });

  await op.locator('[data-test=import] input[name=skipInvalid]').check();
  await op.locator('[data-test=import-hint]', { hasText: '确认后新建 14 件诉求' }).waitFor();
  expect(sent[1]?.url.search).toBe('?dryRun=1&skipInvalid=1');
  await op.locator('[data-test=import-confirm]').click();
  await op.locator('[data-test=import-notice]', { hasText: '导入完成：新建 14 件，待补全 3 件，跳过 1 行' }).waitFor();
  expect(sent[2]?.url.search).toBe('?skipInvalid=1');
  await oldSheetKept(op, '台账（导入前）');

  const unitId = (await (await api('POST', '/api/units', { name: '市市场监督管理局' })).json()) as { id: string };
  const user = (await (
    await api('POST', '/api/users', { name: '联络员', role: 'unit', unitId: unitId.id })
  ).json()) as { token: string };
  const unit = await openPane(browser, contexts, server.url, addinDir, simulator);
  const unitSent = await fakeImportRoute(unit);
  await unit.page.evaluate(() => window.e2e.openSample('2025年台账'));
  await unit.signIn(user.token);
  await unit.page.locator('[data-test=import-notice]', { hasText: '工作簿中有旧台账，请联系市营商办导入' }).waitFor();
  expect(await unit.page.locator('[data-test=import] button').count()).toBe(0);
  await oldSheetKept(unit.page, '2025年台账');
  expect(await unit.page.evaluate(() => window.e2e.sheetNames())).toEqual(['Sheet1', '2025年台账', '台账', '选项']);
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
