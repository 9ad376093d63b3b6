// The built add-in under /addin/ and /manifest.xml: content types, caching, HEAD, no listing, no traversal, the 未构建 page.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_BUILT_MESSAGE, addinSegments, addinStaticApp } from '../../../sync-server/http/addin-static';
import { T0, bench } from './harness';

const tmp = mkdtempSync(join(tmpdir(), 'ztc-static-'));
const built = join(tmp, 'addin');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex');
const SECRET = 'SECRET-OUTSIDE-THE-ADDIN';

beforeAll(() => {
  mkdirSync(join(built, 'assets', 'sub'), { recursive: true });
  writeFileSync(join(built, 'taskpane.html'), '<!doctype html><title>任务窗格</title>');
  writeFileSync(join(built, 'taskpane.js'), 'console.log("台账");\n//# sourceMappingURL=taskpane.js.map\n');
  writeFileSync(join(built, 'taskpane.js.map'), '{"version":3}');
  writeFileSync(join(built, 'taskpane.css.map'), '{"version":3}');
  writeFileSync(join(built, 'assets', 'app.js.map'), '{"version":3}');
  writeFileSync(join(built, 'taskpane.css'), 'body{}');
  writeFileSync(join(built, 'manifest.xml'), '<?xml version="1.0"?><OfficeApp/>');
  writeFileSync(join(built, 'assets', 'app-16.png'), PNG);
  writeFileSync(join(built, 'assets', 'sub', 'x.png'), PNG);
  writeFileSync(join(built, 'assets', 'notes.exe'), 'MZ');
  writeFileSync(join(built, '.env'), SECRET);
  writeFileSync(join(tmp, 'secret.txt'), SECRET);
  symlinkSync(join(tmp, 'secret.txt'), join(built, 'leak.txt'));
  symlinkSync(join(built, 'taskpane.css'), join(built, 'alias.css'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const app = () => addinStaticApp(built);

describe('HTTP20: serving the built add-in', () => {
  it.each([
    ['/addin/taskpane.html', 'text/html; charset=utf-8', 'no-cache'],
    ['/addin/taskpane.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/addin/taskpane.css', 'text/css; charset=utf-8', 'no-cache'],
    ['/addin/manifest.xml', 'application/xml; charset=utf-8', 'no-cache'],
    ['/addin/assets/app-16.png', 'image/png', 'public, max-age=86400'],
    ['/addin/assets/sub/x.png', 'image/png', 'public, max-age=86400'],
  ])('GET %s → 200 %s', async (path, type, cache) => {
    const res = await app().request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe(type);
    expect(res.headers.get('Cache-Control')).toBe(cache);
    expect(res.headers.get('ETag')).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    expect(res.headers.get('Last-Modified')).toMatch(/GMT$/);
    expect(Number(res.headers.get('Content-Length'))).toBe((await res.arrayBuffer()).byteLength);
  });

  it('sends the bytes of the file (binary intact) and answers HEAD without a body', async () => {
    const res = await app().request('/addin/assets/app-16.png');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const head = await app().request('/addin/taskpane.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await app().request('/addin/taskpane.js');
    const etag = first.headers.get('ETag')!;
    const again = await app().request('/addin/taskpane.js', { headers: { 'If-None-Match': `"other", ${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await app().request('/addin/taskpane.js', { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
  });

  it('offers the manifest for download at /manifest.xml', async () => {
    const res = await app().request('/manifest.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="manifest.xml"');
    expect(await res.text()).toContain('<OfficeApp/>');
  });

  it('redirects /addin and /addin/ to the task pane (relative, so a path prefix keeps working)', async () => {
    const a = await app().request('/addin');
    expect(a.status).toBe(302);
    expect(a.headers.get('Location')).toBe('addin/taskpane.html');
    const b = await app().request('/addin/');
    expect(b.status).toBe(302);
    expect(b.headers.get('Location')).toBe('taskpane.html');
  });

  it('lists no folder and serves no hidden file, unknown type or missing file', async () => {
    for (const path of [
      '/addin/assets',
      '/addin/assets/',
      '/addin/assets/sub/',
      '/addin/.env',
      '/addin/assets/notes.exe',
      '/addin/nope.js',
    ]) {
      const res = await app().request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
      const text = await res.text();
      expect(text, path).toContain('未找到该文件');
      expect(text).not.toContain(SECRET);
    }
  });

  it('HTTP19: never serves a source map, even one left in the folder', async () => {
    for (const path of [
      '/addin/taskpane.js.map',
      '/addin/taskpane.css.map',
      '/addin/TASKPANE.JS.MAP',
      '/addin/assets/app.js.map',
    ]) {
      for (const method of ['GET', 'HEAD']) {
        const res = await app().request(path, { method });
        expect(res.status, `${method} ${path}`).toBe(404);
        if (method === 'GET') expect(await res.text()).not.toContain('"version":3');
      }
    }
    // the script still loads; its stale sourceMappingURL comment only leads to that 404
    expect((await app().request('/addin/taskpane.js')).status).toBe(200);
  });

  it('follows a symlink only inside the add-in folder', async () => {
    expect((await app().request('/addin/alias.css')).status).toBe(200);
    const leak = await app().request('/addin/leak.txt');
    expect(leak.status).toBe(404);
    expect(await leak.text()).not.toContain(SECRET);
  });

  it('refuses encoded traversal, backslashes and NUL', async () => {
    for (const path of [
      '/addin/..%2fsecret.txt',
      '/addin/%2e%2e%2fsecret.txt',
      '/addin/..%5csecret.txt',
      '/addin/a%00.png',
      '/addin/%E0%A4%A.png',
    ]) {
      const res = await app().request(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain(SECRET);
    }
    expect(addinSegments('/addin/assets/app-16.png')).toEqual(['assets', 'app-16.png']);
    expect(addinSegments('/addin/%E7%AC%94.png')).toEqual(['笔.png']);
    for (const p of ['/addin/../x', '/addin/./x', '/addin//x', '/addin/a%2fb', '/addin/C:x', '/other/x'])
      expect(addinSegments(p), p).toBeNull();
  });

  it('refuses raw ../ paths sent over a real socket', async () => {
    const server = createServer(getRequestListener(app().fetch));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const { port } = server.address() as AddressInfo;
    const raw = (target: string) =>
      new Promise<string>((resolveReply, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
        );
        let data = '';
        socket.on('data', (d: Buffer) => (data += d.toString('utf8')));
        socket.on('end', () => resolveReply(data));
        socket.on('error', reject);
      });
    try {
      expect(await raw('/addin/taskpane.html')).toMatch(/^HTTP\/1\.1 200 /);
      for (const target of [
        '/addin/../secret.txt',
        '/addin/../../secret.txt',
        '/addin/%2e%2e/secret.txt',
        '/addin/assets/../../secret.txt',
        '/addin/..\\secret.txt',
      ]) {
        const reply = await raw(target);
        expect(reply, target).toMatch(/^HTTP\/1\.1 (400|404) /);
        expect(reply).not.toContain(SECRET);
      }
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('allows only GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      for (const path of ['/addin/taskpane.html', '/manifest.xml', '/addin']) {
        const res = await app().request(path, { method });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get('Allow')).toBe('GET, HEAD');
      }
    }
  });
});

describe('HTTP20: before the add-in is built', () => {
  it.each(['/addin/taskpane.html', '/addin/assets/app-16.png', '/manifest.xml'])(
    '%s → 404 with the Chinese hint',
    async (path) => {
      for (const dir of [join(tmp, 'missing'), tmp]) {
        const res = await addinStaticApp(dir).request(path);
        expect(res.status).toBe(404);
        expect(res.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
        expect(res.headers.get('Cache-Control')).toBe('no-store');
        const text = await res.text();
        expect(text).toContain(NOT_BUILT_MESSAGE);
        expect(text).toContain('加载项尚未构建，请先运行 npm run build');
        expect(text).not.toContain(tmp);
      }
    },
  );
});

describe('HTTP20: mounted by createApp', () => {
  it('HTTP1: serves the add-in next to the API with the common security headers', async () => {
    const b = await bench(T0, { addinDir: built });
    const pane = await b.app.request('/addin/taskpane.html');
    expect(pane.status).toBe(200);
    expect(pane.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(pane.headers.get('X-Frame-Options')).toBeNull(); // Office frames the pane
    const api = await b.as('office').get('/api/me');
    expect(api.status).toBe(200);
    const other = await b.app.request('/elsewhere');
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('serves nothing under /addin/ when no folder is configured', async () => {
    const b = await bench(T0);
    const res = await b.app.request('/addin/taskpane.html');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
