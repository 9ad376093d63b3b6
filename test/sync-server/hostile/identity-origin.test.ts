// Attack: a page on another site opens the sync endpoint with a stolen or pasted token (cross-site WebSocket hijacking).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, Harness } from '../integration/harness';
import { handshake } from './identity-helpers';

const PARTNER = 'https://excel-gateway.example.gov.cn';
let h: Harness;

beforeAll(async () => {
  h = await Harness.start(undefined, { allowedOrigins: [PARTNER] });
});
afterAll(async () => {
  await h.stop();
});

describe('identity: browser origins on /sync', () => {
  it('WIRE2: a cross-origin browser handshake is refused with 403; same-origin, listed and origin-less ones work', async () => {
    const port = new URL(h.url).port;
    for (const evil of ['https://evil.example', `http://evil.example:${port}`, 'http://localhost:1', 'null']) {
      expect(await handshake(h.url, 'ledger', ADMIN_TOKEN, evil), evil).toEqual({
        kind: 'refused',
        status: 403,
        retryAfter: null,
      });
    }

    expect(await handshake(h.url, 'ledger', ADMIN_TOKEN, h.url)).toEqual({ kind: 'served' });
    expect(await handshake(h.url, 'ledger', ADMIN_TOKEN, PARTNER)).toEqual({ kind: 'served' });
    expect(await handshake(h.url, 'ledger', ADMIN_TOKEN)).toEqual({ kind: 'served' });
    // the stock y-websocket provider in Node sends no Origin and keeps working
    const client = h.connect('ledger', ADMIN_TOKEN);
    await client.synced();
    expect(client.closeCodes).toEqual([]);
  });
});
