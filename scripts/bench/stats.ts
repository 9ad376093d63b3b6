// Small numeric helpers for the bench: percentiles, means, formatting, and the side-by-side table printer.

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a sample (NaN everywhere when it is empty). */
export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  if (n === 0) return { n, mean: NaN, p50: NaN, p95: NaN, p99: NaN, max: NaN };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] ?? NaN;
  let sum = 0;
  for (const s of samples) sum += s;
  return { n, mean: sum / n, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[n - 1] ?? NaN };
}

export function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

export const ms = (x: number): string => `${fmt(x, 1)} ms`;
export const us = (x: number): string => `${fmt(x, 1)} µs`;
export const mib = (bytes: number): string => `${fmt(bytes / 1024 / 1024, 1)} MiB`;

/** One row of the result table: what, our figure, the persisting and the in-memory stock server's, target, verdict. */
export interface Row {
  what: string;
  ours: string;
  persisting?: string;
  stock?: string;
  target?: string;
  verdict?: string;
}

/** A verdict cell: "ok" or "MISSED", or "" when there is no target or no figure. */
export function verdict(value: number, limit: number): string {
  if (!Number.isFinite(value)) return 'no data';
  return value <= limit ? 'ok' : 'MISSED';
}

/** Prints rows as an aligned text table (display width counts CJK as two columns); empty optional columns are left out. */
export function printTable(title: string, rows: readonly Row[]): void {
  const width = (s: string) =>
    [...s].reduce(
      (w, ch) =>
        w +
        (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
          ? 2
          : 1),
      0,
    );
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
  const header: Row = {
    what: 'measure',
    ours: 'ours',
    persisting: 'stock + LevelDB',
    stock: 'stock in memory',
    target: 'target',
    verdict: 'verdict',
  };
  const cells = (r: Row) => [r.what, r.ours, r.persisting ?? '', r.stock ?? '', r.target ?? '', r.verdict ?? ''];
  const used = [0, 1, 2, 3, 4, 5].filter((i) => i < 2 || rows.some((r) => (cells(r)[i] ?? '') !== ''));
  const all = [header, ...rows].map((r) => used.map((i) => cells(r)[i] ?? ''));
  const widths = used.map((_, j) => Math.max(...all.map((c) => width(c[j] ?? ''))));
  const line = (c: string[]) => `| ${c.map((s, j) => pad(s, widths[j] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  console.log(`\n${title}\n`);
  console.log(line(all[0] ?? []));
  console.log(rule);
  for (const c of all.slice(1)) console.log(line(c));
}
