// IMP2: 办理单位 with several units ("A、B", "A；B", "A（配合：B、C）", "牵头：A；配合：B") → lead first, the rest cooperating.
import { nameKey, normalizeName } from '../text';
import { folded } from './plain';

/** HTTP11: a unit name has at most this many characters. */
export const UNIT_NAME_MAX = 50;

/**
 * "（配合：B、C）" as 附件4 (ANX1) writes the cooperating units after the lead. IMP2: no two adjacent quantifiers match
 * the same characters (the "：" and the spaces before the names are taken off the group afterwards, `groupNames`), so a
 * long cell is read in linear time.
 */
const CO_GROUP = /\(\s*(?:配合|协办|协助)(?:单位)?([^()]*)\)/g;

/** The names of a "（配合：B、C）" group: its text without the spaces and the one ":" that open it. */
function groupNames(inner: string): string {
  let i = 0;
  while (i < inner.length && /\s/.test(inner.charAt(i))) i++;
  if (inner.charAt(i) === ':') i++;
  while (i < inner.length && /\s/.test(inner.charAt(i))) i++;
  return inner.slice(i);
}
const SEPARATORS = /[、;,/\n\r]+|\s{2,}/;
const LEAD_LABEL = /^(?:牵头|主办|承办|办理)(?:单位)?:\s*|\((?:牵头|主办)(?:单位)?\)$/;
const CO_LABEL = /^(?:配合|协办|协助)(?:单位)?:\s*|\((?:配合|协办|协助)(?:单位)?\)$/;

export interface Units {
  readonly lead: string | null;
  readonly co: readonly string[];
}

interface Token {
  readonly name: string;
  readonly lead: boolean;
  readonly co: boolean;
}

function tokens(text: string, co: boolean): Token[] {
  return text
    .split(SEPARATORS)
    .map((raw) => {
      const s = raw.trim();
      const lead = LEAD_LABEL.test(s);
      const isCo = co || CO_LABEL.test(s);
      return { name: normalizeName(s.replace(LEAD_LABEL, '').replace(CO_LABEL, '')), lead, co: isCo };
    })
    .filter((t) => t.name !== '');
}

/** IMP2: the units of a 办理单位 cell by name (trimmed, NFKC as stored, distinct). */
export function splitUnits(text: string): Units {
  const groups: string[] = [];
  const main = folded(text).replace(CO_GROUP, (_m, inner: string) => {
    groups.push(groupNames(inner));
    return '、';
  });
  const all = [...tokens(main, false), ...groups.flatMap((g) => tokens(g, true))];
  const lead = all.find((t) => t.lead) ?? all.find((t) => !t.co) ?? all[0];
  if (lead === undefined) return { lead: null, co: [] };
  const seen = new Set([nameKey(lead.name)]);
  const co: string[] = [];
  for (const t of all) {
    if (seen.has(nameKey(t.name))) continue;
    seen.add(nameKey(t.name));
    co.push(t.name);
  }
  return { lead: lead.name, co };
}
