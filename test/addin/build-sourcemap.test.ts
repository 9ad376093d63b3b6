// HTTP19: the add-in build publishes no source map; a developer's map goes outside the served folder.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/build';

describe('the build and source maps', () => {
  const out = mkdtempSync(join(tmpdir(), 'ztc-addin-maps-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('HTTP19: writes no source map into the served folder, removes an old one, and puts a developer map outside', async () => {
    const served = join(out, 'maps-case');
    mkdirSync(served, { recursive: true });
    writeFileSync(join(served, 'taskpane.js.map'), '{"version":3}'); // left by an older build
    const plain = await buildAddin({ outDir: served });
    expect(plain.files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(readdirSync(served).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(readFileSync(join(served, 'taskpane.js'), 'utf8')).not.toContain('sourceMappingURL');

    const maps = join(out, 'dev-maps');
    await buildAddin({ outDir: served, sourceMapDir: maps });
    expect(readdirSync(maps)).toContain('taskpane.js.map');
    expect(
      JSON.parse(readFileSync(join(maps, 'taskpane.js.map'), 'utf8')).sources.some((p: string) =>
        p.includes('taskpane/main.ts'),
      ),
    ).toBe(true);
    expect(readdirSync(served).filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(readFileSync(join(served, 'taskpane.js'), 'utf8')).not.toContain('sourceMappingURL');

    for (const inside of [served, join(served, 'assets'), join(served, 'maps')]) {
      await expect(buildAddin({ outDir: served, sourceMapDir: inside })).rejects.toThrow(
        /ADDIN_SOURCEMAP_DIR 不能位于加载项输出目录之内/,
      );
    }
    expect(existsSync(join(served, 'taskpane.js'))).toBe(true); // a refused build removed nothing
  });
});
