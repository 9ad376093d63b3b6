// STORE30: the compaction worker: rebuilds a room's document from its stored parts and encodes one snapshot, off the event loop.
// Plain JavaScript so that it starts the same under tsx, vitest and plain node.
import { readFileSync, readlinkSync } from 'node:fs';
import process from 'node:process';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';

/** The lowest priority: on 2 cores the event loop then always wins a core from this thread (STORE41). */
const LOWEST = 19;

/**
 * STORE41: lowers this thread's own scheduling priority, not the process's: on Linux `/proc/thread-self` names the
 * thread (`<pid>/task/<tid>`) and setpriority on a thread id changes that thread only. Does nothing where that is not
 * available (Windows, macOS) or refused.
 */
function lowerOwnPriority() {
  if (process.platform !== 'linux') return;
  try {
    const [pid, , task] = readlinkSync('/proc/thread-self').split('/');
    const tid = Number(task);
    // only a thread of this process, as this process sees it (a /proc of another PID namespace names other threads)
    if (Number(pid) !== process.pid || !Number.isSafeInteger(tid) || tid <= 0 || tid === process.pid) return;
    const tgid = /^Tgid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8'))?.[1];
    if (tgid !== String(process.pid)) return;
    setPriority(tid, LOWEST);
  } catch {
    // no /proc, or refused: the worker runs at the process's priority
  }
}

if (workerData?.lowPriority !== false) lowerOwnPriority();

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
