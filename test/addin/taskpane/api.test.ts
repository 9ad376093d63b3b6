// The API client against the in-process server (memory store): typed results, and every refusal as an ApiError with its Chinese message.
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError, errorFromBody, normalizeBaseUrl } from '../../../addin/client/api';
import type { Bench } from '../../sync-server/http/harness';
import { CO_NAME, LEAD_NAME, bench, registration } from '../../sync-server/http/harness';

let b: Bench;
const BASE = 'https://ledger.test:8787/';

function client(who: keyof Bench['tokens'] | string): ApiClient {
  const token = who in b.tokens ? b.tokens[who as keyof Bench['tokens']] : who;
  return new ApiClient({
    baseUrl: BASE,
    token,
    fetch: async (input, init) => {
      const url = new URL(String(input));
      return b.app.request(url.pathname + url.search, init);
    },
  });
}

beforeEach(async () => {
  b = await bench();
});

describe('ADDIN4: ApiClient', () => {
  it('reads me, units, cases and stats', async () => {
    const office = client('office');
    expect(office.baseUrl).toBe('https://ledger.test:8787');
    expect(await office.me()).toMatchObject({ role: 'office', room: 'ledger', unitId: null });
    const lead = await client('lead').me();
    expect(lead).toMatchObject({
      role: 'unit',
      unitId: b.units.lead,
      unitName: LEAD_NAME,
      room: `unit:${b.units.lead}`,
    });
    expect((await office.units()).map((u) => u.name)).toEqual([LEAD_NAME, CO_NAME, '市税务局']);

    const created = await office.register(registration() as never);
    expect(created.code).toMatch(/^〔2026〕\d+号$/);
    await office.run(created.id, 'assign', {
      leadUnit: b.units.lead,
      coUnits: [b.units.co],
      kind: 'general',
      note: '请核实',
    });
    const list = await office.listCases();
    expect(list).toHaveLength(1);
    expect(list[0]?.fields.status).toBe('assigned');
    const got = await client('lead').getCase(created.id);
    expect(got.allowed).toEqual(expect.arrayContaining(['accept', 'return', 'extension-request']));
    const accepted = await client('lead').run(created.id, 'accept', {});
    expect(accepted.fields.status).toBe('handling');
    const stats = await office.stats();
    expect(stats.units.find((u) => u.unitId === b.units.lead)?.received).toBe(1);
    expect(stats.totals.received).toBe(1);
  });

  it('turns every refusal into an ApiError carrying code, Chinese message, field and status', async () => {
    const id = await b.register();
    const expectRefusal = async (p: Promise<unknown>, code: string, status: number, field: string | null = null) => {
      const e = await p.then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(ApiError);
      const err = e as ApiError;
      expect(err.code).toBe(code);
      expect(err.status).toBe(status);
      expect(err.field).toBe(field);
      expect(err.message).toMatch(/[\u4e00-\u9fff]/);
      return err;
    };
    await expectRefusal(client('lead').run(id, 'accept', {}), 'CASE_NOT_FOUND', 404);
    const role = await expectRefusal(
      client('viewer').run(id, 'assign', { leadUnit: b.units.lead, kind: 'general' }),
      'READ_ONLY',
      403,
    );
    expect(role.message).toBe('只读用户不能修改台账');
    await expectRefusal(
      client('office').run(id, 'assign', { leadUnit: 'nope', kind: 'general' }),
      'UNKNOWN_UNIT',
      400,
      'leadUnit',
    );
    await expectRefusal(client('office').run(id, 'archive', {}), 'INVALID_STATE', 409);
    await expectRefusal(
      client('office').register({ ...registration(), contactPhone: '12' } as never),
      'INVALID_PHONE',
      400,
      'contactPhone',
    );
    await expectRefusal(client('lead').register(registration() as never), 'FORBIDDEN_ROLE', 403);
    await expectRefusal(client('not-a-token').me(), 'UNAUTHORIZED', 401);
    await expectRefusal(client('office').getCase('missing'), 'CASE_NOT_FOUND', 404);
  });

  it('reports an unreachable server and an unreadable answer in Chinese', async () => {
    const down = new ApiClient({
      baseUrl: BASE,
      token: 't',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const e1 = (await down.me().then(
      () => null,
      (e: unknown) => e,
    )) as ApiError;
    expect(e1).toMatchObject({ code: 'NETWORK', status: 0 });
    // ADDIN62: Chinese only — the browser's own words (fetch failed, Failed to fetch) never reach the clerk
    expect(e1.message).toBe('无法连接台账服务器，请检查网络或服务器地址');
    const proxy = new ApiClient({
      baseUrl: BASE,
      token: 't',
      fetch: async () => new Response('<html>Bad Gateway</html>', { status: 502 }),
    });
    const e2 = (await proxy.me().then(
      () => null,
      (e: unknown) => e,
    )) as ApiError;
    expect(e2).toMatchObject({ code: 'BAD_RESPONSE', status: 502 });
    expect(e2.message).toBe('服务器返回了无法识别的应答（HTTP 502）');
    const empty = new ApiClient({ baseUrl: BASE, token: 't', fetch: async () => new Response('', { status: 200 }) });
    await expect(empty.me()).rejects.toMatchObject({ code: 'BAD_RESPONSE' });
  });

  it('sends the token as a Bearer header, JSON bodies, and encodes ids in paths', async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const api = new ApiClient({
      baseUrl: 'http://h//',
      token: 'tok.en',
      fetch: async (input, init) => {
        seen.push({ url: String(input), init });
        return new Response('{"id":"a/b","fields":{}}', { status: 200 });
      },
    });
    await api.run('a/b', 'return', { reason: '不属于本单位职责' });
    expect(seen[0]?.url).toBe('http://h/api/cases/a%2Fb/return');
    expect(seen[0]?.init?.method).toBe('POST');
    expect((seen[0]?.init?.headers as Record<string, string>).Authorization).toBe('Bearer tok.en');
    expect(seen[0]?.init?.body).toBe('{"reason":"不属于本单位职责"}');
    expect(normalizeBaseUrl(' https://x:1/ ')).toBe('https://x:1');
  });

  it('errorFromBody keeps only well-formed error bodies', () => {
    expect(
      errorFromBody(409, { error: { code: 'INVALID_STATE', message: '当前办理状态下不能执行此操作' } }),
    ).toMatchObject({ code: 'INVALID_STATE', field: null });
    expect(errorFromBody(400, { error: { code: 'TOO_LONG', message: '太长', field: 'measures' } }).field).toBe(
      'measures',
    );
    expect(errorFromBody(500, { error: 'x' }).code).toBe('BAD_RESPONSE');
    expect(errorFromBody(500, null).code).toBe('BAD_RESPONSE');
  });
});
