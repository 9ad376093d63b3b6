// AUTH5: unit and user names are stored normalised, refused when nothing storable or visible is left, compared by key.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Bench, Body } from './harness';
import { LEAD_NAME, bench } from './harness';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

const unitNames = async (): Promise<string[]> =>
  ((await b.as('office').get('/api/units')).body as Body[]).map((u) => u.name as string);
const userNames = async (): Promise<string[]> =>
  ((await b.as('office').get('/api/users')).body as Body[]).map((u) => u.name as string);

describe('AUTH5: unit names', () => {
  it('stores the name NFKC-normalised, without invisible characters, white space collapsed', async () => {
    const cases: [string, string][] = [
      ['  市\u200b发改局\u200d ', '市发改局'],
      ['ＡＢＣ科技\u3000服务中心', 'ABC科技 服务中心'],
      ['市\u202e局反\u202c办', '市局反办'],
      ['\ufeff城管\t\n执法局', '城管 执法局'],
    ];
    for (const [sent, stored] of cases) {
      const r = await b.as('office').post('/api/units', { name: sent });
      expect([sent, r.status]).toEqual([sent, 201]);
      expect((await b.as('lead').get('/api/units')).body).toContainEqual({ id: r.body.id, name: stored });
    }
  });

  it('a twin that differs only by invisible characters, width, case or spaces is a conflict (409) and adds nothing', async () => {
    expect((await b.as('office').post('/api/units', { name: '单位A' })).status).toBe(201);
    const before = await unitNames();
    for (const twin of [
      '单位\u200bA',
      '单位Ａ',
      '单位a',
      '单位 A',
      `\u2060${LEAD_NAME}`,
      LEAD_NAME.split('').join(' '),
    ]) {
      const r = await b.as('office').post('/api/units', { name: twin });
      expect([twin, r.status, r.body.error.code, r.body.error.field]).toEqual([twin, 409, 'CONFLICT', 'name']);
      expect(r.body.error.message).toMatch(/^单位名称已存在：/);
    }
    expect(await unitNames()).toEqual(before);
  });

  it('refuses a name of invisible characters only, control characters, or an unpaired surrogate (400), adding nothing', async () => {
    const before = await unitNames();
    const cases: [string, RegExp][] = [
      ['\u200b\u200c\u200d\ufeff', /不能只由空白或不可见字符组成/],
      ['\u00ad', /不能只由空白或不可见字符组成/],
      ['市\u0007局', /控制字符/],
      ['市\u0085局', /控制字符/],
      ['市\ud800局', /不成对的代理项/],
      ['市局\udc00', /不成对的代理项/],
    ];
    for (const [name, message] of cases) {
      const r = await b.as('office').post('/api/units', { name });
      expect([JSON.stringify(name), r.status, r.body.error.code, r.body.error.field]).toEqual([
        JSON.stringify(name),
        400,
        'INVALID_INPUT',
        'name',
      ]);
      expect(r.body.error.message).toMatch(message);
    }
    expect(await unitNames()).toEqual(before);
  });

  it('counts the 50-character limit on the stored name (NFKC may lengthen it)', async () => {
    const r = await b.as('office').post('/api/units', { name: '㍿'.repeat(13) }); // each ㍿ becomes 株式会社: 52 characters
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, 'TOO_LONG', 'name']);
    expect((await b.as('office').post('/api/units', { name: '㍿'.repeat(12) })).status).toBe(201);
    expect(await unitNames()).toContain('株式会社'.repeat(12));
  });
});

describe('AUTH5: user names', () => {
  it('stores the name normalised; namesakes are allowed', async () => {
    const r = await b.as('office').post('/api/users', { name: '张\u200b三\u3000（ｌｅａｄ）', role: 'viewer' });
    expect(r.status).toBe(201);
    expect((await b.request(r.body.token, 'GET', '/api/me')).body.name).toBe('张三 (lead)');
    expect((await b.as('office').post('/api/users', { name: '张三 (lead)', role: 'viewer' })).status).toBe(201);
    expect((await userNames()).filter((n) => n === '张三 (lead)')).toHaveLength(2);
  });

  it('refuses an invisible-only name, control characters or an unpaired surrogate (400) and creates nobody', async () => {
    const before = await userNames();
    for (const name of ['\u200b\u2060', '李\u001b[31m四', '王\udbff五']) {
      const r = await b.as('office').post('/api/users', { name, role: 'viewer' });
      expect([JSON.stringify(name), r.status, r.body.error.code, r.body.error.field]).toEqual([
        JSON.stringify(name),
        400,
        'INVALID_INPUT',
        'name',
      ]);
    }
    expect(await userNames()).toEqual(before);
  });
});
