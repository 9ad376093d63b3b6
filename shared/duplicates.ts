// WF29: 重复投诉 (三(二)5) — which earlier cases of the same company look like the same 主要诉求 (a warning, never a refusal).
import { nameKey } from './text';
import type { CaseData } from './case';
import { statusOf, text } from './case';
import { addDays } from './time';
import type { Status } from './vocabulary';

/** Two 主要诉求 this similar (character-bigram Jaccard) are reported as a possible repeat. */
export const SIMILARITY_THRESHOLD = 0.5;
/** A finished case counts when it was received within this many days before the new one. */
export const RECENT_DAYS = 90;

/** A case that is no longer being handled; an earlier case in any other state is open. */
const FINISHED: readonly Status[] = ['rejected', 'closed', 'transferred', 'archived'];

export interface SimilarCase {
  id: string;
  code: string | null;
  status: Status;
  receivedAt: string | null;
  /** 0..1, two decimals. */
  similarity: number;
}

/** The text compared: letters and digits only (white space and punctuation ignored), lower case. */
function normalized(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function bigrams(s: string): Set<string> {
  const chars = [...normalized(s)];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0] ?? '');
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i] ?? ''}${chars[i + 1] ?? ''}`);
  return out;
}

/** WF29: Jaccard similarity of the two texts' character bigrams, 0 when either has none. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / (x.size + y.size - common);
}

/** The same company: names compared without white space and case (NFKC, so full-width letters match). */
export function sameCompany(a: string, b: string): boolean {
  // names compare as names do everywhere (nameKey: NFKC, invisible characters and white space removed, lower case)
  return nameKey(a) !== '' && nameKey(a) === nameKey(b);
}

function inWindow(c: CaseData, receivedAt: string): boolean {
  if (!FINISHED.includes(statusOf(c))) return true;
  const earlier = text(c, 'receivedAt');
  return earlier !== null && earlier >= addDays(receivedAt, -RECENT_DAYS) && earlier <= receivedAt;
}

/**
 * WF29: the earlier cases of the same company, open or received within RECENT_DAYS before `receivedAt`, whose 主要诉求
 * is at least SIMILARITY_THRESHOLD similar to `summary`; most similar first.
 */
export function similarCases(
  cases: readonly CaseData[],
  company: string,
  summary: string,
  receivedAt: string,
): SimilarCase[] {
  const out: SimilarCase[] = [];
  for (const c of cases) {
    const name = text(c, 'company');
    const earlier = text(c, 'summary');
    if (name === null || earlier === null || !sameCompany(name, company) || !inWindow(c, receivedAt)) continue;
    const sim = similarity(earlier, summary);
    if (sim < SIMILARITY_THRESHOLD) continue;
    out.push({
      id: c.id,
      code: text(c, 'code'),
      status: statusOf(c),
      receivedAt: text(c, 'receivedAt'),
      similarity: Math.round(sim * 100) / 100,
    });
  }
  return out.sort((a, b) => b.similarity - a.similarity || a.id.localeCompare(b.id));
}

/** WF29: the Chinese warning naming the earlier cases, or null. */
export function duplicateWarning(similar: readonly SimilarCase[]): string | null {
  if (similar.length === 0) return null;
  const codes = similar.map((s) => s.code ?? s.id).join('、');
  return `同一企业已有相似诉求（${codes}），可能为重复投诉（三(二)5），请核对；如无新证据/线索可不予受理`;
}
