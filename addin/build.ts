// Builds the Excel add-in into dist/addin: bundles the task pane, copies its HTML, CSS and icons, writes the manifest for ADDIN_BASE_URL.
import { build } from 'esbuild';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The origin written in manifest.xml and taskpane.html; the build replaces it by ADDIN_BASE_URL. */
export const DEV_BASE_URL = 'https://localhost:8787';
const DEV_HOST = 'localhost:8787';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = {
  entry: join(ROOT, 'addin', 'taskpane', 'main.ts'),
  html: join(ROOT, 'addin', 'taskpane', 'taskpane.html'),
  paneDir: join(ROOT, 'addin', 'taskpane'),
  assets: join(ROOT, 'addin', 'assets'),
  manifest: join(ROOT, 'manifest.xml'),
};
/** What a build writes (and a new build first removes) in the output folder. No source maps (HTTP19). */
const OUTPUTS = ['taskpane.html', 'taskpane.js', 'taskpane.css', 'manifest.xml', 'assets'];
/** Source maps earlier builds wrote into the output folder: removed, so they are not published by accident. */
const STALE = ['taskpane.js.map', 'taskpane.css.map'];

export class BuildError extends Error {}

/**
 * ADDIN_BASE_URL checked and normalised: http(s) only, no credentials, query or fragment, no trailing slash.
 * A path prefix is kept (a reverse proxy at https://host/ledger serves the add-in at https://host/ledger/addin/).
 */
