// ADDIN1, BIND33: the build (addin/build.ts) checks its base URL and writes a pane and a manifest moved to it.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAddin, parseBaseUrl, rewriteHtml } from '../../addin/build';
import { BASE, doc, urlsIn } from './manifest-source';
import { only, parseXml } from './xml';

describe('ADDIN1: the build (addin/build.ts)', () => {
  const out = mkdtempSync(join(tmpdir(), 'ztc-addin-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('checks ADDIN_BASE_URL', () => {
    expect(parseBaseUrl('https://ledger.example.gov.cn:9443/ztc/')).toBe('https://ledger.example.gov.cn:9443/ztc');
    expect(parseBaseUrl(' https://localhost:8787 ')).toBe(BASE);
    for (const bad of ['ftp://x', 'localhost:8787', 'https://u:p@x', 'https://x/?a=1', 'https://x/#y'])
      expect(() => parseBaseUrl(bad)).toThrow();
    expect(rewriteHtml("connect-src 'self' wss://localhost:8787", 'https://h.example:1/p')).toBe(
      "connect-src 'self' wss://h.example:1",
    );
  });

  it('BIND33: the production CSP connects by wss:// only; ws:// stays only in a localhost build', () => {
    const dev = "connect-src 'self' wss://localhost:8787 ws://localhost:8787; style-src 'self'";
    expect(rewriteHtml(dev, 'https://ledger.example.gov.cn:9443/ztc')).toBe(
      "connect-src 'self' wss://ledger.example.gov.cn:9443; style-src 'self'",
    );
    expect(rewriteHtml(dev, 'https://localhost:9000')).toBe(
      "connect-src 'self' wss://localhost:9000 ws://localhost:9000; style-src 'self'",
    );
  });

  it('writes the pane, icons and a manifest moved to the base URL', async () => {
    const base = 'https://ledger.example.gov.cn:9443/ztc';
    expect((await buildAddin({ baseUrl: `${base}/`, outDir: out })).files).toEqual(
      expect.arrayContaining(['taskpane.html', 'taskpane.js', 'manifest.xml', 'assets/app-16.png']),
    );
    const built = readFileSync(join(out, 'manifest.xml'), 'utf8');
    expect(built).not.toContain('localhost');
    const xml = parseXml(built);
    expect(only(only(xml, 'AppDomains'), 'AppDomain').text).toBe('https://ledger.example.gov.cn:9443');
    const found = urlsIn(xml).filter((u) => !u.endsWith(':9443'));
    expect(found.length).toBe(urlsIn(doc).length - 1);
    for (const u of found) {
      expect(u.startsWith(`${base}/addin/`), u).toBe(true);
      expect(existsSync(join(out, u.slice(`${base}/addin/`.length))), u).toBe(true);
    }
    const html = readFileSync(join(out, 'taskpane.html'), 'utf8');
    const office = html.indexOf('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>');
    expect(office).toBeGreaterThan(0);
    expect(html.indexOf('src="taskpane.js"')).toBeGreaterThan(office);
    expect(html).toMatch(
      /http-equiv="Content-Security-Policy"[^>]*connect-src 'self' wss:\/\/ledger\.example\.gov\.cn:9443/,
    );
    expect(html).not.toContain(' ws://'); // BIND33
  });
});
