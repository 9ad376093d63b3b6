// The sync backend: authentication by Accounts, rooms and enforcement by the Ledger.
import type * as Y from 'yjs';
import type { Accounts } from './accounts';
import type { Ledger } from './ledger/ledger';
import type { SyncBackend } from './sync/backend';

/** SyncBackend.version for the Ledger's room documents: a fresh number on each 'update' event and for each new document object. */
class DocVersions {
  private next = 1;
  private readonly versions = new WeakMap<Y.Doc, { v: number }>();

  of(doc: Y.Doc): number {
    let entry = this.versions.get(doc);
    if (entry === undefined) {
      const created = { v: this.next++ };
      doc.on('update', () => {
        created.v = this.next++;
      });
      this.versions.set(doc, created);
      entry = created;
    }
    return entry.v;
  }
}

export function ledgerBackend(ledger: Ledger, accounts: Accounts): SyncBackend {
  const versions = new DocVersions();
  return {
    authenticate: async (token) => accounts.authenticate(token),
    mayJoin: (actor, room) => ledger.mayJoin(actor, room),
    doc: (room) => ledger.doc(room),
    version: (room) => versions.of(ledger.doc(room)),
    applyClientUpdate: (room, actor, origin, update) => ({
      rejections: ledger.applyClientUpdate(room, actor, origin, update),
      outcome: 'applied',
    }),
    whenDurable: () => ledger.whenDurable(),
    onCommitted: (listener) => ledger.onCommitted(listener),
    available: () => true,
  };
}
