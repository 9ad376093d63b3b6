// ADDIN50–ADDIN54: the pane's downloads and 导出台账 against the real server and the Excel simulator's createWorkbook.
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from '../../../addin/client/api';
import type { DownloadedFile } from '../../../addin/client/api';
import { fileNameOf } from '../../../addin/client/file-name';
import { createOfficeSheet } from '../../../addin/sheet/office-sheet';
import { toBase64 } from '../../../addin/taskpane/base64';
import { caseForms, downloadForm, exportLedger, ledgerQuery } from '../../../addin/taskpane/export-flow';
import { installExcelSimulator } from '../../excel-sim';
import type { Bench } from '../../sync-server/http/harness';
import { bench } from '../../sync-server/http/harness';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
let b: Bench;
let saved: DownloadedFile[];
beforeEach(async () => {
  b = await bench();
  saved = [];
});

function api(who: 'office' | 'lead' | 'other'): ApiClient {
  return new ApiClient({
    baseUrl: 'http://ledger.test',
    token: b.tokens[who],
    fetch: async (input, init) => b.app.request(String(input).replace('http://ledger.test', ''), init),
  });
}

function excelHost(apiVersion = 17, payloadLimit?: number) {
  const target: Record<string, unknown> = {};
  const sim = installExcelSimulator(target, { apiVersion, ...(payloadLimit === undefined ? {} : { payloadLimit }) });
  const port = createOfficeSheet({
    excel: sim.Excel as unknown as typeof Excel,
    supports: (set, v) => sim.Office.context.requirements.isSetSupported(set, v),
  });
  return { sim, port };
}

async function caseOf(id: string) {
  return { id, fields: (await b.as('office').get(`/api/cases/${id}`)).body.fields };
}

