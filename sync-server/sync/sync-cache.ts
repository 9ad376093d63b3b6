// SYNC9: the encoded answers to sync step 1 (and the greeting's state vector), cached per version of a room's document.
import * as Y from 'yjs';
import type { SyncBackend } from './backend';
import { encodeSyncStep1, encodeSyncStep2 } from './protocol';
import { ProtocolError } from './protocol';
import type { SyncStats } from './stats';

/** Diffs kept per version besides the whole-room answer: clients that reconnect together often send the same state vector. */
const MAX_DIFFS = 4;

interface VersionCache {
  readonly version: number;
  /** The document's state vector, decoded. */
  readonly clocks: Map<number, number>;
  /** The server's sync step 1 frame. */
  readonly greeting: Uint8Array;
  /** The sync step 2 frame for a client that has nothing of this document. */
  whole: Uint8Array | null;
  /** Sync step 2 frames by canonical state vector. */
  readonly diffs: Map<string, Uint8Array>;
  /** SYNC13: the whole state the backend gave without a document (a cold room), or null: answers come from doc(). */
  readonly stored: Uint8Array | null;
}

/**
 * Never keeps the backend's document: it asks for it (and for its version) on each call, and drops every cached frame
 * once the version changes. SYNC13: a cold room the backend can answer for from its stored state is answered from
 * that, without its document (the room decodes it right after the answer is sent, SYNC14).
 */
export class SyncCache {
  private cache: VersionCache | null = null;

  constructor(
    private readonly room: string,
    private readonly backend: SyncBackend,
    private readonly stats: SyncStats,
  ) {}

  /** SYNC14: whether the current answers come from the backend's stored state (a cold room, not decoded yet). */
  get cold(): boolean {
    return this.cache !== null && this.cache.stored !== null;
  }

  /** The server's sync step 1 frame (its state vector). */
  greeting(): Uint8Array {
    return this.current().greeting;
  }

  /** The sync step 2 frame answering a client's state vector. Throws a ProtocolError if the state vector is undecodable. */
  step2(stateVector: Uint8Array): Uint8Array {
    const target = decodeStateVector(stateVector);
    const c = this.current();
    const canonical = canonicalise(target, c.clocks);
    if (canonical.size === 0) {
      if (c.whole !== null) {
        this.stats.step2CacheHits++;
        return c.whole;
      }
      c.whole = this.encode(c);
      return c.whole;
    }
    const sv = Y.encodeStateVector(canonical);
    const key = Buffer.from(sv).toString('latin1');
    const cached = c.diffs.get(key);
    if (cached !== undefined) {
      this.stats.step2CacheHits++;
      return cached;
    }
    const frame = this.encode(c, sv);
    if (c.diffs.size >= MAX_DIFFS) c.diffs.delete(c.diffs.keys().next().value as string);
    c.diffs.set(key, frame);
    return frame;
  }

  private encode(c: VersionCache, stateVector?: Uint8Array): Uint8Array {
    this.stats.step2Encoded++;
    if (c.stored === null) return encodeSyncStep2(Y.encodeStateAsUpdate(this.backend.doc(this.room), stateVector));
    return encodeSyncStep2(stateVector === undefined ? c.stored : Y.diffUpdate(c.stored, stateVector));
  }

  /**
   * SYNC13: answers taken from stored state are reused only while the backend still gives that state: a unit added or
   * a new year changes what a repair would write without changing the cold room's version.
   */
  private vouched(c: VersionCache): boolean {
    return c.stored === null || this.backend.storedState?.(this.room)?.update === c.stored;
  }

  private current(): VersionCache {
    const version = this.backend.version(this.room);
    if (this.cache?.version === version && this.vouched(this.cache)) return this.cache;
    const stored = this.backend.storedState?.(this.room) ?? null;
    const sv = Y.encodeStateVector(stored?.stateVector ?? this.backend.doc(this.room));
    this.cache = {
      version,
      clocks: Y.decodeStateVector(sv),
      greeting: encodeSyncStep1(sv),
      whole: null,
      diffs: new Map(),
      stored: stored?.update ?? null,
    };
    return this.cache;
  }
}

function decodeStateVector(bytes: Uint8Array): Map<number, number> {
  try {
    return Y.decodeStateVector(bytes);
  } catch {
    throw new ProtocolError('malformed');
  }
}

/**
 * The part of a client's state vector that changes the answer: Yjs writes, for each client the document knows, what
 * lies beyond the clock the target names (0 when absent). Clients the document does not know, clocks of 0, and clocks
 * beyond the document's own change nothing, so they are dropped or capped; an empty result means "the whole room".
 */
function canonicalise(target: Map<number, number>, clocks: Map<number, number>): Map<number, number> {
  const out = new Map<number, number>();
  const clients = [...clocks.keys()].sort((a, b) => a - b);
  for (const client of clients) {
    const want = target.get(client) ?? 0;
    if (want > 0) out.set(client, Math.min(want, clocks.get(client) ?? 0));
  }
  return out;
}
