// The stage every browser e2e file plays on: a real server on a fresh SQLite file, the built add-in, Chromium, the simulator.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { buildAddin } from '../../addin/build';
import type { RunningServer } from '../../sync-server/server';
import { startServer } from '../../sync-server/server';
import { testConfig } from '../sync-server/integration/harness';
import { bundleSimulator, launchChromium } from './browser';

/** Screenshots and failure pages go here, for a reviewer to look at. */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

export interface Stage {
  dir: string;
  addinDir: string;
  server: RunningServer;
  browser: Browser;
  /** The bundled Excel simulator's script, added to each pane page. */
  simulator: string;
}

/** A temporary directory named after `prefix`, the server on it, the add-in built for it, the simulator and Chromium. */
export async function openStage(prefix: string): Promise<Stage> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const addinDir = join(dir, 'addin');
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await startServer(testConfig(join(dir, 'data'), { addinDir }));
  await buildAddin({ baseUrl: server.url, outDir: addinDir });
  const simulator = await bundleSimulator();
  const browser = await launchChromium();
  return { dir, addinDir, server, browser, simulator };
}

/** Closes the pages' contexts, the browser and the server (as the test left them), and removes the directory. */
export async function closeStage(s: Partial<Stage>, contexts: readonly BrowserContext[]): Promise<void> {
  for (const c of contexts) await c.close().catch(() => undefined);
  await s.browser?.close();
  await s.server?.close();
  if (s.dir !== undefined) rmSync(s.dir, { recursive: true, force: true });
}

/** A JSON call to the stage's server as `token`; anything but 2xx throws with the status and the body. */
export async function callApi<T>(
  server: Pick<RunningServer, 'url'>,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
