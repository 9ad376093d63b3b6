// HTTP40/HTTP41, CAL4–CAL6: the office loads a year's notice over HTTP; open deadlines move at once, audited; refusals change nothing.
import { beforeEach, describe, expect, it } from 'vitest';
import { readCase } from '../../../shared/ydoc-layout';
import { LEDGER_ROOM, unitRoom } from '../../../sync-server/rooms';
import type { Bench } from './harness';
import { bench } from './harness';
import { NOTICE_2027 as WHOLE_2027 } from '../../fixtures/holiday-notices';

/** 元旦 2027 (Friday 01-01 to Sunday 01-03) off, and the days off of each other holiday (CAL10): a hypothetical notice. */
const NOTICE_2027 = {
  $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
  year: 2027,
  papers: ['https://www.gov.cn/zhengce/content/2026-11/01/content_2027.htm'],
  days: WHOLE_2027.days,
};
const PROVISIONAL_DUE = '2027-01-15T23:59:59+08:00';
const LOADED_DUE = '2027-01-18T23:59:59+08:00';

let b: Bench;
let caseId: string;
beforeEach(async () => {
  b = await bench('2026-12-20T10:00:00+08:00');
  caseId = await b.assigned({ receivedAt: '2026-12-20' }, { kind: 'complex' });
  await b.ledger.whenDurable();
});

async function dueOf(id: string): Promise<{ dueAt: unknown; dueNote: unknown }> {
  const r = await b.as('office').get(`/api/cases/${id}`);
  return { dueAt: r.body.fields.dueAt, dueNote: r.body.fields.dueNote };
}

describe('CAL6/HTTP40 loading the 2027 notice moves provisional deadlines at once, audited', () => {
  it('a 20-working-day case assigned 2026-12-20 is provisional, then ends 2027-01-18 with its note cleared', async () => {
    expect(await dueOf(caseId)).toEqual({ dueAt: PROVISIONAL_DUE, dueNote: expect.stringContaining('2027年') });
    const r = await b.as('office').put('/api/calendar/2027', NOTICE_2027);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      year: 2027,
      days: 31,
      replaced: false,
      changed: [
        {
          caseId,
          code: '〔2026〕1号',
          deadline: 'dueAt',
          oldDueAt: PROVISIONAL_DUE,
          newDueAt: LOADED_DUE,
          oldNote: expect.stringContaining('2027年节假日安排尚未纳入日历'),
          newNote: null,
        },
      ],
    });
    expect(await dueOf(caseId)).toEqual({ dueAt: LOADED_DUE, dueNote: null });
    // the rooms (the office's sheet and the lead unit's) carry the new deadline
    for (const room of [LEDGER_ROOM, unitRoom(b.units.lead)]) {
      expect(readCase(b.ledger.doc(room), caseId)?.fields.dueAt).toBe(LOADED_DUE);
    }
    // the lead unit sees why in the case's audit
    const log = await b.as('lead').get(`/api/audit?caseId=${caseId}`);
    const moved = log.body.entries.filter((e: { command: string }) => e.command === 'calendar');
    expect(moved.map((e: { field: string | null }) => e.field)).toEqual([null, 'dueAt', 'dueNote']);
    expect(moved[1]).toMatchObject({
      old: PROVISIONAL_DUE,
      new: LOADED_DUE,
      note: '节假日安排更新',
      actorName: '营商办张三',
    });
    expect(moved[2]).toMatchObject({ old: expect.stringContaining('2027年'), new: null });
  });

  it('a deadline already firm is not touched; a replaced upload is audited and moves deadlines again', async () => {
    const october = await b.assigned({ receivedAt: '2026-12-20' }, { kind: 'general' }); // 5 days: 2026-12-25, firm
    expect((await b.as('office').put('/api/calendar/2027', NOTICE_2027)).status).toBe(201);
    const more = {
      ...NOTICE_2027,
      days: [...NOTICE_2027.days, { name: '本地停工', date: '2027-01-04', isOffDay: true }],
    };
    b.setNow('2026-12-21T09:00:00+08:00');
    const r = await b.as('office').put('/api/calendar/2027', more);
    expect(r.status).toBe(200);
    expect(r.body.replaced).toBe(true);
    expect(r.body.changed.map((x: { caseId: string; newDueAt: string }) => [x.caseId, x.newDueAt])).toEqual([
      [caseId, '2027-01-19T23:59:59+08:00'],
    ]);
    expect((await dueOf(october)).dueAt).toBe('2026-12-25T23:59:59+08:00');
    const log = await b.as('office').get('/api/audit');
    const uploads = log.body.entries.filter(
      (e: { command: string; caseId: string | null }) => e.command === 'calendar' && e.caseId === null,
    );
    expect(uploads).toHaveLength(2);
    expect(uploads[1].old).toContain('2027年节假日安排（31 天，营商办张三');
    expect(uploads[1].new).toContain('2027年节假日安排（32 天，营商办张三');
    expect(uploads[1].note).toBe('节假日安排更新：替换2027年节假日安排');
  });
});

