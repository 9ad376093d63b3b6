// Client-side Yjs updates for the transport tests: one key of 'cases' set from a fresh (or given) client document.
import * as Y from 'yjs';
import type { SyncMessage } from '../../../sync-server/sync/protocol';

/** An update from a fresh client doc (or one holding `base`'s state) setting one key of 'cases'. */
export function clientUpdate(key: string, value: unknown, base?: Y.Doc): Uint8Array {
  const doc = new Y.Doc();
  if (base !== undefined) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(doc);
  doc.getMap('cases').set(key, value);
  const update = Y.encodeStateAsUpdate(doc, sv);
  doc.destroy();
  return update;
}

/** Applies the sync step 2 and update messages among `messages` to `doc`. */
export function applyAll(doc: Y.Doc, messages: SyncMessage[]): void {
  for (const m of messages) {
    if (m.kind === 'sync-step2' || m.kind === 'sync-update') Y.applyUpdate(doc, m.update);
  }
}
