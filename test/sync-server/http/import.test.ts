// IMP4/IMP5: importing an office's 台账 over HTTP — preview, units, re-import, numbering, 待补全, refusals.
import { ANNEX4_HEADERS } from '../../../shared/annex4';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { GridCell } from '../../../shared/import/types';
import type { Bench, Body, Who } from './harness';
import { bench } from './harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SAMPLE = readFileSync(join(import.meta.dirname, '../../fixtures/ledger-sample.xlsx'));
const HEADER = [...ANNEX4_HEADERS];

let b: Bench;
beforeEach(async () => {
  b = await bench('2025-12-15T10:00:00+08:00');
});

async function upload(who: Who, bytes: Uint8Array, query = '', type = XLSX) {
  const res = await b.app.request(`/api/import/ledger${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${b.tokens[who]}`, 'Content-Type': type },
    body: new Uint8Array(bytes).buffer,
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as Body };
}

const cells = (rows: GridCell[][], query = '', fileName = '2025年台账.xlsx', who: Who = 'office') =>
  b.as(who).post(`/api/import/ledger${query}`, { fileName, sheet: '台账', cells: [HEADER, ...rows] });

const row = (n: number, extra: Partial<Record<number, GridCell>> = {}): GridCell[] => {
  const r: GridCell[] = [
    n,
    `〔2025〕${n}号`,
    `枣阳市第${n}公司`,
    `王立新 1397256${String(n).padStart(4, '0')}`,
    '诉求内容',
    '市市场监管局',
    '李科长 0710-6221345',
    '',
    '',
    '',
    '',
    '否',
  ];
  for (const [i, v] of Object.entries(extra)) r[Number(i)] = v ?? null;
  return r;
};

async function cases(): Promise<Body[]> {
  return (await b.as('office').get('/api/cases')).body.cases;
}

