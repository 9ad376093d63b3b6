// ARCH4: no import cycles among the source files, type imports included (pane.ts ↔ pane-actions.ts was one).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative imports and re-exports of one file (static, type-only and side-effect ones), resolved to files. */
function importsOf(file: string, text: string): string[] {
  const specs = [
    ...text.matchAll(/^\s*(?:import|export)\s[^'";]*?\sfrom\s+'(\.[^']+)'/gm),
    ...text.matchAll(/^\s*import\s+'(\.[^']+)'/gm),
  ].map((m) => m[1] ?? '');
  return specs
    .map((s) => resolve(dirname(file), s))
    .map((p) => (p.endsWith('.ts') ? p : `${p}.ts`))
    .filter((p) => existsSync(p));
}

/** Every cycle found by a depth-first walk, each as the list of files on it. */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const visit = (node: string, path: string[]): void => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push(path.slice(path.indexOf(next)));
      else if (state.get(next) === undefined) visit(next, path);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (state.get(node) === undefined) visit(node, []);
  return found;
}

describe('ARCH4: import cycles', () => {
  it('ARCH4: the checker finds a two-file and a three-file cycle and nothing in a tree', () => {
    const g = new Map([
      ['pane', ['actions']],
      ['actions', ['pane', 'forms']],
      ['forms', []],
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    expect(cyclesOf(g)).toEqual([
      ['pane', 'actions'],
      ['a', 'b', 'c'],
    ]);
    expect(
      cyclesOf(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('ARCH4: shared/, addin/, sync-server/ and scripts/ have no import cycle', () => {
    const files = ['shared', 'addin', 'sync-server', 'scripts'].flatMap((d) => sources(join(root, d)));
    const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8'))]));
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
    expect(cyclesOf(graph).map((c) => c.map((f) => relative(root, f)))).toEqual([]);
  });
});
