// Attack: fetching the add-in's source map from the running server to read the pane's original sources.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, tempDir } from '../integration/harness';

let h: Harness;
beforeAll(async () => {
  const dataDir = tempDir();
  const addinDir = join(dataDir, 'addin');
  mkdirSync(addinDir, { recursive: true });
  writeFileSync(join(addinDir, 'taskpane.html'), '<!doctype html><title>任务窗格</title>');
  writeFileSync(join(addinDir, 'taskpane.js'), 'console.log(1);\n//# sourceMappingURL=taskpane.js.map\n');
  // as an older or a developer build would have left it
  writeFileSync(
    join(addinDir, 'taskpane.js.map'),
    JSON.stringify({ version: 3, sources: ['addin/taskpane/main.ts'], sourcesContent: ['SECRET SOURCE'] }),
  );
  h = await Harness.start(dataDir, { addinDir });
});
afterAll(async () => {
  await h.stop();
});

describe('identity: the add-in source map', () => {
  it('HTTP19: /addin/taskpane.js.map is 404 even though the file is in the add-in folder', async () => {
    for (const path of [
      '/addin/taskpane.js.map',
      '/addin/taskpane.js.MAP',
      '/addin/taskpane.js.map?x=1',
      '/addin/taskpane.js%2emap',
    ]) {
      const res = await fetch(`${h.url}${path}`);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).not.toContain('SECRET SOURCE');
    }
    expect((await fetch(`${h.url}/addin/taskpane.js`)).status).toBe(200);
  });
});
