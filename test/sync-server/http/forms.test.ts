// HTTP45/HTTP46/HTTP48, ANX6: the forms 附件1–3 as .docx downloads — who gets them, which 督办单, the file it sends.
import { beforeEach, describe, expect, it } from 'vitest';
import { unzipText, xmlTexts } from '../documents/zip';
import type { Bench, Who } from './harness';
import { bench } from './harness';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let b: Bench;
beforeEach(async () => {
  b = await bench();
});

async function download(who: Who | null, path: string) {
  const headers: Record<string, string> = who === null ? {} : { Authorization: `Bearer ${b.tokens[who]}` };
  const res = await b.app.request(path, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const json = res.headers.get('Content-Type')?.startsWith('application/json')
    ? JSON.parse(new TextDecoder().decode(bytes))
    : null;
  return { status: res.status, headers: res.headers, bytes, json };
}

const documentText = (bytes: Uint8Array) => xmlTexts(unzipText(bytes).get('word/document.xml') ?? '').join('');

describe('HTTP45: the forms of a case, scoped like the case', () => {
  it('HTTP45/HTTP48: office, viewer, the lead and the cooperating unit get the 交办单 as a .docx with a Chinese name', async () => {
    const id = await b.assigned();
    for (const who of ['office', 'viewer', 'lead', 'co'] as const) {
      const r = await download(who, `/api/cases/${id}/forms/assignment.docx`);
      expect(r.status, who).toBe(200);
      expect(r.headers.get('Content-Type')).toBe(DOCX);
      expect(r.headers.get('Content-Length')).toBe(String(r.bytes.byteLength));
      expect(r.headers.get('Cache-Control')).toBe('no-store');
      expect(r.headers.get('X-Content-Type-Options')).toBe('nosniff');
    }
    const r = await download('lead', `/api/cases/${id}/forms/assignment.docx`);
    const disposition = r.headers.get('Content-Disposition') ?? '';
    const m = /^attachment; filename="([A-Za-z0-9._-]+)"; filename\*=UTF-8''([A-Za-z0-9%._-]+)$/.exec(disposition);
    expect(m, disposition).not.toBeNull();
    expect(m?.[1]).toBe('assignment-2026-1.docx');
    expect(decodeURIComponent(m?.[2] ?? '')).toBe('枣阳市营商环境投诉问题交办单（〔2026〕1号）.docx');
  });

  it('HTTP45/PERM3: another unit, an unknown case and a signed-out caller get nothing of it', async () => {
    const id = await b.assigned();
    for (const form of ['assignment', 'handling', 'supervision']) {
      const other = await download('other', `/api/cases/${id}/forms/${form}.docx`);
      expect(other.status).toBe(404);
      expect(other.json.error.code).toBe('CASE_NOT_FOUND');
    }
    expect((await download('office', '/api/cases/nope/forms/handling.docx')).json.error.code).toBe('CASE_NOT_FOUND');
    for (const hostile of ['__proto__', 'toString', 'constructor']) {
      const r = await download('office', `/api/cases/${hostile}/forms/assignment.docx`);
      expect(r.status, hostile).toBe(404);
      expect(r.json.error.code).toBe('CASE_NOT_FOUND');
    }
    expect((await download(null, `/api/cases/${id}/forms/handling.docx`)).status).toBe(401);
    const extra = await download('office', `/api/cases/${id}/forms/handling.docx?code=x`);
    expect(extra.status).toBe(400);
    expect(extra.json.error).toMatchObject({ code: 'INVALID_INPUT', field: 'code' });
    expect((await download('office', `/api/cases/${id}/forms/other.docx`)).status).toBe(404);
  });

  it('ANX6: an A4 page, 宋体 and 仿宋_GB2312 as east-asian fonts, zh-CN, the case’s values in the annex order', async () => {
    const id = await b.assigned({ company: '=HYPERLINK("http://x","点我")', address: '@SUM(1)' });
    await b.run('lead', id, 'accept', { handler: '李四', handlerPhone: '0710-6331373' });
    const r = await download('lead', `/api/cases/${id}/forms/handling.docx`);
    const xml = unzipText(r.bytes).get('word/document.xml') ?? '';
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="zh-CN"');
    const text = documentText(r.bytes);
    const order = [
      '承办单位：市市场监管局',
      '编号：〔2026〕第1号',
      '公司名称',
      '=HYPERLINK("http://x","点我")',
      '经办人',
      '李四',
    ];
    const at = order.map((s) => text.indexOf(s));
    expect(
      at.every((i) => i >= 0),
      text,
    ).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
  });
});

describe('HTTP46: which 督办单', () => {
  it('HTTP46: none yet is 404 SUPERVISION_NOT_FOUND; the latest without a code; a named one; unknown 404; malformed 400', async () => {
    const id = await b.assigned();
    const none = await download('office', `/api/cases/${id}/forms/supervision.docx`);
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe('SUPERVISION_NOT_FOUND');
    await b.run('office', id, 'supervise', { note: '未按时签收' });
    await b.run('lead', id, 'supervise-reply', { note: '已签收办理' });
    await b.run('office', id, 'supervise', { note: '办理进度滞后' });

    const latest = await download('co', `/api/cases/${id}/forms/supervision.docx`);
    expect(latest.status).toBe(200);
    expect(documentText(latest.bytes)).toContain('编号：〔2026〕督2号');
    expect(documentText(latest.bytes)).toContain('办理进度滞后');
    expect(latest.headers.get('Content-Disposition')).toContain('filename="supervision-2026-2.docx"');

    const first = await download(
      'lead',
      `/api/cases/${id}/forms/supervision.docx?code=${encodeURIComponent('〔2026〕督1号')}`,
    );
    expect(first.status).toBe(200);
    const text = documentText(first.bytes);
    expect(text).toContain('编号：〔2026〕督1号');
    expect(text).toContain('市市场监管局：');
    expect(text).toContain('贵单位在办理编号〔2026〕1号企业诉求问题时出现以下情况：未按时签收');
    expect(text).toContain('枣阳市发展和改革局2026年9月30日');

    const unknown = await download(
      'office',
      `/api/cases/${id}/forms/supervision.docx?code=${encodeURIComponent('〔2026〕督9号')}`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('SUPERVISION_NOT_FOUND');
    for (const bad of ['督1号', '〔2026〕1号', '', '〔2026〕督1号 ']) {
      const r = await download('office', `/api/cases/${id}/forms/supervision.docx?code=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'INVALID_INPUT', field: 'code' });
    }
    const outside = await download(
      'other',
      `/api/cases/${id}/forms/supervision.docx?code=${encodeURIComponent('〔2026〕督1号')}`,
    );
    expect(outside.json.error.code).toBe('CASE_NOT_FOUND');
  });
});
