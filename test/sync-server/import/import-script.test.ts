// IMP5: `npm run import` against the data directory — preview, import, re-import, and a clear refusal while a server holds it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../../sync-server/store/data-lock';
import { tempDir } from '../store/store-fixtures';

const ROOT = join(import.meta.dirname, '../../..');
const SAMPLE = join(ROOT, 'test/fixtures/ledger-sample.xlsx');

function importScript(args: string[], dataDir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/import.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, LEDGER_DEMO: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('scripts/import.ts', () => {
  const { dir, cleanup } = tempDir('import-script-');
  afterAll(cleanup);

  it('IMP5: previews, imports with new units, then finds every row unchanged', async () => {
    const strict = await importScript([SAMPLE, '--dry-run'], dir);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('台账中没有的承办单位');
    const preview = await importScript([SAMPLE, '--dry-run', '--create-units'], dir);
    expect(preview.out).toContain('预览（未做任何修改）：将新增 15 件');
    const done = await importScript([SAMPLE, '--create-units'], dir);
    expect(done.code).toBe(0);
    expect(done.out).toContain('已新增 15 件');
    const again = await importScript([SAMPLE, '--create-units'], dir);
    expect(again.out).toContain('已新增 0 件，已存在未变 15 件');
  }, 60_000);

  it('IMP5: refuses in Chinese while a server holds the data directory, and without a file', async () => {
    const lock = await acquireDataDirLock(dir);
    try {
      const r = await importScript([SAMPLE], dir);
      expect(r.code).toBe(1);
      expect(r.out).toContain('--server');
    } finally {
      await lock.release();
    }
    const usage = await importScript([], dir);
    expect(usage.code).toBe(1);
    expect(usage.out).toContain('用法：npm run import');
  }, 60_000);
});
