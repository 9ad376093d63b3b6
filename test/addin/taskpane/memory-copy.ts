// An in-memory stand-in for the IndexedDB local copy (Node has no IndexedDB): keeps updates and the side store per name.
import * as Y from 'yjs';
import type { LocalCopy, LocalCopyFactory } from '../../../addin/client/local-copy';

export class MemoryCopies {
  readonly updates = new Map<string, Uint8Array[]>();
  readonly values = new Map<string, Map<string, Uint8Array>>();
  readonly origin = Symbol('memory-copy');

  readonly factory: LocalCopyFactory = (name, doc): LocalCopy => {
    const stored = this.updates.get(name) ?? [];
    this.updates.set(name, stored);
    const kv = this.values.get(name) ?? new Map<string, Uint8Array>();
    this.values.set(name, kv);
    Y.transact(doc, () => stored.forEach((u) => Y.applyUpdate(doc, u)), this.origin, false);
    const onUpdate = (u: Uint8Array, origin: unknown) => {
      if (origin !== this.origin) stored.push(u);
    };
    doc.on('update', onUpdate);
    return {
      whenLoaded: Promise.resolve(),
      get: async (key) => kv.get(key),
      set: async (key, value) => void kv.set(key, value),
      destroy: () => doc.off('update', onUpdate),
      clearData: async () => {
        doc.off('update', onUpdate);
        this.updates.delete(name);
        this.values.delete(name);
      },
    };
  };
}
