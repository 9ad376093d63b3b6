// ARCH3: every test title (or an enclosing describe title) cites the docs/SPEC.md rule it checks, and every cited
// ID exists; code comments cite SPEC IDs, not the design file outside the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../..');
const spec = readFileSync(join(repo, 'docs/SPEC.md'), 'utf8');
/** The rule IDs SPEC.md defines (`- **WF6** …`) and their letter prefixes. */
const defined = new Set([...spec.matchAll(/\*\*([A-Z]+\d+)\*\*/g)].map((m) => m[1] ?? ''));
const prefixes = new Set([...defined].map((id) => id.replace(/\d+$/, '')));

function files(dir: string, suffix: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name === 'node_modules'
        ? []
        : files(join(dir, e.name), suffix)
      : e.name.endsWith(suffix)
        ? [join(dir, e.name)]
        : [],
  );
}

/** The rule IDs a title cites: tokens like WF6 whose letters are a SPEC prefix (so UTF8, A1 or H1 are not IDs). */
function cited(title: string): string[] {
  return [...title.matchAll(/\b([A-Z]{2,6})(\d+)\b/g)].filter((m) => prefixes.has(m[1] ?? '')).map((m) => m[0]);
}

/** `it`, `test` or `describe`, possibly as `it.skip`, `it.each([...])`, `describe.concurrent` … */
function kindOf(callee: ts.Expression): 'describe' | 'test' | null {
  let e = callee;
  for (;;) {
    if (ts.isCallExpression(e)) e = e.expression;
    else if (ts.isPropertyAccessExpression(e)) e = e.expression;
    else break;
  }
  if (!ts.isIdentifier(e)) return null;
  return e.text === 'describe' ? 'describe' : e.text === 'it' || e.text === 'test' ? 'test' : null;
}

/** The literal text of a title: a string, or a template with its placeholders left out. */
function titleOf(arg: ts.Expression | undefined): string | null {
  if (!arg) return null;
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return arg.text;
  if (ts.isTemplateExpression(arg)) return [arg.head.text, ...arg.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

interface Found {
  tests: number;
  uncited: string[];
  unknown: string[];
  notLiteral: string[];
}

function scan(name: string, text: string, found: Found): void {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const where = (node: ts.Node) => `${name}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`;
  const visit = (node: ts.Node, enclosing: string[]): void => {
    // Only the outer call of `it.each([...])('title', fn)` carries the title.
    if (ts.isCallExpression(node) && !(ts.isCallExpression(node.parent) && node.parent.expression === node)) {
      const kind = kindOf(node.expression);
      if (kind) {
        const title = titleOf(node.arguments[0]);
        if (title === null) {
          found.notLiteral.push(where(node));
        } else {
          for (const id of cited(title)) if (!defined.has(id)) found.unknown.push(`${where(node)} ${id}`);
          if (kind === 'test') {
            found.tests++;
            if (![title, ...enclosing].some((t) => cited(t).length > 0)) found.uncited.push(`${where(node)} ${title}`);
          } else {
            node.arguments.forEach((a) => visit(a, [...enclosing, title]));
            return;
          }
        }
      }
    }
    ts.forEachChild(node, (child) => visit(child, enclosing));
  };
  visit(source, []);
}

describe('ARCH3: test titles cite SPEC rule IDs', () => {
  it('ARCH3: SPEC.md defines the rule IDs the scan relies on', () => {
    expect(defined.size).toBeGreaterThan(100);
    for (const id of ['ARCH1', 'ARCH3', 'VAL3', 'WF12', 'SYNC10', 'STORE7', 'BIND4']) expect(defined).toContain(id);
    expect(cited('UTF8 A1 V1 H1 WF6交办 (SYNC10/SYNC7) VAL1–VAL5')).toEqual(['WF6', 'SYNC10', 'SYNC7', 'VAL1', 'VAL5']);
  });

  it('ARCH3: the scan finds tests in every form the repository uses, and what they cite', () => {
    const found: Found = { tests: 0, uncited: [], unknown: [], notLiteral: [] };
    scan(
      'sample.ts',
      [
        "describe('WF6: assign', () => {",
        "  it('needs a lead unit', () => {});",
        "  describe('nested', () => { it.each([[1], [2]])('case %s', () => {}); });",
        '});',
        "it('bare', () => {});",
        'it.skip(`VAL3: ${x} dates`, () => {});',
        "test('WF99: no such rule', () => {});",
        "describe('outer', () => { for (const c of cs) it(name(c), () => {}); });",
        "it.each(ROWS)('UTF8 and A1 are not IDs', async () => {});",
        "const ok = /x/.test('it');",
      ].join('\n'),
      found,
    );
    expect(found).toEqual({
      tests: 6,
      uncited: ['sample.ts:5 bare', 'sample.ts:9 UTF8 and A1 are not IDs'],
      unknown: ['sample.ts:7 WF99'],
      notLiteral: ['sample.ts:8'],
    });
  });

  it('ARCH3: every it/test title, or an enclosing describe title, cites a rule ID that SPEC.md defines', () => {
    const found: Found = { tests: 0, uncited: [], unknown: [], notLiteral: [] };
    // Test files and the helpers that declare tests for them (the store contracts).
    const sources = files(join(repo, 'test'), '.ts');
    for (const file of sources) scan(relative(repo, file), readFileSync(file, 'utf8'), found);
    expect(sources.filter((f) => f.endsWith('.test.ts')).length).toBeGreaterThan(90);
    expect(found.tests).toBeGreaterThan(550); // it.each rows counted once
    expect(found.notLiteral).toEqual([]);
    expect(found.unknown).toEqual([]);
    expect(found.uncited).toEqual([]);
  });

  it('ARCH3: code comments cite SPEC.md IDs, not the sections of the design file', () => {
    const sources = ['shared', 'addin', 'sync-server', 'scripts', 'test'].flatMap((d) => files(join(repo, d), '.ts'));
    expect(sources.length).toBeGreaterThan(100);
    const bad = sources.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/DESIGN\s*§/.test(line) ? [`${relative(repo, file)}:${i + 1}`] : [])),
    );
    expect(bad).toEqual([]);
  });
});
