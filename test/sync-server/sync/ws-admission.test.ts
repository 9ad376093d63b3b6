// SYNC7/SYNC9 over a real server: 429 with Retry-After for a banned user, the connection cap, 503 and closeAll, 1007 to a provider.
import type { Rejection } from '../../../shared/contract/sync';
import { MESSAGE_REJECTION, readRejection } from '../../../shared/contract/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as decoding from 'lib0/decoding';
import { encodeSyncUpdate } from '../../../sync-server/sync/protocol';
import type { SyncLimits } from '../../../sync-server/sync/limits';
import { FakeBackend } from './fake-backend';
import type { TestClient, TestServer } from './net-helpers';
import { connectProvider, rawClient, refusedHandshake, startServer, waitFor, whenSynced } from './net-helpers';
import { clientUpdate } from './updates';

let backend: FakeBackend;
let server: TestServer;
let clients: TestClient[] = [];
const clock = { t: 0 };

async function start(limits: Partial<SyncLimits> = {}): Promise<void> {
  server = await startServer(backend, { limits, now: () => clock.t });
}

beforeEach(() => {
  backend = new FakeBackend();
  clock.t = 0;
});

afterEach(async () => {
  for (const c of clients) c.destroy();
  clients = [];
  await server.stop();
});

const url = (token = 'good'): string => `${server.url}/ledger?token=${token}`;

describe('SYNC7 over the network', () => {
  it('SYNC7: a user whose budget ran out is answered 429 with Retry-After and a Chinese message until the ban ends', async () => {
    await start();
    const a = await rawClient(url());
    const rejections = (): number => a.received.filter((f) => f[0] === MESSAGE_REJECTION).length;
    for (let i = 0; i < 20; i++) {
      a.ws.send(encodeSyncUpdate(clientUpdate('forbidden', i, backend.doc('ledger'))));
      await waitFor(() => rejections() === i + 1, `rejection ${i + 1}`);
    }
    a.ws.send(encodeSyncUpdate(clientUpdate('forbidden', 20, backend.doc('ledger'))));
    expect(await a.closed).toEqual({ code: 1008, reason: 'too many refused updates' });

    const refused = await refusedHandshake(url());
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toBe('60');
    expect(JSON.parse(refused.body)).toEqual({
      error: {
        code: 'TOO_MANY_REQUESTS',
        message: '同步连接已暂停：短时间内被拒绝的修改或同步请求过多，请 60 秒后再试',
      },
    });
    const other = await rawClient(url('good-2'));
    other.ws.close();
    clock.t += 60_000;
    const back = await rawClient(url());
    back.ws.close();
    expect(server.sync.stats()).toMatchObject({ bans: 1, bannedHandshakes: 1 });
  });

  it('SYNC7: a stock provider whose update is refused whole gets the rejection, then 1007', async () => {
    await start();
    const c = connectProvider(server.url, 'ledger', 'good');
    clients.push(c);
    await whenSynced(c);
    const rejections: Array<Rejection | null> = [];
    c.provider.messageHandlers[MESSAGE_REJECTION] = (_encoder, decoder: decoding.Decoder) => {
      rejections.push(readRejection(decoder));
    };
    c.doc.getMap('cases').set('refused', 1);
    await waitFor(() => c.closeCodes.length > 0, '1007');
    expect(c.closeCodes[0]).toBe(1007);
    expect(rejections[0]).toEqual({
      caseId: null,
      field: 'refused',
      code: 'INVALID_STRUCTURE',
      message: '更新结构不正确，未保存',
    });
    expect(backend.doc('ledger').getMap('cases').has('refused')).toBe(false);
  });
});

describe('SYNC9 over the network', () => {
  it('SYNC9: a handshake beyond the connections a user may hold is answered 429; closing one makes room', async () => {
    await start({ maxConnectionsPerUser: 3 });
    const open = await Promise.all([rawClient(url()), rawClient(url()), rawClient(url())]);
    const refused = await refusedHandshake(url());
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS' } });
    const other = await rawClient(url('good-2'));
    other.ws.close();
    open[0]?.ws.close();
    await open[0]?.closed;
    await waitFor(() => server.sync.connections() === 2, 'server saw the close');
    const again = await rawClient(url());
    again.ws.close();
    for (const c of open) c.ws.close();
  });

  it('SYNC9: while storage is unavailable closeAll closes clients with 1013 and handshakes get 503; providers come back by themselves', async () => {
    await start();
    const c = connectProvider(server.url, 'ledger', 'good');
    clients.push(c);
    await whenSynced(c);
    backend.storageUp = false;
    expect(server.sync.closeAll(1013, 'storage unavailable')).toBe(1);
    await waitFor(() => c.closeCodes.includes(1013), '1013');
    const refused = await refusedHandshake(url());
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'STORAGE_UNAVAILABLE' } });
    backend.storageUp = true;
    await waitFor(() => c.provider.wsconnected && c.provider.synced, 'provider reconnected');
    c.doc.getMap('cases').set('after', 1);
    await waitFor(() => backend.doc('ledger').getMap('cases').get('after') === 1, 'edit after recovery');
  });
});
