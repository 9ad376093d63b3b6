// End to end with the stock y-websocket provider over a real HTTP server: sync, rejection, auth, awareness, shutdown.
import type { Rejection } from '../../../shared/contract/sync';
import { MESSAGE_REJECTION, readRejection } from '../../../shared/contract/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type * as decoding from 'lib0/decoding';
import { FakeBackend } from './fake-backend';
import type { TestClient, TestServer } from './net-helpers';
import { connectProvider, sleep, startServer, waitFor, whenSynced } from './net-helpers';

let backend: FakeBackend;
let server: TestServer;
let clients: TestClient[] = [];

beforeEach(async () => {
  backend = new FakeBackend();
  server = await startServer(backend);
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  await server.stop();
});

function client(room = 'ledger', token: string | null = 'good'): TestClient {
  const c = connectProvider(server.url, room, token);
  clients.push(c);
  return c;
}

const cases = (doc: Y.Doc): Y.Map<unknown> => doc.getMap<unknown>('cases');

describe('sync with the stock WebsocketProvider', () => {
  it('SYNC1: syncs changes both ways between two providers', async () => {
    const a = client();
    const b = client();
    await Promise.all([whenSynced(a), whenSynced(b)]);
    cases(a.doc).set('c1', 'from a');
    await waitFor(() => cases(b.doc).get('c1') === 'from a', 'b sees a');
    cases(b.doc).set('c2', 'from b');
    await waitFor(() => cases(a.doc).get('c2') === 'from b', 'a sees b');
    expect(cases(backend.doc('ledger')).toJSON()).toEqual({ c1: 'from a', c2: 'from b' });
  });

  it('SYNC1: brings a late joiner up to date and serves unit rooms to their unit', async () => {
    const a = client('unit:a', 'unit-a');
    await whenSynced(a);
    cases(a.doc).set('c9', 'x');
    await waitFor(() => cases(backend.doc('unit:a')).get('c9') === 'x', 'server has it');
    const late = client('unit:a', 'unit-a');
    await whenSynced(late);
    await waitFor(() => cases(late.doc).get('c9') === 'x', 'late joiner has it');
  });

  it('SYNC3: reverts a refused write on the sender, tells it why, and the other client never sees the value', async () => {
    const a = client();
    const b = client();
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const seenByB: unknown[] = [];
    cases(b.doc).observe((e) => {
      if (e.keysChanged.has('forbidden')) seenByB.push(cases(b.doc).get('forbidden'));
    });
    const rejections: Array<{ rejection: Rejection | null; senderStillHasIt: boolean }> = [];
    a.provider.messageHandlers[MESSAGE_REJECTION] = (_encoder, decoder: decoding.Decoder) => {
      rejections.push({ rejection: readRejection(decoder), senderStillHasIt: cases(a.doc).has('forbidden') });
    };

    cases(a.doc).set('forbidden', 'evil');
    expect(cases(a.doc).get('forbidden')).toBe('evil'); // optimistic, until the server's compensation arrives
    await waitFor(() => rejections.length === 1, 'rejection');
    expect(rejections[0]).toEqual({
      rejection: { caseId: null, field: 'forbidden', code: 'FIELD_SERVER_OWNED', message: '此列不能修改' },
      senderStillHasIt: false, // the revert arrived before the rejection
    });
    expect(cases(a.doc).has('forbidden')).toBe(false);

    cases(a.doc).set('marker', 1); // b has processed everything before once it sees this
    await waitFor(() => cases(b.doc).get('marker') === 1, 'marker');
    expect(seenByB.every((v) => v === undefined)).toBe(true);
    expect(cases(b.doc).has('forbidden')).toBe(false);
    expect(cases(backend.doc('ledger')).has('forbidden')).toBe(false);
  });
});

describe('admission', () => {
  it('SYNC1: closes a bad or missing token with 4401 and the provider does not reconnect', async () => {
    const bad = client('ledger', 'bad');
    const none = client('ledger', null);
    await waitFor(() => bad.closeCodes.length > 0 && none.closeCodes.length > 0, '4401');
    await sleep(600); // y-websocket's first reconnect would come after 200 ms
    expect(bad.closeCodes).toEqual([4401]);
    expect(none.closeCodes).toEqual([4401]);
    expect(backend.authCalls).toBe(2);
    expect(bad.provider.shouldConnect).toBe(false);
    expect(server.sync.connections()).toBe(0);
    expect(bad.terminal).toEqual([4401]);
  });

  it('SYNC1: closes a room the actor may not join with 4403', async () => {
    const office = client('unit:a', 'good');
    const unit = client('ledger', 'unit-a');
    await waitFor(() => office.closeCodes.length > 0 && unit.closeCodes.length > 0, '4403');
    await sleep(300);
    expect(office.closeCodes).toEqual([4403]);
    expect(unit.closeCodes).toEqual([4403]);
    expect(unit.terminal).toEqual([4403]);
    expect(backend.docs.has('unit:a')).toBe(false);
  });
});

describe('awareness between providers', () => {
  it('SYNC8: relays states and removes them when a client goes away', async () => {
    const a = client();
    const b = client();
    await Promise.all([whenSynced(a), whenSynced(b)]);
    a.provider.awareness.setLocalStateField('user', { name: '张三', cell: 'C3' });
    const idA = a.doc.clientID;
    await waitFor(
      () => (b.provider.awareness.getStates().get(idA) as { user?: unknown } | undefined)?.user !== undefined,
      'b sees a',
    );
    expect(b.provider.awareness.getStates().get(idA)).toEqual({ user: { name: '张三', cell: 'C3' } });

    // Cut a's socket without the goodbye message: the server must remove its state itself.
    a.provider.shouldConnect = false;
    (a.provider.ws as unknown as { terminate(): void }).terminate();
    await waitFor(() => !b.provider.awareness.getStates().has(idA), 'a removed at b');
  });

  it("SYNC8: echoes a lone client's awareness renewal, which is what keeps y-websocket from dropping an idle connection", async () => {
    const a = client();
    await whenSynced(a);
    const before = a.provider.wsLastMessageReceived;
    await sleep(5);
    a.provider.awareness.setLocalStateField('renewed', true); // what the Awareness does every 15 s
    await waitFor(() => a.provider.wsLastMessageReceived > before, 'own awareness back');
  });
});

describe('shutdown', () => {
  it('WIRE4: close() closes every client with 1001 and stops accepting', async () => {
    const a = client();
    const b = client();
    await Promise.all([whenSynced(a), whenSynced(b)]);
    await server.sync.close();
    await waitFor(() => a.closeCodes.includes(1001) && b.closeCodes.includes(1001), '1001');
    expect(server.sync.connections()).toBe(0);
    expect(backend.listenerCount).toBe(0);
    a.provider.disconnect();
    b.provider.disconnect();
  });
});
