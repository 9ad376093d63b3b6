// BIND35: the sign-in kept in localStorage lives under Office.context.partitionKey when Office partitions storage.
import { describe, expect, it } from 'vitest';
import { addinStorage, loadCredentials, saveCredentials } from '../../../addin/client/credentials';

function fakeScope(partitionKey: string | undefined): { scope: typeof globalThis; keys: () => string[] } {
  const items = new Map<string, string>();
  const localStorage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  const scope = { localStorage, Office: { context: { partitionKey } } } as unknown as typeof globalThis;
  return { scope, keys: () => [...items.keys()] };
}

const SIGN_IN = { serverUrl: 'https://ledger.example.gov.cn', token: 't-1', me: null };

describe('BIND35: credentials in partitioned localStorage', () => {
  it('BIND35: prefixes the key with Office.context.partitionKey when there is one', async () => {
    const { scope, keys } = fakeScope('pk-123/');
    const store = addinStorage(scope);
    await saveCredentials(store, SIGN_IN);
    expect(keys()).toEqual(['pk-123/qiye-ledger.credentials']);
    expect(await loadCredentials(store)).toEqual(SIGN_IN);
  });

  it('BIND35: uses the plain key where storage is not partitioned (partitionKey undefined)', async () => {
    const { scope, keys } = fakeScope(undefined);
    await saveCredentials(addinStorage(scope), SIGN_IN);
    expect(keys()).toEqual(['qiye-ledger.credentials']);
  });
});
