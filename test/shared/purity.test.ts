// ARCH1: shared/ is pure — it imports nothing from addin/ or sync-server/, no Node I/O, and never reads the clock.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../shared');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const ALLOWED_PACKAGES = new Set(['yjs', 'lib0', 'chinese-days']);

describe('shared/ purity', () => {
  const files = sources(root);

  it('ARCH1: imports only its own files and pure packages', () => {
    const bad: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1] ?? '';
        if (spec.startsWith('.')) {
          const rel = relative(root, resolve(dirname(file), spec));
          if (rel.startsWith('..') || /(addin|sync-server)\//.test(spec)) bad.push(`${file}: ${spec}`);
        } else if (!ALLOWED_PACKAGES.has(spec.split('/')[0] ?? '')) {
          bad.push(`${file}: ${spec}`);
        }
      }
    }
    expect(files.length).toBeGreaterThan(5);
    expect(bad).toEqual([]);
  });

  it('ARCH1: never reads the clock or touches Office', () => {
    const bad = files.filter((f) =>
      /Date\.now\(\)|new Date\(\)|performance\.now|\bOffice\.|\bExcel\.|\bprocess\.(env|hrtime|argv|cwd)/.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(bad).toEqual([]);
  });
});
