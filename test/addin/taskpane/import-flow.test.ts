// IMP6 in the pane: an existing 台账 on the Excel simulator is offered for import, previewed and imported (fake server).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYOUT } from '../../../addin/binding/columns';
import { ApiClient } from '../../../addin/client/api';
import type { OfficeSheet } from '../../../addin/sheet/office-sheet';
import { ImportFlow } from '../../../addin/taskpane/import-flow';
import { UNIT_NOTICE } from '../../../addin/taskpane/import-view';
import type { ImportReport, LedgerUpload, Me } from '../../../shared/contract/http';
import type { SimSheet } from '../../excel-sim';
import { sampleGrid, sampleValues, SAMPLE_MERGE, SAMPLE_ROWS } from '../ledger-sample';
import { harness } from '../sheet/harness';
import type { FakeElement } from './fake-dom';
import { installFakeDocument } from './fake-dom';

let restore: () => void;
beforeAll(() => {
  restore = installFakeDocument();
});
afterAll(() => restore());

const HOSTILE = '<img src=x onerror=alert(1)>';
const OFFICE: Me = { id: 'u-office', name: '营商办', role: 'office', unitId: null, unitName: null, room: 'ledger' };
const UNIT: Me = { id: 'u-unit', name: '联络员', role: 'unit', unitId: 'x', unitName: '市税务局', room: 'unit:x' };

function report(over: Partial<ImportReport> = {}): ImportReport {
  return {
    sheet: '台账（导入前）',
    headerRow: 2,
    rows: 15,
    created: 0,
    unchanged: 0,
    skipped: 15,
    unknownUnits: ['市消防救援大队', HOSTILE],
    toComplete: 0,
    problems: [
      { row: 13, column: 'F', code: 'UNKNOWN_UNIT', message: `承办单位“${HOSTILE}”不存在`, severity: 'error' },
      { row: 4, column: 'F', code: 'UNKNOWN_UNIT', message: '承办单位“市消防救援大队”不存在', severity: 'error' },
      { row: 10, column: null, code: 'INVALID_INPUT', message: '无法判断办理状态，导入后请核对', severity: 'warning' },
    ],
    ...over,
  };
}

interface Sent {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: LedgerUpload;
}

/** A fake server: records every request and answers with the next report (or an error body). */
function fakeApi(answer: (url: URL) => { status: number; body: unknown }): { api: ApiClient; sent: Sent[] } {
  const sent: Sent[] = [];
  const api = new ApiClient({
    baseUrl: 'https://ledger.test',
    token: 'office-token',
    fetch: async (input, init) => {
      const url = new URL(String(input));
      sent.push({
        url,
        method: String(init?.method),
        headers: init?.headers as Record<string, string>,
        body: JSON.parse(String(init?.body)) as LedgerUpload,
      });
      const { status, body } = answer(url);
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  });
  return { api, sent };
}

/** A workbook holding the sample on `sheet`, connected (setup done as the binding does it). */
async function workbookWithSample(
  sheet: string,
  budget?: number,
): Promise<{ port: OfficeSheet; old: SimSheet; state: () => string } & ReturnType<typeof harness>> {
  const h = harness({
    workbook: { sheets: [sheet], name: '枣阳市直通车台账.xlsx' },
    ...(budget ? { port: { requestBudgetBytes: budget } } : {}),
  });
  h.workbook.openCells(sheet, 'A1', sampleValues(), [SAMPLE_MERGE]);
  const old = h.workbook.sheet(sheet);
  const state = () =>
    JSON.stringify([old.usedRect(false), sampleValues().map((r, i) => r.map((_, c) => old.cell(i, c))), old.merges]);
  await h.port.setup(LAYOUT);
  return { ...h, old, state };
}

const el = (flow: ImportFlow) => flow.element as unknown as FakeElement;
const text = (flow: ImportFlow) => el(flow).textContent;
function button(flow: ImportFlow, label: string): FakeElement {
  const b = el(flow)
    .all()
    .find((e) => e.tagName === 'BUTTON' && e.textContent === label);
  if (b === undefined) throw new Error(`no button ${label} in: ${text(flow)}`);
  return b;
}
function checkbox(flow: ImportFlow, name: string): FakeElement {
  const b = el(flow)
    .all()
    .find((e) => e.tagName === 'INPUT' && e.getAttribute('name') === name);
  if (b === undefined) throw new Error(`no checkbox ${name}`);
  return b;
}
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error(`timed out: ${what}`);
}
const notes: { tone: string; text: string }[] = [];
const host = {
  notify: (tone: string, t: string) => void notes.push({ tone, text: t }),
  tokenRejected: () => undefined,
};

