// CAL13: the first key repeated within one JSON object of a text that already parses (JSON.parse keeps the last silently).

/** An object being read: its keys so far, and whether the next string is a key. */
interface ObjectFrame {
  keys: Set<string>;
  expectKey: boolean;
}

/** Where a string that starts at `start` (its opening quote) ends: the index of its closing quote. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

/**
 * CAL13: the first key that appears twice in one object (compared as decoded, so "a" and "\u0061" are the same
 * key), or null. `text` must already be valid JSON (JSON.parse accepted it): only strings and brackets are read.
 */
export function firstDuplicateKey(text: string): string | null {
  const stack: (ObjectFrame | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const top = stack[stack.length - 1] ?? null;
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (top !== null && top.expectKey) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = end;
    } else if (ch === '{') stack.push({ keys: new Set(), expectKey: true });
    else if (ch === '[') stack.push(null);
    else if (ch === '}' || ch === ']') stack.pop();
    else if (ch === ',' && top !== null) top.expectKey = true;
  }
  return null;
}
