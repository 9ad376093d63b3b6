// Pane rendering with hostile case text: every value becomes a text node, never markup (fake DOM; the real DOM is in the e2e).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseData } from '../../../shared/case';
import { caseDetails, caseHeading } from '../../../addin/taskpane/case-view';
import { fill, h } from '../../../addin/taskpane/dom';
import { dueList } from '../../../addin/taskpane/due-list';
import { annex4Pairs, annex4Tsv } from '../../../addin/taskpane/export-view';
import {
  caseSection,
  detailsSection,
  dueSection,
  exportSection,
  messageItems,
  signInView,
} from '../../../addin/taskpane/views';
import { statsSection } from '../../../addin/taskpane/stats-section';
import { defaultChoice } from '../../../addin/taskpane/stats-period';
import { refusalMessage } from '../../../addin/taskpane/status-text';
import type { FakeElement } from './fake-dom';
import { installFakeDocument } from './fake-dom';

const HOSTILE = '<img src=x onerror=alert(1)>';
const hostileCase: CaseData = {
  id: 'c1',
  fields: {
    seq: 1,
    code: '〔2026〕1号',
    company: HOSTILE,
    contactName: `"><script>alert(2)</script>`,
    contactPhone: '13812345678',
    summary: `${HOSTILE}\n第二行`,
    status: 'handling',
    warning: 'overdue',
    leadUnit: 'u1',
    coUnits: 'u2',
    dueAt: '2026-10-13T23:59:59+08:00',
    findings: '&lt;b&gt;不是标签&lt;/b&gt;',
  },
};
const unitName = (id: string) => (id === 'u1' ? `单位${HOSTILE}` : null);

let restore: () => void;
beforeAll(() => {
  restore = installFakeDocument();
});
afterAll(() => restore());

const tags = (el: HTMLElement) => (el as unknown as FakeElement).all().map((e) => e.tagName);

describe('ADDIN3: hostile text stays text', () => {
  it('case details carry the raw strings, units by name', () => {
    const rows = caseDetails(hostileCase, unitName);
    expect(rows.find((r) => r.field === 'company')?.value).toBe(HOSTILE);
    expect(rows.find((r) => r.field === 'leadUnit')?.value).toBe(`单位${HOSTILE}`);
    expect(rows.find((r) => r.field === 'coUnits')?.value).toBe('u2');
    expect(rows.find((r) => r.field === 'status')?.value).toBe('办理中');
    expect(rows.find((r) => r.field === 'warning')?.value).toBe('超期');
    expect(rows.find((r) => r.field === 'dueAt')?.value).toBe('2026-10-13 23:59');
    expect(caseHeading(hostileCase)).toBe(`〔2026〕1号 · ${HOSTILE}`);
  });

  it('the case section renders the values as text nodes, no <img> or <script> element appears', () => {
    const head = caseSection(
      {
        heading: caseHeading(hostileCase),
        actions: [
          { command: 'feedback', primary: true, destructive: false, hint: '填写承办单' },
          { command: 'return', primary: false, destructive: true, hint: '退回' },
        ],
      },
      '',
      () => undefined,
    );
    expect(head.textContent).toContain(HOSTILE);
    expect(tags(head)).not.toContain('IMG');
    const el = detailsSection(caseDetails(hostileCase, unitName));
    expect(el.textContent).toContain(HOSTILE);
    expect(el.textContent).toContain('<script>alert(2)</script>');
    expect(el.textContent).toContain('&lt;b&gt;不是标签&lt;/b&gt;');
    expect(tags(el)).not.toContain('IMG');
    expect(tags(el)).not.toContain('SCRIPT');
    const buttons = (head as unknown as FakeElement)
      .all()
      .filter((e) => e.tagName === 'BUTTON')
      .map((b) => b.textContent);
    expect(buttons).toEqual(['反馈', '退回']);
  });

  it('due list, 附件4 export, messages, statistics and sign-in render hostile text as text', () => {
    const items = dueList([hostileCase]);
    const due = dueSection(items, () => undefined);
    expect(due.textContent).toContain(HOSTILE);
    const exp = exportSection(
      caseHeading(hostileCase),
      annex4Pairs(hostileCase, unitName),
      annex4Tsv(hostileCase, unitName),
      () => undefined,
    );
    expect(exp.textContent).toContain(HOSTILE);
    const msgs = messageItems([
      { tone: 'error', text: refusalMessage(`“诉求企业”${HOSTILE}`, caseHeading(hostileCase)) },
    ]);
    expect(msgs[0]?.textContent).toBe(`已撤销：“诉求企业”${HOSTILE}（〔2026〕1号 · ${HOSTILE}）`);
    const card = { title: HOSTILE, score: '', key: [], details: [{ label: '受理', value: '1' }] };
    const stats = statsSection(
      defaultChoice('2026-11-30'),
      {
        period: '全部',
        units: [card],
        totals: card,
        byCategory: { headers: ['诉求类别'], rows: [[HOSTILE]] },
        byChannel: { headers: ['问题来源'], rows: [] },
        note: '',
      },
      null,
      { onQuery: () => undefined, onWriteSheet: null },
    );
    expect(stats.textContent).toContain(HOSTILE);
    const signIn = signInView({ serverUrl: 'https://x', message: { tone: 'error', text: HOSTILE } }, () => undefined);
    expect(signIn.textContent).toContain(HOSTILE);
    for (const el of [due, exp, stats, signIn, ...msgs]) expect(tags(el)).not.toContain('IMG');
  });

  it('h() refuses event-handler attributes and fill() replaces children', () => {
    expect(() => h('div', { attrs: { onclick: 'alert(1)' } })).toThrow();
    expect(() => h('div', { attrs: { OnError: 'x' } })).toThrow();
    const el = h('div', {}, 'a', h('span', {}, HOSTILE), 3, null, false);
    expect(el.textContent).toBe(`a${HOSTILE}3`);
    fill(el, HOSTILE);
    expect(el.textContent).toBe(HOSTILE);
    expect(tags(el)).toEqual(['DIV']);
  });
});

describe('ADDIN3, ANX1: export view', () => {
  it('quotes cells with tabs, line breaks or quotes so a paste keeps one row', () => {
    const tsv = annex4Tsv(hostileCase, unitName);
    const cells = tsv.split('\t');
    expect(cells).toHaveLength(12);
    expect(cells[4]).toBe(`"${HOSTILE}\n第二行"`);
    expect(cells[2]).toBe(HOSTILE);
    expect(annex4Pairs(hostileCase, unitName)[5]).toEqual({ header: '办理单位', value: `单位${HOSTILE}（配合：u2）` });
  });

  it('VIEW2/IMP2: text that looks like a formula is pasted as text, never evaluated', () => {
    const formulaCase = {
      id: 'f',
      fields: { ...hostileCase.fields, company: '=HYPERLINK("http://x","点我")', summary: '+1', code: '@SUM(A1)' },
    };
    const cells = annex4Tsv(formulaCase, unitName).split('\t');
    expect(cells[2]).toBe(`"'=HYPERLINK(""http://x"",""点我"")"`);
    expect(cells[4]).toBe("'+1");
    expect(cells[1]).toBe("'@SUM(A1)");
  });
});
