// Counts the local changes the server has not been sent: the document's state vector minus the last one handed to the server.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

export type StateVector = Map<number, number>;

/**
 * How many Yjs items `current` holds beyond `acked`, summed over all clients. Every cell value written into a case map
 * is one item, so this is the number of field writes not yet sent (deletions alone carry no item and are not counted).
 */
export function itemsBeyond(current: StateVector, acked: StateVector): number {
  let n = 0;
  for (const [client, clock] of current) n += Math.max(0, clock - (acked.get(client) ?? 0));
  return n;
}

/** The acknowledged state vector of one document, restorable from its encoded form across reloads. */
export class PendingTracker {
  private acked: StateVector;

  constructor(
    private readonly doc: Y.Doc,
    saved: Uint8Array | null = null,
  ) {
    this.acked = PendingTracker.decode(saved);
  }

  private static decode(saved: Uint8Array | null): StateVector {
    if (saved === null || saved.length === 0) return new Map();
    try {
      return Y.decodeStateVector(saved);
    } catch {
      return new Map();
    }
  }

  /** Everything the document holds now has been handed to the server. */
  ack(): void {
    this.acked = Y.decodeStateVector(Y.encodeStateVector(this.doc));
  }

  /** Local changes not handed to the server yet. */
  count(): number {
    return itemsBeyond(Y.decodeStateVector(Y.encodeStateVector(this.doc)), this.acked);
  }

  /** The acknowledged state vector in Yjs' encoding (stored beside the local copy). */
  encode(): Uint8Array {
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, this.acked.size);
    for (const [client, clock] of this.acked) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
    }
    return encoding.toUint8Array(e);
  }
}
