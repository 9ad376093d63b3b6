// Text hygiene shared by every input: characters that cannot be stored, invisible characters, and how names compare.

/** An unpaired UTF-16 surrogate: UTF-8 cannot hold it, so it would come back as U+FFFD after a restart. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Characters that render as nothing (or reorder what follows) and so make two names look alike: soft hyphen,
 * combining grapheme joiner, Arabic letter mark, Hangul fillers, Khmer/Mongolian format marks, zero-width
 * space/joiners, LRM/RLM, bidi embeddings/overrides/isolates, word joiner and invisible operators, variation
 * selectors, BOM, interlinear annotation marks, and the tag characters (U+E0000–E007F).
 */
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- the class lists combining and joining marks one by one on purpose
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

/** Whether the text holds an unpaired surrogate (it cannot be stored faithfully). */
export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** Whether the text holds an invisible format character (see INVISIBLE). */
export function hasInvisible(s: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(s);
  INVISIBLE.lastIndex = 0;
  return found;
}

/** The text without invisible format characters. */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

/**
 * A name (unit, user) as it is stored: NFKC (full-width letters and digits become ASCII, compatibility forms
 * fold), invisible characters removed, every run of white space one space, trimmed.
 */
export function normalizeName(s: string): string {
  return stripInvisible(s.normalize('NFKC')).replace(/\s+/gu, ' ').trim();
}

/** What two names are compared by: the normalised name without any white space, in lower case. */
export function nameKey(s: string): string {
  return normalizeName(s).replace(/\s+/gu, '').toLowerCase();
}

/** AUTH5/HTTP11: whether `name` is taken among `names`: compared by nameKey (no white space, no case, no invisible characters). */
export function nameTaken(name: string, names: Iterable<string>): boolean {
  const key = nameKey(name);
  for (const other of names) if (nameKey(other) === key) return true;
  return false;
}