describe('HTTP41 GET /api/calendar: covered years, their source, and the caller’s provisional deadlines', () => {
  it('before and after the upload, for the office and for a unit that does not see the case', async () => {
    const before = await b.as('office').get('/api/calendar');
    expect(before.status).toBe(200);
    expect(before.body.years[0]).toEqual({
      year: 2004,
      source: 'builtIn',
      uploadedBy: null,
      uploadedAt: null,
      days: null,
    });
    expect(before.body.years.map((y: { year: number }) => y.year)).not.toContain(2027);
    expect(before.body.provisional).toEqual({ cases: 1, years: [2027] });
    expect((await b.as('other').get('/api/calendar')).body.provisional).toEqual({ cases: 0, years: [] });
    await b.as('office').put('/api/calendar/2027', NOTICE_2027);
    const after = await b.as('viewer').get('/api/calendar');
    expect(after.body.years.at(-1)).toEqual({
      year: 2027,
      source: 'uploaded',
      uploadedBy: '营商办张三',
      uploadedAt: '2026-12-20T10:00:00+08:00',
      days: 31,
    });
    expect(after.body.provisional).toEqual({ cases: 0, years: [] });
  });
});

describe('HTTP40 refusals: roles, hostile bodies and years; nothing changes', () => {
  async function unchanged(): Promise<void> {
    expect(await dueOf(caseId)).toMatchObject({ dueAt: PROVISIONAL_DUE });
    const years = (await b.as('office').get('/api/calendar')).body.years.map((y: { year: number }) => y.year);
    expect(years).not.toContain(2027);
  }

  it('a unit gets 403 FORBIDDEN_ROLE, a viewer 403 READ_ONLY', async () => {
    const unit = await b.as('lead').put('/api/calendar/2027', NOTICE_2027);
    expect([unit.status, unit.body.error.code, unit.body.error.message]).toEqual([
      403,
      'FORBIDDEN_ROLE',
      '仅市营商办可以导入节假日安排',
    ]);
    const viewer = await b.as('viewer').put('/api/calendar/2027', NOTICE_2027);
    expect([viewer.status, viewer.body.error.code]).toEqual([403, 'READ_ONLY']);
    await unchanged();
  });

  const deep = '['.repeat(10_000) + ']'.repeat(10_000);
  const day = (name: string) => `{"name":${name},"date":"2027-01-01","isOffDay":true}`;
  const bodies: [string, string, string, string][] = [
    ['a __proto__ key', '2027', `{"year":2027,"days":[${day('"元旦"')}],"__proto__":{"isAdmin":true}}`, '__proto__'],
    ['a huge name', '2027', `{"year":2027,"days":[${day(JSON.stringify('节'.repeat(5000)))}]}`, '超过 50 个字符'],
    ['a lone surrogate', '2027', `{"year":2027,"days":[${day('"元旦\\ud800"')}]}`, '代理对'],
    ['nesting 10,000 deep', '2027', `{"year":2027,"days":[${day(deep)}]}`, '名称'],
    ['a year other than the path’s', '2028', JSON.stringify(NOTICE_2027), '与要导入的年份（2028）不一致'],
    [
      'a year after next year',
      '2028',
      JSON.stringify({ ...NOTICE_2027, year: 2028, days: [{ name: '元旦', date: '2028-01-01', isOffDay: true }] }),
      '2000–2027',
    ],
    ['a path that is not a year', '20x7', JSON.stringify(NOTICE_2027), '4 位数字'],
    ['text that is not JSON', '2027', '{"year":2027,', '不是有效的 JSON'],
    ['an empty body', '2027', '', '没有收到文件内容'],
    [
      'a date outside the year',
      '2027',
      `{"year":2027,"days":[{"name":"国庆节","date":"2026-10-01","isOffDay":true}]}`,
      '不在文件声明的 2027 年内',
    ],
  ];
  it.each(bodies)('%s → 400 INVALID_HOLIDAY_FILE', async (_label, year, raw, text) => {
    const r = await b.as('office').put(`/api/calendar/${year}`, undefined, {
      raw,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_HOLIDAY_FILE');
    expect(r.body.error.message).toMatch(/^节假日文件格式不正确：/);
    expect(r.body.error.message).toContain(text);
    await unchanged();
  });

  it('a body over 64 KiB gets 413 before it is parsed', async () => {
    const big = JSON.stringify({ ...NOTICE_2027, papers: ['x'.repeat(70_000)] });
    const r = await b
      .as('office')
      .put('/api/calendar/2027', undefined, { raw: big, headers: { 'Content-Type': 'application/json' } });
    expect([r.status, r.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    await unchanged();
  });
});

describe('CAL9 round 1’s kept 办结时限 of a case in 二次办理 is recounted too, audited, and counted by STAT4', () => {
  it('fed back 2027-01-18 against a provisional 2027-01-15: late until the notice moves round 1 to 2027-01-18', async () => {
    b.setNow('2027-01-18T10:00:00+08:00');
    await b.run('lead', caseId, 'accept', { handler: '李四', handlerPhone: '13900001111' });
    await b.run('lead', caseId, 'feedback', {
      findings: '核查',
      measures: '办理',
      feedbackAt: '2027-01-18',
      feedbackMethod: '电话',
      companyVerdict: '不满意',
      dissatisfaction: '未解决',
      nextPlan: '继续协调',
      writtenReply: '否',
    });
    await b.run('lead', caseId, 'visit', { result: '不满意', method: '电话回访', visitedOn: '2027-01-18' });
    await b.run('lead', caseId, 'explain', { text: '企业要求超出政策' });
    await b.run('office', caseId, 'explanation-decision', { decision: 'redo' });
    await b.ledger.whenDurable();
    const round1 = async () => (await b.as('office').get('/api/stats')).body.totals;
    expect(await round1()).toMatchObject({ round1OnTime: 0, round1Late: 1 });

    const r = await b.as('office').put('/api/calendar/2027', NOTICE_2027);
    expect(r.status).toBe(201);
    expect(r.body.changed).toContainEqual({
      caseId,
      code: '〔2026〕1号',
      deadline: 'round1DueAt',
      oldDueAt: PROVISIONAL_DUE,
      newDueAt: LOADED_DUE,
      oldNote: null,
      newNote: null,
    });
    expect((await b.as('office').get(`/api/cases/${caseId}`)).body.fields.round1DueAt).toBe(LOADED_DUE);
    expect(await round1()).toMatchObject({ round1OnTime: 1, round1Late: 0 });
    const log = await b.as('lead').get(`/api/audit?caseId=${caseId}`);
    expect(log.body.entries).toContainEqual(
      expect.objectContaining({ command: 'calendar', field: 'round1DueAt', old: PROVISIONAL_DUE, new: LOADED_DUE }),
    );
  });
});

describe('CAL10 a notice for a year without data must be the whole year’s notice', () => {
  it('元旦 alone is refused naming the six missing holidays; nothing changes; a covered year may be an overlay', async () => {
    const partial = { year: 2027, days: NOTICE_2027.days.filter((d) => d.name === '元旦') };
    const r = await b.as('office').put('/api/calendar/2027', partial);
    expect([r.status, r.body.error.code, r.body.error.field]).toEqual([400, 'INVALID_HOLIDAY_FILE', 'days']);
    expect(r.body.error.message).toContain('缺少春节、清明节、劳动节、端午节、中秋节、国庆节');
    expect(await dueOf(caseId)).toMatchObject({ dueAt: PROVISIONAL_DUE });
    // a merged span names both of its holidays
    const merged = NOTICE_2027.days
      .filter((d) => d.name !== '中秋节')
      .map((d) => (d.name === '国庆节' ? { ...d, name: '中秋节、国庆节' } : d));
    expect((await b.as('office').put('/api/calendar/2027', { year: 2027, days: merged })).status).toBe(201);
    // 2026 is covered by the built-in data: one local closure is an overlay, not a claim to cover the year
    const closure = { year: 2026, days: [{ name: '本地停工', date: '2026-12-24', isOffDay: true }] };
    expect((await b.as('office').put('/api/calendar/2026', closure)).status).toBe(201);
  });
});

describe('CAL13 a notice with a key given twice is refused', () => {
  it('{"year":2028,…,"year":2027} → 400 naming the key; nothing is stored or moved', async () => {
    const days = JSON.stringify(NOTICE_2027.days);
    const raw = `{"year":2028,"days":${days},"\\u0079ear":2027}`;
    const r = await b
      .as('office')
      .put('/api/calendar/2027', undefined, { raw, headers: { 'Content-Type': 'application/json' } });
    expect([r.status, r.body.error.code]).toEqual([400, 'INVALID_HOLIDAY_FILE']);
    expect(r.body.error.message).toContain('键 "year" 出现了两次');
    expect(await dueOf(caseId)).toMatchObject({ dueAt: PROVISIONAL_DUE });
    expect((await b.as('office').get('/api/calendar')).body.years.at(-1).year).toBe(2026);
    const once = await b.as('office').put('/api/calendar/2027', undefined, {
      raw: JSON.stringify(NOTICE_2027),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(once.status).toBe(201);
  });
});
