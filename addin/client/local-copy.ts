// The local copy of a room's document (IndexedDB via y-indexeddb), so offline edits survive a reload; injectable for tests.
import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

/** What the sync client needs of a local copy: load, a small key-value side store, close, erase. */
export interface LocalCopy {
  /** Resolves once the stored document has been applied to the doc. */
  readonly whenLoaded: Promise<unknown>;
  get(key: string): Promise<unknown>;
  set(key: string, value: Uint8Array): Promise<unknown>;
  destroy(): Promise<void> | void;
  clearData(): Promise<void>;
}

export type LocalCopyFactory = (name: string, doc: Y.Doc) => LocalCopy;

/** One database per server + user + room: two users on one computer never share a copy. */
export function localCopyName(serverUrl: string, userId: string, room: string): string {
  let origin = serverUrl;
  try {
    origin = new URL(serverUrl).origin;
  } catch {
    // keep as typed
  }
  return `qiye-ledger|${origin}|${userId}|${room}`;
}

export const indexedDbCopy: LocalCopyFactory = (name, doc) => {
  const p = new IndexeddbPersistence(name, doc);
  return {
    whenLoaded: p.whenSynced,
    get: (key) => p.get(key),
    set: (key, value) => p.set(key, value as unknown as ArrayBuffer),
    destroy: () => p.destroy(),
    clearData: () => p.clearData(),
  };
};

/** IndexedDB when the runtime has it (the browser / Office webview), otherwise no local copy. */
export function defaultLocalCopy(): LocalCopyFactory | null {
  return typeof indexedDB === 'undefined' ? null : indexedDbCopy;
}