describe('ADDIN50/ADDIN51: the forms of the selected case', () => {
  it('ADDIN50: 交办单 and 承办单 always, the 督办单 only once one was issued; each saved under its Chinese name', async () => {
    const id = await b.assigned();
    expect(caseForms(await caseOf(id)).map((f) => f.label)).toEqual(['交办单（附件1）', '承办单（附件2）']);
    await b.run('office', id, 'supervise', { note: '请加快' });
    const forms = caseForms(await caseOf(id));
    expect(forms.map((f) => f.key)).toEqual(['assignment', 'handling', 'supervision']);
    for (const f of forms) await downloadForm(api('lead'), f, (file) => saved.push(file));
    expect(saved.map((f) => f.fileName)).toEqual([
      '枣阳市营商环境投诉问题交办单（〔2026〕1号）.docx',
      '枣阳市营商环境投诉问题承办单（〔2026〕1号）.docx',
      '枣阳市营商环境投诉问题督办单（〔2026〕督1号）.docx',
    ]);
    expect(saved.every((f) => f.type === DOCX && f.bytes[0] === 0x50 && f.bytes[1] === 0x4b)).toBe(true);
  });

  it('ADDIN50: a case outside the unit’s scope is refused with the server’s Chinese reason and nothing is saved', async () => {
    const id = await b.assigned();
    const [form] = caseForms(await caseOf(id));
    if (form === undefined) throw new Error('no form');
    const err = await downloadForm(api('other'), form, (file) => saved.push(file)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('CASE_NOT_FOUND');
    expect((err as ApiError).message).toMatch(/[\u4e00-\u9fff]/);
    expect(saved).toEqual([]);
  });

  it('ADDIN51: the name is filename* decoded; separators, forbidden and control characters never pass', () => {
    const name = '枣阳市营商环境投诉问题交办单（〔2026〕1号）.docx';
    expect(fileNameOf(`attachment; filename="a.docx"; filename*=UTF-8''${encodeURIComponent(name)}`, 'x')).toBe(name);
    expect(fileNameOf(`attachment; filename*=UTF-8''${encodeURIComponent('../..\\evil:\u0001.docx')}`, 'x')).toBe(
      '.._.._evil__.docx',
    );
    expect(fileNameOf('attachment; filename="plain.xlsx"', 'x')).toBe('plain.xlsx');
    expect(fileNameOf(`attachment; filename*=UTF-8''%E0%A4`, 'fallback.docx')).toBe('fallback.docx');
    expect(fileNameOf(null, 'fallback.docx')).toBe('fallback.docx');
  });
});

describe('ADDIN52–ADDIN54: 导出台账 as a new workbook', () => {
  it('ADDIN52: 年份 and 状态 are checked before anything is sent, and sent as year and status', () => {
    expect(ledgerQuery({ year: '', status: '' })).toEqual({ ok: true, query: '' });
    expect(ledgerQuery({ year: ' 2026 ', status: 'assigned' })).toEqual({
      ok: true,
      query: '?year=2026&status=assigned',
    });
    for (const year of ['1999', '2201', '20x6', '２０２６', '=1+1'])
      expect(ledgerQuery({ year, status: '' }).ok, year).toBe(false);
    expect(ledgerQuery({ year: '', status: '__proto__' }).ok).toBe(false);
  });

  it('ADDIN53/XSIM40/XSIM41: Excel.createWorkbook gets a real .xlsx of the chosen cases; the own workbook is untouched', async () => {
    await b.assigned({ company: '枣阳市甲公司' });
    await b.register({ company: '枣阳市乙公司' });
    const { sim, port } = excelHost();
    const before = sim.workbook.sheets.map((s) => s.name);
    const steps: string[] = [];
    const q = ledgerQuery({ year: '2026', status: 'assigned' });
    if (!q.ok) throw new Error(q.message);
    const r = await exportLedger(
      api('office'),
      port,
      q.query,
      (t) => steps.push(t),
      (f) => saved.push(f),
    );
    expect(r.opened).toBe(true);
    expect(saved).toEqual([]);
    expect(sim.created).toHaveLength(1);
    expect(sim.created[0]?.parts).toContain('xl/workbook.xml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(sim.created[0]?.bytes ?? []).buffer);
    const ws = wb.getWorksheet('台账');
    expect(ws?.getCell('C3').value).toBe('枣阳市甲公司');
    expect(ws?.rowCount).toBe(3); // the 已登记 case is filtered out
    expect(sim.workbook.sheets.map((s) => s.name)).toEqual(before);
    // ADDIN54: each step is shown
    expect(steps[0]).toBe('正在从服务器获取台账……');
    expect(steps.some((s) => /正在准备新工作簿…… 100%$/.test(s))).toBe(true);
    expect(steps.at(-1)).toBe('正在打开新工作簿……');
  });

  it('ADDIN53: without ExcelApi 1.8 the 台账 is downloaded instead, under its Chinese name', async () => {
    await b.assigned();
    const { sim, port } = excelHost(7);
    const r = await exportLedger(
      api('office'),
      port,
      '',
      () => undefined,
      (f) => saved.push(f),
    );
    expect(r.opened).toBe(false);
    expect(sim.created).toEqual([]);
    expect(saved.map((f) => f.fileName)).toEqual(['枣阳市企业诉求“直通车”工作台账（2026-09-30）.xlsx']);
  });

  it('ADDIN53: a file Excel refuses to open (over the request limit) is downloaded instead', async () => {
    await b.assigned();
    const { sim, port } = excelHost(17, 1000);
    const r = await exportLedger(
      api('office'),
      port,
      '',
      () => undefined,
      (f) => saved.push(f),
    );
    expect(r.opened).toBe(false);
    expect(sim.created).toEqual([]);
    expect(saved).toHaveLength(1);
  });

  it('ADDIN52: a refusal of the server reaches the pane with its code and Chinese message, nothing opened', async () => {
    const { sim, port } = excelHost();
    const err = await exportLedger(
      api('office'),
      port,
      '?year=1999',
      () => undefined,
      (f) => saved.push(f),
    ).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('INVALID_NUMBER');
    expect(sim.created).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('ADDIN54: the base64 built in pieces equals the whole’s, with progress up to the total', async () => {
    const bytes = new Uint8Array(500_000).map((_, i) => (i * 7919) % 256);
    const seen: number[] = [];
    const b64 = await toBase64(bytes, (done) => seen.push(done));
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(bytes.length);
  });
});

describe('XSIM40: the simulator’s Excel.createWorkbook', () => {
  it('XSIM40: refuses text that is not base64, a file that is not a zip, a zip without xl/workbook.xml; 1.7 has none', async () => {
    const { sim } = excelHost();
    const create = sim.Excel.createWorkbook;
    await expect(create('not base64!')).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(create(btoa('plain text, not a zip'))).rejects.toMatchObject({ code: 'InvalidArgument' });
    const res = await b.app.request(`/api/cases/${await b.assigned()}/forms/assignment.docx`, {
      headers: { Authorization: `Bearer ${b.tokens.office}` },
    });
    const docx = await res.arrayBuffer();
    await expect(create(Buffer.from(docx).toString('base64'))).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(sim.created).toEqual([]);
    await create();
    expect(sim.created).toHaveLength(1);
    const old = excelHost(7).sim.Excel.createWorkbook;
    await expect(old()).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});
