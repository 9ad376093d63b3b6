// HTTP49/ANX12–ANX14: the assessment as .xlsx — sheets per cut, text names, percentages, a native chart, scoping.
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { unzipText } from '../documents/zip';
import type { Bench, Who } from './harness';
import { CO_NAME, LEAD_NAME, OTHER_NAME, bench } from './harness';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let b: Bench;
beforeEach(async () => {
  b = await bench();
  const fb = (day: string) => ({
    findings: '核查',
    measures: '办理',
    feedbackAt: day,
    feedbackMethod: '电话',
    companyVerdict: '满意',
    writtenReply: '否',
  });
  const a = await b.assigned({ company: 'A' }); // on time, satisfied
  await b.assigned({ company: 'B', channel: '电子邮件' }); // never fed back: overdue
  const d = await b.register({ company: 'D' }); // the other unit's
  await b.run('office', d, 'assign', { leadUnit: b.units.other, kind: 'general' });
  await b.run('lead', a, 'accept', { handler: '李四', handlerPhone: '13900001111' });
  b.setNow('2026-10-12T09:00:00+08:00');
  await b.run('lead', a, 'feedback', fb('2026-10-12'));
  await b.run('lead', a, 'visit', { result: '满意', method: '电话回访', visitedOn: '2026-10-12' });
  b.setNow('2026-10-20T09:00:00+08:00');
  b.ledger.refreshWarnings();
  await b.ledger.whenDurable();
});

async function exportAs(who: Who, query = '') {
  const res = await b.app.request(`/api/export/stats.xlsx${query}`, {
    headers: { Authorization: `Bearer ${b.tokens[who]}` },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const json = res.headers.get('Content-Type')?.startsWith('application/json')
    ? JSON.parse(new TextDecoder().decode(bytes))
    : null;
  return { status: res.status, headers: res.headers, bytes, json };
}

async function book(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer);
  return wb;
}

function column(ws: ExcelJS.Worksheet, col: number): unknown[] {
  const out: unknown[] = [];
  for (let r = 3; r <= ws.rowCount; r += 1) out.push(ws.getCell(r, col).value);
  return out;
}

/** Resolves a relationship target against the part that holds it (OPC, ECMA-376 Part 2 §9.3). */
function resolve(relsPath: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = relsPath
    .replace(/_rels\/[^/]*\.rels$/, '')
    .split('/')
    .filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.') base.push(seg);
  }
  return base.join('/');
}

