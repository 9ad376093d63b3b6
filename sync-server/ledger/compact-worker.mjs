// STORE30: the compaction worker: rebuilds a room's document from its stored parts and encodes one snapshot, off the event loop.
// Plain JavaScript so that it starts the same under tsx, vitest and plain node.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

parentPort.on('message', ({ id, bytes, lengths }) => {
  try {
    const doc = new Y.Doc({ gc: true });
    Y.transact(doc, () => {
      let at = 0;
      for (const n of lengths) {
        Y.applyUpdate(doc, bytes.subarray(at, at + n));
        at += n;
      }
    });
    // as RoomDocs builds a room: what Yjs could not apply is not part of the room
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    const snapshot = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, snapshot }, [snapshot.buffer]);
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
