// STORE44: whether encoding a room's document is cheap enough for the event loop (about 5 ms here).
import * as Y from 'yjs';

/**
 * Limits measured on the 2-core VM of docs/PERFORMANCE.md. Encoding walks every struct and every value of an insert
 * (0.27–0.47 µs each), every client (~1.7 µs) and writes the content out (strings ~13 ms a MiB of CJK text).
 */
const MAX_PART_BYTES = 384 * 1024;
const MAX_CLIENTS = 1_000;
/** Structs, plus the values of an insert beyond its first (a struct of 32 values costs about 32 structs). */
const MAX_UNITS = 12_000;

/** STORE44: the room's parts weigh under 384 KiB, and its document has under 1,000 clients and 12,000 units. */
export function cheapToEncode(doc: Y.Doc, partsBytes: number): boolean {
  if (partsBytes >= MAX_PART_BYTES || doc.store.clients.size >= MAX_CLIENTS) return false;
  let units = 0;
  for (const list of doc.store.clients.values()) {
    units += list.length;
    if (units >= MAX_UNITS) return false;
    for (const s of list) {
      if (!(s instanceof Y.Item)) continue;
      const c = s.content;
      if (c instanceof Y.ContentAny || c instanceof Y.ContentJSON) units += c.getLength() - 1;
    }
  }
  return units < MAX_UNITS;
}