describe('IMP5: POST /api/import/ledger', () => {
  it('IMP5: a dry run of the sample previews 15 cases and changes nothing; unknown units are problems until createUnits', async () => {
    const units = (await b.as('office').get('/api/units')).body.length;
    const strict = await upload('office', SAMPLE, '?dryRun=1');
    expect(strict.status).toBe(200);
    expect(strict.body).toMatchObject({ sheet: '台账', headerRow: 2, rows: 15, created: 0 });
    expect(strict.body.unknownUnits).toContain('市自然资源和规划局');
    expect(strict.body.problems.some((p: Body) => p.code === 'UNKNOWN_UNIT' && p.row === 3 && p.column === 'F')).toBe(
      true,
    );
    const preview = await upload('office', SAMPLE, '?dryRun=1&createUnits=1');
    expect(preview.body).toMatchObject({ rows: 15, created: 15, unchanged: 0, skipped: 0 });
    expect(await cases()).toHaveLength(0);
    expect((await b.as('office').get('/api/units')).body).toHaveLength(units);
  });

  it('IMP4/IMP5: imports the sample with its numbers and states; importing it again creates nothing', async () => {
    const first = await upload('office', SAMPLE, '?createUnits=1&file=2025年台账.xlsx');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: 15, unchanged: 0 });
    const all = await cases();
    expect(all.map((c) => c.code)).toEqual(Array.from({ length: 15 }, (_, i) => `〔2025〕${i + 1}号`));
    const one = all.find((c) => c.code === '〔2025〕1号');
    expect(one).toMatchObject({
      status: 'archived',
      company: '湖北枣阳鑫达汽车零部件有限公司',
      importedFrom: '2025年台账.xlsx 第3行',
    });
    expect(one.importOriginal).toContain('回访情况：2025-10-24电话回访，满意');
    expect(all.find((c) => c.code === '〔2025〕15号')?.status).toBe('transferred');
    const again = await upload('office', SAMPLE, '?createUnits=1');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 15 });
    expect(await cases()).toHaveLength(15);
  });

  it('IMP4/NUM1: after importing 〔2025〕1–15号 the next registration is 〔2025〕16号; the import is audited', async () => {
    await upload('office', SAMPLE, '?createUnits=1&file=旧台账.xlsx');
    const id = await b.register({ receivedAt: '2025-12-15' });
    expect((await b.as('office').get(`/api/cases/${id}`)).body.fields.code).toBe('〔2025〕16号');
    const imported = (await cases()).find((c) => c.code === '〔2025〕2号');
    const audit = (await b.as('office').get(`/api/audit?caseId=${imported.id}`)).body;
    const entries = Array.isArray(audit) ? audit : audit.entries;
    expect(entries.find((e: Body) => e.field === null)).toMatchObject({
      command: 'import',
      actorName: '营商办张三',
      note: '旧台账.xlsx 第4行',
    });
  });

  it('IMP4/NUM1: a 登记 between two batches of a 250-row import takes a number after all the imported ones', async () => {
    const rows = Array.from({ length: 250 }, (_, i) => row(i + 1));
    const importing = cells(rows);
    while (b.ledger.allCases().length < 100) await new Promise((r) => setImmediate(r)); // the first batch is in
    expect(b.ledger.allCases().length).toBeLessThan(250);
    const id = await b.register({ receivedAt: '2025-12-15' });
    expect((await importing).body.created).toBe(250);
    expect((await b.as('office').get(`/api/cases/${id}`)).body.fields.code).toBe('〔2025〕251号');
    const codes = (await cases()).map((c) => c.code);
    expect(new Set(codes).size).toBe(251);
  });

  it('IMP4/AUTH5: the same file imported twice at once creates its cases once, and its new units once', async () => {
    const rows = Array.from({ length: 150 }, (_, i) => row(i + 1, { 5: i % 2 === 0 ? '新单位甲' : '新单位乙' }));
    const [first, second] = await Promise.all([cells(rows, '?createUnits=1'), cells(rows, '?createUnits=1')]);
    expect([first.body.created, second.body.created]).toEqual([150, 0]);
    expect(second.body.unchanged).toBe(150);
    expect(new Set((await cases()).map((c) => c.code)).size).toBe(150);
    const names = b.ledger.unitList().map((u) => u.name);
    expect(names.filter((n) => n.startsWith('新单位')).sort()).toEqual(['新单位乙', '新单位甲']);
  });

  it('IMP4: an open imported case without 交办日期/办理类型 is 待补全 until 补全信息 puts it under the clock', async () => {
    await cells([row(1, { 7: '办理中。' })], '');
    const c = (await cases())[0];
    expect(c).toMatchObject({ status: 'handling', warning: 'incomplete', dueAt: null });
    const detail = (await b.as('office').get(`/api/cases/${c.id}`)).body;
    expect(detail.allowed).toContain('complete');
    const done = await b.run('office', c.id, 'complete', { kind: 'general', assignedOn: '2025-12-01' });
    expect(done).toMatchObject({ kind: 'general', assignedAt: '2025-12-01T00:00:00+08:00', warning: 'overdue' });
    expect(done.dueAt).toMatch(/^2025-12-08/);
    const native = await b.assigned({ receivedAt: '2025-12-15' });
    const refused = await b
      .as('office')
      .post(`/api/cases/${native}/complete`, { kind: 'general', assignedOn: '2025-12-01' });
    expect(refused.body.error.code).toBe('INVALID_STATE');
  });

  it('IMP4: a duplicate number in the file refuses the whole import unless skipInvalid; a taken number is a conflict', async () => {
    const rows = [row(1), row(2), row(2)];
    const strict = await cells(rows);
    expect(strict.body).toMatchObject({ created: 0 });
    expect(strict.body.problems.some((p: Body) => p.severity === 'error')).toBe(true);
    expect(await cases()).toHaveLength(0);
    const lenient = await cells(rows, '?skipInvalid=1');
    expect(lenient.body.created).toBeGreaterThanOrEqual(1);
    expect((await cases()).map((c) => c.code)).toContain('〔2025〕1号');
    const changed = await cells([row(1, { 4: '内容改了' })]);
    expect(changed.body.problems).toEqual([expect.objectContaining({ row: 2, code: 'CONFLICT', severity: 'error' })]);
  });

  it('IMP3/IMP4: a row whose state the rules cannot settle is imported by the rules and listed for review', async () => {
    const r = await cells([row(3, { 7: '经查属实，已整改。', 10: '2025-11-18回访' })]);
    expect(r.body.created).toBe(1);
    expect(r.body.problems).toEqual([expect.objectContaining({ row: 2, code: 'INVALID_STATE', severity: 'warning' })]);
    expect((await cases())[0]).toMatchObject({
      status: 'fedBack',
      importedFrom: '2025年台账.xlsx 第2行（状态需人工核对）',
    });
  });

  it('IMP4/VAL6: a cell no column check reads (a lone surrogate, an overlong row) refuses its row; nothing is stored', async () => {
    const r = await cells([row(1, { 0: '\uD800' }), row(2, { 0: 'x'.repeat(30_000) })]);
    expect(r.body.created).toBe(0);
    expect(r.body.problems.map((p: Body) => [p.row, p.code, p.severity])).toEqual([
      [2, 'INVALID_INPUT', 'error'],
      [3, 'TOO_LONG', 'error'],
    ]);
    const named = await cells([row(1)], '', 'a\u0007.xlsx');
    expect(named.body.problems[0]).toMatchObject({ code: 'INVALID_INPUT', severity: 'error' });
    expect(await cases()).toHaveLength(0);
  });

  it('IMP2/IMP5: a cell over Excel’s 32,767 characters refuses its row (TOO_LONG); a long bracketed cell is read', async () => {
    const r = await cells([row(1), row(2, { 3: `${'('.repeat(32_768)}x` })]);
    expect(r.body.created).toBe(0);
    expect(r.body.problems.map((p: Body) => [p.row, p.column, p.code, p.severity])).toEqual([
      [3, 'D', 'TOO_LONG', 'error'],
    ]);
    expect(await cases()).toHaveLength(0);
    const long = await cells([row(3, { 3: `${'('.repeat(19_000)}王立新 13972560003` })], '?dryRun=1');
    expect(long.body).toMatchObject({ rows: 1, created: 1, problems: [] });
    expect(await cases()).toHaveLength(0);
  });

  it('IMP5: units and viewers get 403; a non-xlsx body 400; over 10 MiB 413; unknown parameters 400', async () => {
    expect((await upload('lead', SAMPLE)).status).toBe(403);
    expect((await upload('viewer', SAMPLE)).body.error.code).toBe('READ_ONLY');
    const garbage = await upload('office', new TextEncoder().encode('not a workbook'));
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await upload('office', new Uint8Array(10 * 1024 * 1024 + 1))).status).toBe(413);
    expect((await upload('office', SAMPLE, '', 'text/csv')).status).toBe(400);
    expect((await upload('office', SAMPLE, '?dryRun=yes')).status).toBe(400);
    const bad = await b
      .as('office')
      .post('/api/import/ledger', { fileName: 'x.xlsx', sheet: '台账', cells: [[{ formula: 1 }]] });
    expect(bad.body.error).toMatchObject({ code: 'INVALID_INPUT', field: 'cells' });
    expect(await cases()).toHaveLength(0);
  });

  it('IMP5: a messy workbook — title rows, a 填报单位 row, formulas, blank and 合计 rows — imports over HTTP', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2025年汇总');
    ws.addRow(['枣阳市企业诉求“直通车”工作台账']);
    ws.mergeCells('A1:L1');
    ws.addRow(['填报单位：市营商办', null, null, null, null, null, null, null, null, null, '填报日期：2025年12月1日']);
    ws.addRow(HEADER.map((h) => (h === '诉求企业' ? '诉求企业\n（个人）' : h)));
    ws.addRow(row(21, { 1: '[2025]21号', 5: '市市场监管局、市住建局' }));
    ws.addRow([]);
    ws.addRow(row(22, { 0: { formula: 'A4+1', result: 22 } as never, 1: '2025-22' }));
    ws.addRow(['合计', '2件']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await upload('office', bytes, '?createUnits=1');
    expect(r.body).toMatchObject({ sheet: '2025年汇总', headerRow: 3, rows: 2, created: 2 });
    const all = await cases();
    expect(all.map((c) => c.code)).toEqual(['〔2025〕21号', '〔2025〕22号']);
    expect(all[0].coUnits).toBe(b.units.co);
  });
});
