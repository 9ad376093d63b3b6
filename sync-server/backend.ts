// The sync backend: authentication by Accounts, rooms, versions, enforcement and availability by the Ledger.
import type { Accounts } from './accounts';
import type { Ledger } from './ledger/ledger';
import type { SyncBackend } from './sync/backend';

export function ledgerBackend(ledger: Ledger, accounts: Accounts): SyncBackend {
  return {
    authenticate: async (token) => accounts.authenticate(token),
    mayJoin: (actor, room) => ledger.mayJoin(actor, room),
    doc: (room) => ledger.doc(room),
    version: (room) => ledger.version(room),
    storedState: (room) => ledger.storedState(room),
    applyClientUpdate: (room, actor, origin, update) => ledger.applyClientUpdate(room, actor, origin, update),
    whenDurable: () => ledger.whenDurable(),
    onCommitted: (listener) => ledger.onCommitted(listener),
    available: () => ledger.storageState().ok,
  };
}