describe('HTTP49/ANX12: the assessment workbook', () => {
  it('ANX12/HTTP48: sheets 按单位, 按类别, 按来源; titled with the period; units ranked with 合计; print setup', async () => {
    const r = await exportAs('office', '?year=2026&quarter=3');
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toBe(XLSX);
    expect(r.headers.get('Content-Disposition')).toBe(
      `attachment; filename="stats-2026-10-20.xlsx"; filename*=UTF-8''${encodeURIComponent('枣阳市企业诉求办理考核统计（2026年第3季度）.xlsx')}`,
    );
    const wb = await book(r.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按单位', '按类别', '按来源']);
    const ws = wb.getWorksheet('按单位');
    if (ws === undefined) throw new Error('no 按单位');
    expect(ws.getCell('A1').value).toBe('枣阳市企业诉求办理考核统计·按承办单位（2026年第3季度，按受理日期）');
    expect(ws.model.merges[0]).toMatch(/^A1:/);
    const headers = [1, 2, 3, 4].map((c) => ws.getCell(2, c).value);
    expect(headers).toEqual(['承办单位', '按时反馈率', '首次回访满意率', '最终满意率']);
    expect(column(ws, 1)).toEqual([LEAD_NAME, OTHER_NAME, CO_NAME, '合计']); // ranked, the unscored last
    expect(ws.getCell(3, 2).value).toBe(0.5); // one of two judged rounds on time
    expect(ws.getCell(3, 2).numFmt).toBe('0.0%');
    const scoreCol = (ws.getRow(2).values as unknown[]).indexOf('综合得分');
    expect(ws.getCell(3, scoreCol).value).toBeTypeOf('number');
    expect(ws.getCell(3, scoreCol + 1).value).toBe(1);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
    const cat = wb.getWorksheet('按类别');
    expect(cat?.getCell('A1').value).toBe('枣阳市企业诉求办理考核统计·按诉求类别（2026年第3季度，按受理日期）');
    expect(cat && column(cat, 1)).toHaveLength(1);
    const ch = wb.getWorksheet('按来源');
    expect(ch && column(ch, 1)).toEqual(['热线电话', '电子邮件']);
  });

  it('ANX13: names that look like formulas stay text cells; no <f> anywhere; rates are numbers as percentages', async () => {
    await b.ledger.createUnit('=HYPERLINK("http://evil","点我")', null);
    await b.ledger.whenDurable();
    const r = await exportAs('office');
    const parts = unzipText(r.bytes);
    for (const [name, xml] of parts) expect(xml.includes('<f>') || xml.includes('<f '), name).toBe(false);
    const ws = (await book(r.bytes)).getWorksheet('按单位');
    if (ws === undefined) throw new Error('no 按单位');
    const names = column(ws, 1);
    expect(names).toContain('=HYPERLINK("http://evil","点我")');
    const row = names.indexOf('=HYPERLINK("http://evil","点我")') + 3;
    expect(ws.getCell(row, 1).type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(row, 1).numFmt).toBe('@');
    expect(ws.getCell(row, 2).value).toBe(null); // nothing to divide: empty, never 0
  });

  it('ANX14: a clustered column chart of the units’ three rates; every relationship target exists, every part typed', async () => {
    const parts = unzipText((await exportAs('office')).bytes);
    const chart = parts.get('xl/charts/chart1.xml') ?? '';
    expect(chart).toContain('<c:barDir val="col"/><c:grouping val="clustered"/>');
    expect([...chart.matchAll(/<c:ser>/g)]).toHaveLength(3);
    expect(chart).toContain(`<c:f>'按单位'!$B$3:$B$5</c:f>`);
    expect(chart).toContain(`<c:v>${LEAD_NAME}</c:v>`);
    expect(chart).not.toContain('<c:v>合计</c:v>');
    expect(parts.get('xl/worksheets/sheet1.xml')).toMatch(/<drawing r:id="[^"]+"\/>/);
    const types = parts.get('[Content_Types].xml') ?? '';
    const defaults = [...types.matchAll(/<Default Extension="([^"]+)"/g)].map((m) => m[1]);
    const overrides = new Set([...types.matchAll(/<Override PartName="\/([^"]+)"/g)].map((m) => m[1]));
    for (const name of parts.keys()) {
      if (name.endsWith('/')) continue;
      const ext = name.split('.').at(-1);
      expect(overrides.has(name) || defaults.includes(ext), `content type of ${name}`).toBe(true);
    }
    for (const o of overrides) expect(parts.has(o ?? ''), `override ${o}`).toBe(true);
    expect(overrides.has('xl/charts/chart1.xml') && overrides.has('xl/drawings/drawing1.xml')).toBe(true);
    for (const [relsPath, xml] of parts) {
      if (!relsPath.endsWith('.rels')) continue;
      for (const m of xml.matchAll(/<Relationship [^>]*Target="([^"]+)"[^>]*>/g)) {
        if (m[0].includes('TargetMode="External"')) continue;
        const target = resolve(relsPath, m[1] ?? '');
        expect(parts.has(target), `${relsPath} → ${target}`).toBe(true);
      }
    }
  });

  it('ANX14: with no unit having a rate to plot there is no chart part', async () => {
    const r = await exportAs('office', '?year=2025');
    const parts = unzipText(r.bytes);
    expect(parts.has('xl/charts/chart1.xml')).toBe(false);
    expect(parts.get('xl/worksheets/sheet1.xml')).not.toContain('<drawing');
  });

  it('HTTP49/HTTP17: a unit gets only its own row and the cases it leads; the others’ names are nowhere', async () => {
    const r = await exportAs('lead');
    expect(r.status).toBe(200);
    const parts = unzipText(r.bytes);
    const all = [...parts.values()].join('\n');
    expect(all).not.toContain(OTHER_NAME);
    expect(all).not.toContain(CO_NAME);
    const ws = (await book(r.bytes)).getWorksheet('按单位');
    expect(ws && column(ws, 1)).toEqual([LEAD_NAME, '合计']);
    const scoreCol = ws ? (ws.getRow(2).values as unknown[]).indexOf('排名') : -1;
    expect(ws?.getCell(3, scoreCol).value).toBe(null); // a unit alone is not ranked (STAT11)
  });

  it('HTTP49/HTTP35: a bad period is 400 INVALID_PERIOD naming the parameter; others and repeats 400', async () => {
    const bad = await exportAs('office', '?quarter=2');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('INVALID_PERIOD');
    expect(bad.json.error.field).toBe('quarter');
    expect(bad.json.error.message).toMatch(/[\u4e00-\u9fff]/);
    const from = await exportAs('office', '?from=2026-02-30');
    expect([from.status, from.json.error.code, from.json.error.field]).toEqual([400, 'INVALID_PERIOD', 'from']);
    const unknown = await exportAs('office', '?__proto__=1');
    expect(unknown.status).toBe(400);
    const twice = await exportAs('office', '?year=2026&year=2025');
    expect(twice.status).toBe(400);
    const none = await b.app.request('/api/export/stats.xlsx');
    expect(none.status).toBe(401);
  });

  it('ANX12: the figures survive a round trip through exceljs: the /api/stats rates are the cells', async () => {
    const api = await b.as('office').get('/api/stats');
    const ws = (await book((await exportAs('office')).bytes)).getWorksheet('按单位');
    if (ws === undefined) throw new Error('no 按单位');
    for (const u of api.body.units as {
      unitName: string;
      onTimeRate: number | null;
      satisfactionRate: number | null;
    }[]) {
      const row = column(ws, 1).indexOf(u.unitName) + 3;
      expect([ws.getCell(row, 2).value, ws.getCell(row, 4).value], u.unitName).toEqual([
        u.onTimeRate,
        u.satisfactionRate,
      ]);
    }
  });
});
