// Query-string validation at the edge: only known parameters, each at most once, typed readers (400 INVALID_INPUT).
import type { Context } from 'hono';
import { refuse } from './errors';

/** HTTP10: the query parameters of a GET; unknown or repeated ones are refused. */
export function readQuery(c: Context, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, values] of Object.entries(c.req.queries())) {
    const name = key.slice(0, 40);
    if (!allowed.includes(key)) refuse('INVALID_INPUT', `不支持的查询参数：${name}`, name);
    if (values.length !== 1) refuse('INVALID_INPUT', `查询参数只能出现一次：${name}`, name);
    const [value] = values;
    if (value !== undefined) out.set(key, value);
  }
  return out;
}

/** An integer parameter in [min, max]; `fallback` when absent. */
export function intParam(
  q: Map<string, string>,
  key: string,
  name: string,
  min: number,
  max: number,
  fallback: number | null,
): number | null {
  const raw = q.get(key);
  if (raw === undefined) return fallback;
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    refuse('INVALID_NUMBER', `“${name}”应为 ${min}–${max} 之间的整数`, key);
  }
  return Number(raw);
}

/** Control characters and the list separator are never part of an id. */
function unsafe(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return code < 0x20 || code === 0x7f || ch === ',';
}

/** A non-empty id-like parameter (≤ 64 characters, no control characters or commas). */
export function idParam(q: Map<string, string>, key: string, name: string): string | null {
  const raw = q.get(key);
  if (raw === undefined) return null;
  if (raw === '' || raw.length > 64 || [...raw].some(unsafe)) refuse('INVALID_INPUT', `“${name}”不正确`, key);
  return raw;
}
