// ANX11: every generated file opens in a real reader — LibreOffice converts the forms and the 台账 to PDF in one batch.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlingForm } from '../../../shared/forms/handling';
import { DEFAULT_FORM_NAMES } from '../../../shared/forms/names';
import { renderFormDocx } from '../../../sync-server/documents/docx-form';
import { renderLedgerXlsx } from '../../../sync-server/documents/ledger-xlsx';
import type { Bench } from '../http/harness';
import { bench } from '../http/harness';
import { convertToPdf, firstPagePng, haveLibreOffice, pdfPages, pdfText, positionsInOrder } from './libreoffice';
import { ANNEX4_HEADERS, ANNEX4_TITLE } from '../../../shared/annex4';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const FILES = [
  'assignment.docx',
  'handling.docx',
  'supervision.docx',
  'ledger.xlsx',
  'hostile-form.docx',
  'hostile-ledger.xlsx',
  'long-form.docx',
  'stats.xlsx',
];
/** CI installs LibreOffice (.ci/run); elsewhere the test says it is skipped rather than fail for want of it. */
const available = haveLibreOffice();
if (!available && process.env.CI) throw new Error('LibreOffice (soffice) and poppler-utils are required in CI');

const dir = mkdtempSync(join(tmpdir(), 'ledger-lo-'));
const pdf: Record<string, string> = {};
const text: Record<string, string> = {};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function download(b: Bench, who: 'office' | 'lead', path: string): Promise<Uint8Array> {
  const res = await b.app.request(path, { headers: { Authorization: `Bearer ${b.tokens[who]}` } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The files as users download them: a handled, supervised, overdue case with formula-looking text, and hostile ones. */
async function makeFiles(): Promise<Record<string, Uint8Array>> {
  const b = await bench();
  const id = await b.assigned({ company: '=HYPERLINK("http://evil","点我")有限公司', address: '@SUM(A1) 光武大道1号' });
  await b.run('lead', id, 'accept', { handler: '李四', handlerPhone: '0710-6331373' });
  await b.run('office', id, 'supervise', { note: '办理进度滞后，请加快办理' });
  await b.run('lead', id, 'feedback', {
    findings: '反映问题属实',
    measures: '已当场办结许可',
    feedbackAt: '2026-09-30',
    feedbackMethod: '书面',
    writtenReply: '是',
    companyVerdict: '不满意',
    dissatisfaction: '补充材料仍然过多',
    nextPlan: '协调窗口一次性告知',
  });
  await b.assigned({ company: '枣阳市逾期公司' });
  b.setNow('2026-10-20T09:00:00+08:00');
  b.ledger.refreshWarnings();
  await b.ledger.whenDurable();
  const base = `/api/cases/${id}/forms`;
  const hostile = {
    id: 'h',
    fields: {
      seq: 1,
      code: '〔2026〕9号',
      company: '\t=1+1 公司\uD800',
      summary: '\r+2 诉求\u0001\u0007\uDC00结束',
      status: 'handling',
      warning: 'overdue',
    },
  };
  const names = { names: DEFAULT_FORM_NAMES, unitName: () => '市市场监管局' };
  const long = {
    id: 'l',
    fields: {
      code: '〔2026〕10号',
      summary: '长'.repeat(1999) + '尾',
      findings: '查'.repeat(999) + '终',
      measures: '办'.repeat(999) + '完',
    },
  };
  return {
    'assignment.docx': await download(b, 'office', `${base}/assignment.docx`),
    'handling.docx': await download(b, 'lead', `${base}/handling.docx`),
    'supervision.docx': await download(b, 'lead', `${base}/supervision.docx`),
    'ledger.xlsx': await download(b, 'office', '/api/export/ledger.xlsx'),
    'hostile-form.docx': await renderFormDocx(handlingForm(hostile, names)),
    'hostile-ledger.xlsx': await renderLedgerXlsx([hostile], () => null, DEFAULT_FORM_NAMES),
    'long-form.docx': await renderFormDocx(handlingForm(long, names)),
    'stats.xlsx': await download(b, 'office', '/api/export/stats.xlsx?year=2026'),
  };
}

describe.skipIf(!available)('ANX11: LibreOffice renders every generated file', () => {
  beforeAll(
    async () => {
      const files = await makeFiles();
      for (const name of FILES) writeFileSync(join(dir, name), files[name] ?? new Uint8Array());
      const pdfs = convertToPdf(
        FILES.map((f) => join(dir, f)),
        join(dir, 'pdf'),
      );
      mkdirSync(ARTIFACTS, { recursive: true });
      FILES.forEach((name, i) => {
        const p = pdfs[i] ?? '';
        pdf[name] = p;
        text[name] = pdfText(p);
        firstPagePng(p, join(ARTIFACTS, `document-${name.replace('.', '-')}`));
      });
    },
    60_000 * (FILES.length + 2),
  );

  const A4 = { short: 595.3, long: 841.9 };
  function expectA4(name: string, landscape: boolean) {
    const p = pdfPages(pdf[name] ?? '');
    expect(p.pages, name).toBe(1);
    expect(Math.abs(p.width - (landscape ? A4.long : A4.short)), name).toBeLessThan(1);
    expect(Math.abs(p.height - (landscape ? A4.short : A4.long)), name).toBeLessThan(1);
  }
  function expectInOrder(name: string, expected: readonly string[]) {
    const at = positionsInOrder(text[name] ?? '', expected);
    const missing = expected.filter((_, i) => at[i] === -1);
    expect(missing, `${name}:\n${text[name]}`).toEqual([]);
  }
  const compact = (name: string) => (text[name] ?? '').replace(/\s+/g, '');

  it('ANX11/ANX3: the 交办单 is one A4 page with the annex labels and the case values in order', () => {
    expectA4('assignment.docx', false);
    expectInOrder('assignment.docx', [
      '枣阳市营商环境投诉问题交办单',
      '受理单位（盖章）：枣阳市发展和改革局',
      '编号：〔2026〕1号',
      '交办事项',
      '需要办理或协调解决事项',
      '办理施工许可被反复要求补充材料',
      '反映企业',
      '=HYPERLINK("http://evil","点我")有限公司',
      '企业地址',
      '@SUM(A1)光武大道1号',
      '联系人',
      '刘先生',
      '联系电话',
      '13812345678',
      '牵头办理部门',
      '市市场监管局',
      '交办日期',
      '2026年9月30日',
      '配合办理部门',
      '市住建局',
      '办结时限',
      '2026年10月13日',
      '备注',
      '转办意见：请核实办理',
      '注：向承办单位下发《枣阳市营商环境投诉问题交办单》时',
    ]);
    // a label over two rows is centred between them
    expect(compact('assignment.docx')).toContain('办理要求');
  });

  it('ANX11/ANX4: the 承办单 is one A4 page: every row of the annex, the feedback ticked, the stamp left blank', () => {
    expectA4('handling.docx', false);
    expectInOrder('handling.docx', [
      '枣阳市营商环境投诉问题承办单',
      '承办单位：市市场监管局',
      '编号：〔2026〕第1号',
      '时间',
      '2026年9月30日',
      '问题来源',
      '热线电话',
      '投诉人',
      '姓名',
      '刘先生',
      '联系电话',
      '公司名称',
      '=HYPERLINK("http://evil","点我")有限公司',
      '投诉对象',
      '诉求',
      '希望相关单位能解决问题，维护企业合法经营权益。',
      '单位名称',
      '经办人',
      '李四',
      '联系电话',
      '0710-6331373',
      '反映问题摘要',
      '转办意见',
      '请核实办理',
      '一、核查情况',
      '反映问题属实',
      '二、办理情况',
      '已当场办结许可',
      '□电话/☑书面',
      '□满意/☑不满',
      '不满意原因',
      '补充材料仍然过多',
      '下一步计划',
      '协调窗口一次性告知',
      '市市场监管局（签章）',
      '年月日',
      '备注：红色标注内容需办理单位填写',
    ]);
    expect(compact('handling.docx')).toContain('办理单位');
  });

  it('ANX11/ANX5: the 督办单 is one A4 page: number, unit, case, situation, the plan’s sentence, authority, date', () => {
    expectA4('supervision.docx', false);
    expectInOrder('supervision.docx', [
      '枣阳市营商环境投诉问题督办单',
      '编号：〔2026〕督1号',
      '市市场监管局：',
      '贵单位在办理编号〔2026〕1号企业诉求问题时出现以下情况：',
      '办理进度滞后，请加快办理',
      '根据《枣阳市企业诉求“直通车”工作方案》规定，现予以提醒并进行督办，请于5日内将办理结果向市营商办反馈。',
      '枣阳市发展和改革局',
      '2026年9月30日',
    ]);
  });

  it('ANX11/ANX8/ANX9: the 台账 prints on one landscape A4 page; formula-looking text shows as written', () => {
    expectA4('ledger.xlsx', true);
    expectInOrder('ledger.xlsx', [
      `枣阳市${ANNEX4_TITLE}`,
      ...ANNEX4_HEADERS,
      '〔2026〕1号',
      '=HYPERLINK("http://evil","点我")',
      '刘先生13812345678',
      '办理施工许可被反复要求补充材料',
      '市市场监管局（配合：市住建局）',
      '李四0710-6331373',
      '核查情况：反映问题属实',
      '〔2026〕督1号',
      '办理情况：已当场办结许可',
      '〔2026〕2号',
      '枣阳市逾期公司',
      '已交办',
    ]);
  });

  it('ANX11/ANX7: files with lone surrogates and control characters open, the odd characters shown as U+FFFD', () => {
    expectA4('hostile-form.docx', false);
    expectA4('hostile-ledger.xlsx', true);
    for (const name of ['hostile-form.docx', 'hostile-ledger.xlsx']) {
      expect(compact(name), name).toContain('=1+1公司\uFFFD');
      expect(compact(name), name).toContain('+2诉求\uFFFD\uFFFD\uFFFD结束');
    }
  });

  it('ANX11/ANX6: a 承办单 at the longest values runs on over A4 pages and loses nothing', () => {
    const p = pdfPages(pdf['long-form.docx'] ?? '');
    expect(p.pages).toBeGreaterThanOrEqual(2);
    expect([Math.round(p.width), Math.round(p.height)]).toEqual([595, 842]);
    expectInOrder('long-form.docx', ['长长长', '长尾', '一、核查情况', '查终', '二、办理情况', '办完', '单位签章']);
  });

  it('ANX11/ANX14: the assessment converts: its unit sheet with the units’ names and the chart’s title, A4 landscape', () => {
    const p = pdfPages(pdf['stats.xlsx'] ?? '');
    expect([Math.round(p.width), Math.round(p.height)]).toEqual([842, 595]);
    expectInOrder('stats.xlsx', [
      '枣阳市企业诉求办理考核统计·按承办单位（2026年，按受理日期）',
      '承办单位',
      '按时反馈率',
      '市市场监管局',
      '50.0%',
      '合计',
      '各单位按时反馈率与满意率（2026年）',
      '枣阳市企业诉求办理考核统计·按诉求类别',
      '枣阳市企业诉求办理考核统计·按问题来源',
      '热线电话',
    ]);
  });

  it('ANX11: a PNG of each first page is in test-artifacts/ for review', () => {
    for (const name of FILES) {
      const png = readFileSync(join(ARTIFACTS, `document-${name.replace('.', '-')}-1.png`));
      expect(png.subarray(1, 4).toString('latin1'), name).toBe('PNG');
    }
  });
});
