// E2E helpers: find and launch Chromium (never downloaded), bundle the simulator, open a pane page with office.js and the add-in routed.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // a page answered from disk by route.fulfill has no address space; loopback WebSockets from it would be blocked
  '--disable-features=LocalNetworkAccessChecks',
];

/** Chromium from the system (CI: `apt-get install -y chromium`); CHROMIUM_PATH overrides. */
export function findChromium(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    candidates.push(
      execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim(),
    );
  } catch {
    // not on PATH
  }
  const found = candidates.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
  if (found === undefined)
    throw new Error('找不到 Chromium：请先安装（apt-get install -y chromium）或设置 CHROMIUM_PATH');
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
}

/** The simulator (test/excel-sim) plus the e2e probes, as one script served in place of office.js. */
export async function bundleSimulator(): Promise<string> {
  const out = await build({
    entryPoints: [join(process.cwd(), 'test', 'e2e', 'sim-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'error',
  });
  return out.outputFiles[0]?.text ?? '';
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
};

export interface Pane {
  page: Page;
  context: BrowserContext;
  /** alert/confirm/prompt dialogs the page opened (hostile text must never open one). */
  dialogs: string[];
  /** Uncaught page errors. */
  errors: string[];
  signIn(token: string): Promise<void>;
}

/**
 * A fresh browser context (own localStorage and IndexedDB = one computer) with office.js replaced by the simulator.
 * The add-in is served by the server when it can; while the server is down the built files are served from disk,
 * so the pane can be reloaded offline (Excel keeps the add-in's page in its cache likewise).
 */
export async function openPane(
  browser: Browser,
  contexts: BrowserContext[],
  serverUrl: string,
  addinDir: string,
  simulator: string,
): Promise<Pane> {
  const context = await browser.newContext({
    viewport: { width: 420, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  contexts.push(context);
  await context.route('**/office.js', (route) =>
    route.fulfill({ status: 200, contentType: 'application/javascript', body: simulator }),
  );
  await context.route(`${serverUrl}/addin/**`, async (route) => {
    try {
      const res = await route.fetch();
      if (res.ok()) return await route.fulfill({ response: res });
    } catch {
      // server down: fall through to the built files
    }
    const rel = normalize(new URL(route.request().url()).pathname.replace(/^\/addin\//, ''));
    const file = join(addinDir, rel);
    if (rel.startsWith('..') || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({
      status: 200,
      contentType: TYPES[extname(file)] ?? 'application/octet-stream',
      body: readFileSync(file),
    });
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const pane: Pane = { page, context, dialogs: [], errors: [], signIn: async () => undefined };
  page.on('dialog', (d) => {
    pane.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pane.errors.push(e.message));
  await page.goto(`${serverUrl}/addin/taskpane.html`);
  pane.signIn = async (token: string) => {
    await page.locator('#signin-token').fill(token);
    await page.locator('form[data-test=signin] button[type=submit]').click();
    await page.locator('[data-test=state][data-kind=online]').waitFor();
  };
  return pane;
}

/** Polls a condition inside the page (its window.e2e probes) until it holds. */
export async function waitIn(
  page: Page,
  check: (arg: unknown) => boolean,
  what: string,
  arg?: unknown,
  timeoutMs = 10_000,
): Promise<void> {
  try {
    await page.waitForFunction(check, arg, { timeout: timeoutMs, polling: 50 });
  } catch (e) {
    throw new Error(`等待超时：${what}（${e instanceof Error ? e.message.split('\n')[0] : String(e)}）`, { cause: e });
  }
}