export function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new BuildError(`ADDIN_BASE_URL 不是有效的网址：${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new BuildError(`ADDIN_BASE_URL 应以 https:// 开头：${raw}`);
  if (url.username || url.password || url.search || url.hash) {
    throw new BuildError(`ADDIN_BASE_URL 不能包含用户名、密码、查询参数或 #：${raw}`);
  }
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  if (/["'<>&\s\\]/.test(base)) throw new BuildError(`ADDIN_BASE_URL 含有不允许的字符：${raw}`);
  return base;
}

/** The manifest with every development URL moved to `baseUrl` (AppDomain gets the origin only). */
export function rewriteManifest(xml: string, baseUrl: string): string {
  const origin = new URL(baseUrl).origin;
  return xml
    .replaceAll(`<AppDomain>${DEV_BASE_URL}</AppDomain>`, `<AppDomain>${origin}</AppDomain>`)
    .replaceAll(DEV_BASE_URL, baseUrl);
}

/**
 * The pane's HTML with the WebSocket sources of its Content-Security-Policy moved to the host of `baseUrl` (BIND33):
 * a build for any host but localhost connects by wss:// only (an unencrypted ws:// would carry the sign-in token in
 * clear); the localhost development build keeps ws:// for a server started without TLS.
 */
export function rewriteHtml(html: string, baseUrl: string): string {
  const host = new URL(baseUrl).hostname;
  const moved = html.replaceAll(`//${DEV_HOST}`, `//${new URL(baseUrl).host}`);
  return host === 'localhost' ? moved : moved.replace(/ ws:\/\/[^\s;"']+/g, '');
}

/** Every URL in the manifest that the add-in folder must serve, as paths relative to that folder. */
export function servedPaths(xml: string, baseUrl: string): string[] {
  const prefix = `${baseUrl}/addin/`;
  const paths = new Set<string>();
  for (const m of xml.matchAll(/"(https?:\/\/[^"]+)"/g)) {
    const url = m[1]!;
    if (url.startsWith(prefix)) paths.add(url.slice(prefix.length).split('#')[0]!);
  }
  return [...paths].sort();
}

export interface BuildOptions {
  /** Where the add-in will be served from (default https://localhost:8787). */
  baseUrl?: string;
  /** Output folder (default dist/addin). */
  outDir?: string;
  /**
   * For developers only (ADDIN_SOURCEMAP_DIR): write source maps into this folder, which must lie outside the output
   * folder so the server never publishes them; the bundle names no map (load it in the browser's developer tools).
   */
  sourceMapDir?: string;
  log?: (line: string) => void;
}

export interface BuildResult {
  outDir: string;
  baseUrl: string;
  files: string[];
}

function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

/** The source-map folder, refused when it is (inside) the served output folder. */
function mapFolder(dir: string | undefined, outDir: string): string | null {
  if (dir === undefined || dir.trim() === '') return null;
  const maps = resolve(dir.trim());
  const rel = relative(outDir, maps);
  const outside = rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
  if (!outside) {
    throw new BuildError(`ADDIN_SOURCEMAP_DIR 不能位于加载项输出目录之内（其中的文件都会被发布）：${maps}`);
  }
  return maps;
}

/** Bundles the pane into outDir; maps, when asked for, go to mapsDir instead. */
async function bundle(outDir: string, mapsDir: string | null): Promise<void> {
  const result = await build({
    entryPoints: [SOURCES.entry],
    outfile: join(outDir, 'taskpane.js'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['es2020', 'chrome90', 'edge90', 'safari14.1'],
    minify: true,
    sourcemap: mapsDir === null ? false : 'external',
    charset: 'utf8',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
    write: false,
  });
  for (const f of result.outputFiles) {
    if (f.path.endsWith('.map')) {
      if (mapsDir === null) continue;
      mkdirSync(mapsDir, { recursive: true });
      writeFileSync(join(mapsDir, basename(f.path)), f.contents);
    } else {
      writeFileSync(f.path, f.contents);
    }
  }
}

export async function buildAddin(opts: BuildOptions = {}): Promise<BuildResult> {
  const log = opts.log ?? (() => undefined);
  const baseUrl = parseBaseUrl(opts.baseUrl ?? DEV_BASE_URL);
  const outDir = resolve(opts.outDir ?? join(ROOT, 'dist', 'addin'));
  const mapsDir = mapFolder(opts.sourceMapDir, outDir);
  if (!existsSync(SOURCES.entry)) throw new BuildError('缺少任务窗格入口 addin/taskpane/main.ts');
  if (baseUrl.startsWith('http:')) log(`注意：${baseUrl} 不是 HTTPS，Excel 不会加载这样的加载项，只适合自动化测试。`);

  mkdirSync(outDir, { recursive: true });
  for (const name of [...OUTPUTS, ...STALE]) rmSync(join(outDir, name), { recursive: true, force: true });

  await bundle(outDir, mapsDir);
  if (mapsDir !== null) log(`源映射（仅供开发调试，不随加载项发布）：${mapsDir}`);

  writeFileSync(join(outDir, 'taskpane.html'), rewriteHtml(readFileSync(SOURCES.html, 'utf8'), baseUrl));
  // CSS imported by the pane's code is bundled by esbuild into taskpane.css; plain .css files next to the HTML are copied.
  for (const name of readdirSync(SOURCES.paneDir)) {
    if (name.endsWith('.css') && !existsSync(join(outDir, name)))
      copyFileSync(join(SOURCES.paneDir, name), join(outDir, name));
  }
  if (!existsSync(join(outDir, 'taskpane.css')))
    writeFileSync(join(outDir, 'taskpane.css'), '/* 任务窗格暂无额外样式 */\n');

  mkdirSync(join(outDir, 'assets'), { recursive: true });
  for (const name of readdirSync(SOURCES.assets)) {
    if (statSync(join(SOURCES.assets, name)).isFile())
      copyFileSync(join(SOURCES.assets, name), join(outDir, 'assets', name));
  }

  const manifest = rewriteManifest(readFileSync(SOURCES.manifest, 'utf8'), baseUrl);
  const missing = servedPaths(manifest, baseUrl).filter((p) => !existsSync(join(outDir, p)));
  if (missing.length > 0) throw new BuildError(`清单引用的文件没有生成：${missing.join('、')}`);
  writeFileSync(join(outDir, 'manifest.xml'), manifest);

  const files = listFiles(outDir).filter((f) => OUTPUTS.includes(f.split('/')[0]!));
  log(`加载项已构建到 ${outDir}（${files.length} 个文件），地址 ${baseUrl}/addin/taskpane.html`);
  log(`清单：${join(outDir, 'manifest.xml')}（服务运行后也可从 ${baseUrl}/manifest.xml 下载）`);
  return { outDir, baseUrl, files };
}

async function main(): Promise<void> {
  try {
    await buildAddin({
      baseUrl: process.env.ADDIN_BASE_URL?.trim() || DEV_BASE_URL,
      outDir: process.env.ADDIN_DIR?.trim() ? resolve(process.env.ADDIN_DIR.trim()) : undefined,
      sourceMapDir: process.env.ADDIN_SOURCEMAP_DIR,
      log: (line) => console.log(line),
    });
  } catch (e) {
    console.error(e instanceof BuildError ? `构建失败：${e.message}` : e);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main();