describe('IMP6: the import of an existing 台账 from the pane', () => {
  it('offers the office the sample found on 台账, sends its cells for a preview, jumps to problems and imports', async () => {
    const { port, workbook, old, state } = await workbookWithSample('台账');
    const before = state();
    const answers = [report(), report(), report({ created: 13, skipped: 2, toComplete: 2 })];
    const { api, sent } = fakeApi(() => ({ status: 200, body: answers[Math.min(sent.length - 1, 2)] }));
    const flow = new ImportFlow(host);
    await flow.check({ me: OFFICE, api, port });
    expect(text(flow)).toContain(`发现现有台账：工作表“台账（导入前）”，共 ${SAMPLE_ROWS.length} 行`);
    expect(text(flow)).toContain('共享台账在工作表“台账”');

    button(flow, '导入现有台账').dispatch('click');
    await until(() => text(flow).includes('预览：工作表'), 'the preview');
    expect(sent).toHaveLength(1);
    const first = sent[0] as Sent;
    expect(`${first.method} ${first.url.pathname}${first.url.search}`).toBe('POST /api/import/ledger?dryRun=1');
    expect(first.headers).toMatchObject({ 'Content-Type': 'application/json', Authorization: 'Bearer office-token' });
    expect(first.body).toEqual({ fileName: '枣阳市直通车台账.xlsx', sheet: '台账（导入前）', cells: sampleGrid() });

    // problems by row, server text as text; the link selects the cell in the old sheet
    const items = el(flow)
      .all()
      .filter((e) => e.tagName === 'LI' && e.getAttribute('class')?.startsWith('problem'));
    expect(items.map((e) => e.textContent)).toEqual([
      'F4 第 4 行（F 列）：承办单位“市消防救援大队”不存在',
      'A10 第 10 行提醒：无法判断办理状态，导入后请核对',
      `F13 第 13 行（F 列）：承办单位“${HOSTILE}”不存在`,
    ]);
    expect(text(flow)).toContain('创建这些承办单位');
    button(flow, 'F4').dispatch('click');
    await until(() => workbook.activeSheet === old, 'the jump');
    expect(workbook.selection.rect).toEqual({ row: 3, col: 5, rows: 1, cols: 1 });
    expect(button(flow, '确认导入').disabled).toBe(true);

    const units = checkbox(flow, 'createUnits');
    units.checked = true;
    units.dispatch('change');
    await until(() => sent.length === 2 && text(flow).includes('预览：工作表'), 'the second preview');
    expect(sent[1]?.url.search).toBe('?dryRun=1&createUnits=1');
    const skip = checkbox(flow, 'skipInvalid');
    skip.checked = true;
    skip.dispatch('change');
    await until(() => sent.length === 3 && text(flow).includes('预览：工作表'), 'the third preview');
    expect(sent[2]?.url.search).toBe('?dryRun=1&createUnits=1&skipInvalid=1');
    expect(checkbox(flow, 'createUnits').checked).toBe(true);
    expect(text(flow)).toContain('确认后新建 13 件诉求');

    button(flow, '确认导入').dispatch('click');
    await until(() => text(flow).includes('导入完成'), 'the result');
    expect(sent[3]?.url.search).toBe('?createUnits=1&skipInvalid=1');
    expect(text(flow)).toContain('导入完成：新建 13 件，待补全 2 件，跳过 2 行');
    expect(notes.at(-1)).toEqual({ tone: 'ok', text: '导入完成：新建 13 件，待补全 2 件，跳过 2 行' });
    expect(state() === before).toBe(true);
    expect(old.name).toBe('台账（导入前）');
  });

  it('tells a unit to ask the office, sends nothing, and leaves 2025年台账 as it was', async () => {
    const { port, workbook, state } = await workbookWithSample('2025年台账');
    const before = state();
    const { api, sent } = fakeApi(() => ({ status: 500, body: {} }));
    const flow = new ImportFlow(host);
    await flow.check({ me: UNIT, api, port });
    expect(text(flow)).toContain(UNIT_NOTICE);
    expect(text(flow)).toContain('旧台账（工作表“2025年台账”）保持原样');
    expect(
      el(flow)
        .all()
        .filter((e) => e.tagName === 'BUTTON'),
    ).toEqual([]);
    expect(sent).toEqual([]);
    expect(state() === before).toBe(true);
    expect(workbook.findTable(LAYOUT.tableName)?.sheet.name).toBe('台账');
  });

  it('shows reading progress for a large sheet, and a refusal with a retry', async () => {
    const { port, workbook } = await workbookWithSample('2025年台账', 20_000);
    const many = Array.from({ length: 3000 }, (_, i) => [...(SAMPLE_ROWS[i % 15] as (string | number)[])]);
    many.forEach((r, i) => (r[0] = i + 1));
    workbook.openCells('2025年台账', 'A3', many);
    const { api } = fakeApi(() => ({
      status: 403,
      body: { error: { code: 'FORBIDDEN_ROLE', message: `无权导入${HOSTILE}` } },
    }));
    const flow = new ImportFlow(host);
    await flow.check({ me: OFFICE, api, port });
    expect(text(flow)).toContain('共 3000 行');
    const seen: string[] = [];
    const read = port.readSheet.bind(port);
    port.readSheet = (sheet, onProgress) =>
      read(sheet, (done, total) => {
        onProgress?.(done, total);
        seen.push(text(flow));
      });
    button(flow, '导入现有台账').dispatch('click');
    await until(() => text(flow).includes('预览失败'), 'the refusal');
    expect(seen.length).toBeGreaterThan(3);
    expect(seen[0]).toContain('正在读取第 0/3002 行…');
    expect(seen.some((s) => /正在读取第 [1-9]\d*\/3002 行…/.test(s) && !s.includes('3002/3002'))).toBe(true);
    expect(seen.at(-1)).toContain('正在读取第 3002/3002 行…');
    expect(text(flow)).toContain(`预览失败：无权导入${HOSTILE}`);
    expect(button(flow, '重试')).toBeDefined();
  });

  it('shows nothing when the workbook holds no other 台账', async () => {
    const h = harness();
    await h.port.setup(LAYOUT);
    const flow = new ImportFlow(host);
    await flow.check({ me: OFFICE, api: fakeApi(() => ({ status: 200, body: {} })).api, port: h.port });
    expect(text(flow)).toBe('');
  });
});
