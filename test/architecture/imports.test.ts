// ARCH2: addin/ and sync-server/ never import each other, scripts/ never imports test/, shared/ imports neither side.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Top-level folder → the top-level folders its files may not import. */
const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
  addin: ['sync-server'],
  'sync-server': ['addin'],
  scripts: ['test'],
  shared: ['addin', 'sync-server'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The top-level folder of a path inside the repository ('' outside it). */
function topOf(path: string): string {
  const rel = relative(root, path);
  return rel.startsWith('..') ? '' : (rel.split(sep)[0] ?? '');
}

/** Every static, re-exported or dynamic import of a file that lands in a folder its own folder may not import. */
function forbiddenEdges(file: string, text: string): string[] {
  const banned = FORBIDDEN[topOf(file)] ?? [];
  const edges: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1] ?? '';
    if (!spec.startsWith('.')) continue; // packages: no path aliases in tsconfig, so a package is never a repo folder
    if (banned.includes(topOf(resolve(dirname(file), spec)))) edges.push(`${relative(root, file)} → ${spec}`);
  }
  return edges;
}

describe('ARCH2: the lint rules reject a forbidden import', () => {
  const eslint = new ESLint({ cwd: root });

  async function restricted(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
  }

  it.each([
    ['addin/x.ts', "import { startServer } from '../sync-server/server';\nexport const start = startServer;\n"],
    ['addin/sheet/x.ts', "export { attachSync } from '../../sync-server/sync/ws-server';\n"],
    [
      'sync-server/x.ts',
      "import { createOfficeSheet } from '../addin/sheet/office-sheet';\nexport const sheet = createOfficeSheet;\n",
    ],
    ['sync-server/http/x.ts', "import { buildAddin } from '../../addin/build';\nexport const build = buildAddin;\n"],
    ['scripts/x.ts', "import { LEAD } from '../test/shared/fixtures';\nexport const lead = LEAD;\n"],
    ['scripts/bench/x.ts', "import { prng } from '../../test/prng';\nexport const p = prng;\n"],
  ])(
    'ARCH2: %s importing across the boundary is a no-restricted-imports error',
    async (filePath, code) => {
      const errors = await restricted(filePath, code);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^no-restricted-imports: .*ARCH2/);
    },
    60_000,
  );

  it.each([
    ['addin/x.ts', "import { mayEdit } from '../shared/permissions';\nexport const m = mayEdit;\n"],
    [
      'sync-server/x.ts',
      "import { join } from 'node:path';\nimport { mayEdit } from '../shared/permissions';\nexport const m = [join, mayEdit];\n",
    ],
    [
      'scripts/bench/x.ts',
      "import { prng } from '../../shared/prng';\nimport { startServer } from '../../sync-server/server';\nexport const p = [prng, startServer];\n",
    ],
  ])(
    'ARCH2: %s importing what it may gets no error',
    async (filePath, code) => {
      expect(await restricted(filePath, code)).toEqual([]);
    },
    60_000,
  );
});

describe('ARCH2: the tree has no forbidden import', () => {
  const files = Object.keys(FORBIDDEN).flatMap((top) => sources(join(root, top)));

  it('ARCH2: the scan finds a forbidden edge when there is one', () => {
    expect(forbiddenEdges(join(root, 'addin/x.ts'), "import { a } from '../sync-server/server';")).toHaveLength(1);
    expect(
      forbiddenEdges(join(root, 'sync-server/http/x.ts'), "const m = await import('../../addin/build');"),
    ).toHaveLength(1);
    expect(forbiddenEdges(join(root, 'scripts/bench/x.ts'), "export { prng } from '../../test/prng';")).toHaveLength(1);
    expect(forbiddenEdges(join(root, 'shared/x.ts'), "import '../addin/x';")).toHaveLength(1);
    expect(forbiddenEdges(join(root, 'scripts/bench/x.ts'), "import { prng } from '../../shared/prng';")).toEqual([]);
  });

  it('ARCH2: addin/, sync-server/, scripts/ and shared/ import nothing they may not', () => {
    for (const top of Object.keys(FORBIDDEN)) expect(files.some((f) => topOf(f) === top)).toBe(true);
    const edges = files.flatMap((f) => forbiddenEdges(f, readFileSync(f, 'utf8')));
    expect(edges).toEqual([]);
  });
});
