// HTTP47/ANX8–ANX10: the 附件4 台账 as .xlsx — layout, scoping, filters, no formula ever, and the round trip through the import.
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ANNEX4_HEADERS } from '../../../shared/annex4';
import { DEFAULT_FORM_NAMES } from '../../../shared/forms/names';
import { renderLedgerXlsx } from '../../../sync-server/documents/ledger-xlsx';
import { unzipText } from '../documents/zip';
import type { Bench, Who } from './harness';
import { bench } from './harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

async function exportAs(who: Who, query = '', on: Bench = b) {
  const res = await on.app.request(`/api/export/ledger.xlsx${query}`, {
    headers: { Authorization: `Bearer ${on.tokens[who]}` },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const json = res.headers.get('Content-Type')?.startsWith('application/json')
    ? JSON.parse(new TextDecoder().decode(bytes))
    : null;
  return { status: res.status, headers: res.headers, bytes, json };
}

async function sheetOf(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer);
  const ws = wb.getWorksheet('台账');
  if (ws === undefined) throw new Error('no sheet 台账');
  return ws;
}

/** The data rows (row 3 on) as the 12 cell texts. */
function dataRows(ws: ExcelJS.Worksheet): string[][] {
  const out: string[][] = [];
  for (let r = 3; r <= ws.rowCount; r += 1) {
    out.push(ANNEX4_HEADERS.map((_, i) => String(ws.getCell(r, i + 1).value ?? '')));
  }
  return out;
}

const codes = (ws: ExcelJS.Worksheet) => dataRows(ws).map((r) => r[1]);

describe('ANX8: the 台账 workbook', () => {
  it('ANX8/HTTP48: title merged over 12 columns, the headers exactly, widths, wrap, borders, A4 landscape, overdue red', async () => {
    await b.assigned();
    await b.assigned({ company: '枣阳市第二公司' });
    await b.register({ company: '枣阳市第三公司' });
    b.setNow('2026-10-15T09:00:00+08:00');
    b.ledger.refreshWarnings();
    await b.ledger.whenDurable();
    const r = await exportAs('office');
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toBe(XLSX);
    expect(r.headers.get('Content-Disposition')).toBe(
      `attachment; filename="ledger-2026-10-15.xlsx"; filename*=UTF-8''${encodeURIComponent('枣阳市企业诉求“直通车”工作台账（2026-10-15）.xlsx')}`,
    );
    const ws = await sheetOf(r.bytes);
    expect(ws.getCell('A1').value).toBe('枣阳市企业诉求“直通车”工作台账');
    expect(ws.model.merges).toEqual(['A1:L1']);
    expect(ANNEX4_HEADERS.map((_, i) => ws.getCell(2, i + 1).value)).toEqual([...ANNEX4_HEADERS]);
    expect(codes(ws)).toEqual(['〔2026〕1号', '〔2026〕2号', '〔2026〕3号']);
    expect(ws.getColumn(5).width).toBeGreaterThanOrEqual(30);
    const cell = ws.getCell(3, 8);
    expect(cell.alignment?.wrapText).toBe(true);
    expect(cell.border?.left?.style).toBe('thin');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
    const fill = (row: number) => (ws.getCell(row, 1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect([fill(3), fill(4), fill(5)]).toEqual(['FFFFC7CE', 'FFFFC7CE', undefined]);
  });

  it('ANX9: formula-looking text and numbers are text cells; no <f> anywhere in the package', async () => {
    await b.assigned({
      company: '=HYPERLINK("http://evil.example","点我")',
      contactName: '@SUM(A1)',
      summary: '+1+1 以及 -2+3 都是诉求原文',
      address: '=cmd|" /C calc"!A0',
    });
    const r = await exportAs('office');
    const parts = unzipText(r.bytes);
    for (const [name, xml] of parts) expect(/<f[\s>]/.test(xml), name).toBe(false);
    const ws = await sheetOf(r.bytes);
    const row = dataRows(ws)[0] ?? [];
    expect(row[2]).toBe('=HYPERLINK("http://evil.example","点我")');
    expect(row[3]).toBe('@SUM(A1) 13812345678');
    expect(row[4]).toBe('+1+1 以及 -2+3 都是诉求原文');
    for (let c = 1; c <= 12; c += 1) {
      expect(ws.getCell(3, c).type, `column ${c}`).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(3, c).numFmt).toBe('@');
    }
    expect(ws.getCell(3, 1).value).toBe('1');
  });

  it('ANX7/ANX9: tab, CR, lone surrogates and control characters: the file still opens, the odd ones as U+FFFD', async () => {
    const hostile = {
      id: 'c1',
      fields: {
        seq: 1,
        code: '〔2026〕1号',
        company: '\t=1+1',
        summary: '\r=2+2 \uD800 \u0001 \uDC00end',
        status: 'registered',
      },
    };
    const bytes = await renderLedgerXlsx([hostile], () => null, DEFAULT_FORM_NAMES);
    for (const [name, xml] of unzipText(bytes)) expect(/<f[\s>]/.test(xml), name).toBe(false);
    const row = dataRows(await sheetOf(bytes))[0] ?? [];
    expect(row[2]).toBe('\t=1+1');
    expect(row[4]).toMatch(/^[\r\n]=2\+2 \uFFFD \uFFFD \uFFFDend$/);
  });
});

describe('HTTP47: who gets which rows', () => {
  it('HTTP47/PERM3: a unit exports only the cases it leads or cooperates on; office and viewer all', async () => {
    await b.assigned();
    await b.assigned({}, { leadUnit: b.units.other, coUnits: [] });
    await b.register();
    expect(codes(await sheetOf((await exportAs('office')).bytes))).toHaveLength(3);
    expect(codes(await sheetOf((await exportAs('viewer')).bytes))).toHaveLength(3);
    expect(codes(await sheetOf((await exportAs('lead')).bytes))).toEqual(['〔2026〕1号']);
    expect(codes(await sheetOf((await exportAs('co')).bytes))).toEqual(['〔2026〕1号']);
    expect(codes(await sheetOf((await exportAs('other')).bytes))).toEqual(['〔2026〕2号']);
    const narrowed = await exportAs('other', `?unit=${b.units.lead}`);
    expect(codes(await sheetOf(narrowed.bytes))).toEqual([]);
  });

  it('HTTP47: from/to on 受理日期, unit, status (state or label), year narrow the rows', async () => {
    await b.assigned({ receivedAt: '2026-09-01' });
    await b.assigned({ receivedAt: '2026-09-15' }, { leadUnit: b.units.other, coUnits: [] });
    await b.register({ receivedAt: '2026-09-30' });
    const rows = async (q: string) => codes(await sheetOf((await exportAs('office', q)).bytes));
    expect(await rows('?from=2026-09-10')).toEqual(['〔2026〕2号', '〔2026〕3号']);
    expect(await rows('?from=2026-09-10&to=2026-09-20')).toEqual(['〔2026〕2号']);
    expect(await rows(`?unit=${b.units.co}`)).toEqual(['〔2026〕1号']);
    expect(await rows('?status=registered')).toEqual(['〔2026〕3号']);
    expect(await rows(`?status=${encodeURIComponent('已交办')}`)).toEqual(['〔2026〕1号', '〔2026〕2号']);
    expect(await rows('?year=2026')).toHaveLength(3);
    expect(await rows('?year=2025')).toEqual([]);
  });

  it('HTTP47/HTTP10: bad, unknown and repeated parameters are 400 with a stable code and the parameter named', async () => {
    const cases: [string, string, string][] = [
      ['?from=2026-02-30', 'INVALID_DATE', 'from'],
      ['?to=yesterday', 'INVALID_DATE', 'to'],
      ['?from=2026-10-02&to=2026-10-01', 'INVALID_INPUT', 'from'],
      ['?unit=nope', 'UNKNOWN_UNIT', 'unit'],
      ['?unit=__proto__', 'UNKNOWN_UNIT', 'unit'],
      ['?status=toString', 'INVALID_CHOICE', 'status'],
      ['?year=26', 'INVALID_NUMBER', 'year'],
      ['?year=1999', 'INVALID_NUMBER', 'year'],
      ['?format=csv', 'INVALID_INPUT', 'format'],
      ['?year=2026&year=2025', 'INVALID_INPUT', 'year'],
    ];
    for (const [q, code, field] of cases) {
      const r = await exportAs('office', q);
      expect(r.status, q).toBe(400);
      expect(r.json.error, q).toMatchObject({ code, field });
      expect(r.json.error.message, q).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('ANX10: export → import', () => {
  it('ANX10: the exported 台账 imports into an empty ledger with the same 12 columns for every case', async () => {
    const a = await b.assigned({ company: '=SUM(1,2) 公司', summary: '多行\n诉求' });
    await b.run('lead', a, 'accept', { handler: '李四', handlerPhone: '0710-6331373' });
    await b.run('lead', a, 'feedback', {
      findings: '反映问题属实',
      measures: '已当场办结许可',
      feedbackAt: '2026-09-30',
      feedbackMethod: '电话',
      writtenReply: '否',
      companyVerdict: '满意',
    });
    await b.run('lead', a, 'visit', { result: '满意', method: '电话回访', visitedOn: '2026-09-30' });
    await b.run('office', a, 'archive', {});
    const s = await b.assigned({ company: '枣阳市被督办公司' }, { coUnits: [] });
    await b.run('office', s, 'supervise', { note: '未按时签收' });
    const r = await b.register({ company: '枣阳市不予受理公司' });
    await b.run('office', r, 'reject', { ground: '1.经营主体之间民事纠纷' });
    await b.register({ company: '枣阳市新登记公司' });
    const first = await exportAs('office');
    const before = dataRows(await sheetOf(first.bytes));

    const fresh = await bench('2026-10-20T10:00:00+08:00');
    const up = await fresh.app.request('/api/import/ledger?createUnits=1&file=export.xlsx', {
      method: 'POST',
      headers: { Authorization: `Bearer ${fresh.tokens.office}`, 'Content-Type': XLSX },
      body: new Uint8Array(first.bytes).buffer,
    });
    const report = await up.json();
    expect(up.status, JSON.stringify(report)).toBe(201);
    expect(report).toMatchObject({ created: 4, skipped: 0, problems: [] });
    const after = dataRows(await sheetOf((await exportAs('office', '', fresh)).bytes));
    expect(after).toEqual(before);
  });
});
