// What every HTTP sub-app shares: the Hono environment (the signed-in actor) and the services it is built on.
import type { Actor } from '../../shared/case';
import type { Accounts } from '../accounts';
import type { Ledger } from '../ledger/ledger';
import type { Store } from '../store/store';

export interface AppEnv {
  /** What @hono/node-server passes: the Node request, whose socket gives the client address (absent in-process). */
  Bindings: { incoming?: { socket?: { remoteAddress?: string | undefined } } } | undefined;
  Variables: { actor: Actor };
}

/** The services behind the API. `store` is read for the audit log and the history a 回头看 sample is drawn from (WF31; the ledger writes it). */
export interface AppDeps {
  ledger: Ledger;
  accounts: Accounts;
  store: Pick<Store, 'audit' | 'flush'>;
  /** Waits `ms` of the ledger's clock (WF31: a sample waits for its second to end). Default: a real timer. */
  sleep?: (ms: number) => Promise<void>;
}
