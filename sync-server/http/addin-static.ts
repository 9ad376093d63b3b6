// Serves the built Excel add-in (config.addinDir) under /addin/ and its manifest at /manifest.xml: GET/HEAD only, no listing, no traversal.
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import type { Context } from 'hono';

/**
 * Only these kinds of file are ever served; anything else in the folder answers 404 — source maps (`.map`) included,
 * even when a developer build left one there (HTTP19: the pane's sources are not published).
 */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Icons and fonts may be cached for a day; pages, scripts and the manifest (names not content-hashed) are revalidated. */
const LONG_LIVED = new Set(['.png', '.svg', '.ico', '.woff2']);

export const NOT_BUILT_MESSAGE = '加载项尚未构建，请先运行 npm run build';

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'";

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function page(c: Context, title: string, paragraphs: string[]): Response {
  const body = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Microsoft YaHei","PingFang SC",sans-serif;max-width:40em;margin:3em auto;padding:0 1em;line-height:1.7}</style>
</head><body><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</body></html>
`;
  return c.body(body, 404, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Security-Policy': PAGE_CSP,
  });
}

function notBuilt(c: Context): Response {
  return page(c, NOT_BUILT_MESSAGE, [
    '在项目目录运行 npm run build，生成的加载项（任务窗格、图标和清单 manifest.xml）写入 ADDIN_DIR（默认 dist/addin），然后刷新本页。',
    '如需让其他电脑访问，构建前设置 ADDIN_BASE_URL 为本服务的 HTTPS 地址，例如 https://ledger.example.gov.cn:8787。',
  ]);
}

function notFound(c: Context): Response {
  return page(c, '未找到该文件', [`加载项中没有 ${new URL(c.req.url).pathname}。`]);
}

function methodNotAllowed(c: Context): Response {
  return c.body('只支持 GET 和 HEAD 请求。\n', 405, {
    Allow: 'GET, HEAD',
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-store',
  });
}

/**
 * The path below /addin/ as safe segments, or null: each segment is percent-decoded once and refused when empty
 * (a folder), `.`/`..`, hidden (leading dot), or holding a slash, backslash, colon or NUL after decoding.
 */
export function addinSegments(pathname: string): string[] | null {
  if (!pathname.startsWith('/addin/')) return null;
  const segments: string[] = [];
  for (const raw of pathname.slice('/addin/'.length).split('/')) {
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg === '' || seg.startsWith('.') || /[/\\:\0]/.test(seg)) return null;
    segments.push(seg);
  }
  return segments;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag.replace(/^W\//, '') === etag.replace(/^W\//, '');
  });
}

interface ServeOptions {
  /** Offer the file as a download (the manifest at /manifest.xml, for 上传我的加载项). */
  download?: string;
}

async function serve(c: Context, root: string, segments: string[] | null, opts: ServeOptions = {}): Promise<Response> {
  if (!(await isFile(join(root, 'taskpane.html')))) return notBuilt(c);
  if (segments === null || segments.length === 0) return notFound(c);
  const ext = extname(segments[segments.length - 1]!).toLowerCase();
  const type = CONTENT_TYPES[ext];
  if (type === undefined) return notFound(c);
  let file: string;
  try {
    // symlinks are followed only when they stay inside the add-in folder
    const [real, realRoot] = await Promise.all([realpath(join(root, ...segments)), realpath(root)]);
    if (!real.startsWith(realRoot + sep)) return notFound(c);
    file = real;
  } catch {
    return notFound(c);
  }
  const info = await stat(file);
  if (!info.isFile()) return notFound(c);

  const etag = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const headers: Record<string, string> = {
    'Content-Type': type,
    'Cache-Control': LONG_LIVED.has(ext) ? 'public, max-age=86400' : 'no-cache',
    ETag: etag,
    'Last-Modified': info.mtime.toUTCString(),
  };
  if (opts.download) headers['Content-Disposition'] = `attachment; filename="${opts.download}"`;
  if (etagMatches(c.req.header('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
  const data = await readFile(file);
  headers['Content-Length'] = String(data.byteLength);
  return new Response(new Uint8Array(data), { status: 200, headers });
}

/**
 * HTTP: the add-in's files at /addin/<path> (taskpane.html, taskpane.js, assets/…), /addin and /addin/ redirect to the
 * pane, /manifest.xml downloads the built manifest. The folder is looked at on every request, so building while the
 * server runs needs no restart; before the first build every path answers the Chinese "not built" page.
 */
export function addinStaticApp(addinDir: string): Hono {
  const root = resolve(addinDir);
  const app = new Hono();
  app.get('/addin', (c) => c.redirect('addin/taskpane.html', 302));
  app.get('/addin/', (c) => c.redirect('taskpane.html', 302));
  app.get('/addin/*', (c) => serve(c, root, addinSegments(new URL(c.req.url).pathname)));
  app.get('/manifest.xml', (c) => serve(c, root, ['manifest.xml'], { download: 'manifest.xml' }));
  app.all('/addin', methodNotAllowed);
  app.all('/addin/*', methodNotAllowed);
  app.all('/manifest.xml', methodNotAllowed);
  return app;
}
