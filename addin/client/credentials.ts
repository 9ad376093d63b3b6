// Where the sign-in (server URL + token) is kept: the add-in's own storage (OfficeRuntime.storage or localStorage), never the workbook.

import type { Me } from '../../shared/contract/http';

export interface Credentials {
  serverUrl: string;
  token: string;
}

/** What is kept between sessions: the sign-in and the identity last confirmed by the server (for offline starts). */
export interface SavedSignIn extends Credentials {
  me: Me | null;
}

/** The asynchronous key-value store of the add-in's origin. */
export interface KeyValueStore {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

const KEY = 'qiye-ledger.credentials';

interface OfficeRuntimeLike {
  storage?: {
    getItem(k: string): Promise<string | null>;
    setItem(k: string, v: string): Promise<void>;
    removeItem(k: string): Promise<void>;
  };
}

/**
 * BIND35: a localStorage key inside Office's storage partition. Where Office partitions browser storage,
 * `Office.context.partitionKey` names the partition and private data belongs under it; where it does not, the key is
 * undefined and the plain key is used (https://learn.microsoft.com/office/dev/add-ins/develop/persisting-add-in-state-and-settings,
 * "Storage partitioning").
 */
export function partitioned(scope: typeof globalThis, key: string): string {
  const office = (scope as { Office?: { context?: { partitionKey?: unknown } } }).Office;
  const partition = office?.context?.partitionKey;
  return typeof partition === 'string' && partition !== '' ? `${partition}${key}` : key;
}

/** OfficeRuntime.storage in the shared runtime when present, otherwise the origin's localStorage, otherwise memory. */
export function addinStorage(scope: typeof globalThis = globalThis): KeyValueStore {
  const runtime = (scope as { OfficeRuntime?: OfficeRuntimeLike }).OfficeRuntime;
  if (runtime?.storage) {
    const s = runtime.storage;
    return { getItem: (k) => s.getItem(k), setItem: (k, v) => s.setItem(k, v), removeItem: (k) => s.removeItem(k) };
  }
  try {
    const ls = scope.localStorage;
    if (ls) {
      const at = (k: string): string => partitioned(scope, k);
      return {
        getItem: async (k) => ls.getItem(at(k)),
        setItem: async (k, v) => ls.setItem(at(k), v),
        removeItem: async (k) => ls.removeItem(at(k)),
      };
    }
  } catch {
    // storage disabled by policy: fall through to memory
  }
  const mem = new Map<string, string>();
  return {
    getItem: async (k) => mem.get(k) ?? null,
    setItem: async (k, v) => void mem.set(k, v),
    removeItem: async (k) => void mem.delete(k),
  };
}

function isMe(v: unknown): v is Me {
  const m = v as Partial<Me> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.id === 'string' &&
    typeof m.name === 'string' &&
    typeof m.role === 'string' &&
    (m.room === null || typeof m.room === 'string')
  );
}

export async function loadCredentials(store: KeyValueStore): Promise<SavedSignIn | null> {
  try {
    const raw = await store.getItem(KEY);
    if (raw === null) return null;
    const v = JSON.parse(raw) as Partial<SavedSignIn>;
    if (typeof v.serverUrl !== 'string' || typeof v.token !== 'string') return null;
    return { serverUrl: v.serverUrl, token: v.token, me: isMe(v.me) ? v.me : null };
  } catch {
    return null;
  }
}

export function saveCredentials(store: KeyValueStore, c: SavedSignIn): Promise<void> {
  return store.setItem(KEY, JSON.stringify({ serverUrl: c.serverUrl, token: c.token, me: c.me }));
}

export function forgetCredentials(store: KeyValueStore): Promise<void> {
  return store.removeItem(KEY);
}
