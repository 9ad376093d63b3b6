// ADDIN30: the 统计 view as DOM — period choice, a card per unit (readable at 320 px), the cuts, 说明, the sheet button.
import { h } from './dom';
import type { PeriodChoice, PeriodKind } from './stats-period';
import { PERIOD_KINDS } from './stats-period';
import type { GroupTable, Pair, StatsCard, StatsModel } from './stats-view';
import { RATE_NOTES } from './stats-view';
import type { Message } from './views';

export interface StatsHandlers {
  onQuery(choice: PeriodChoice): void;
  /** Null when the workbook cannot take the 统计 sheet (not bound yet). */
  onWriteSheet: (() => void) | null;
  /** ADDIN55: downloads the assessment .xlsx of the period shown (HTTP49); null while nothing is shown. */
  onDownload?: (() => void) | null;
}

/** Which period kinds show a field. */
const SHOWN_FOR: Record<'year' | 'quarter' | 'month' | 'from' | 'to', readonly PeriodKind[]> = {
  year: ['year', 'quarter', 'month'],
  quarter: ['quarter'],
  month: ['month'],
  from: ['range'],
  to: ['range'],
};

function options(select: HTMLSelectElement, items: readonly (readonly [string, string])[], value: string): void {
  for (const [v, label] of items) select.append(h('option', { attrs: { value: v } }, label));
  select.value = value;
}

function periodForm(choice: PeriodChoice, onQuery: (c: PeriodChoice) => void): HTMLFormElement {
  const kind = h('select', { attrs: { name: 'periodKind', id: 'stats-kind' } });
  options(kind, PERIOD_KINDS, choice.kind);
  const year = h('input', { attrs: { name: 'year', inputmode: 'numeric', maxlength: '4', size: '5' } });
  year.value = choice.year;
  const quarter = h('select', { attrs: { name: 'quarter', 'aria-label': '季度' } });
  options(
    quarter,
    ['1', '2', '3', '4'].map((q) => [q, `第${q}季度`] as const),
    choice.quarter,
  );
  const month = h('select', { attrs: { name: 'month', 'aria-label': '月份' } });
  options(
    month,
    Array.from({ length: 12 }, (_, i) => [String(i + 1), `${i + 1}月`] as const),
    choice.month,
  );
  const from = h('input', { attrs: { name: 'from', type: 'date', 'aria-label': '开始日期' } });
  from.value = choice.from;
  const to = h('input', { attrs: { name: 'to', type: 'date', 'aria-label': '结束日期' } });
  to.value = choice.to;
  const fields = { year, quarter, month, from, to };
  const wraps = (Object.keys(fields) as (keyof typeof fields)[]).map((k) => {
    const label = { year: '年份', quarter: '季度', month: '月份', from: '开始', to: '结束' }[k];
    return { k, el: h('label', { class: 'period-field' }, label, ' ', fields[k]) };
  });
  const toggle = () => {
    for (const w of wraps) w.el.hidden = !SHOWN_FOR[w.k].includes(kind.value as PeriodKind);
  };
  kind.addEventListener('change', toggle);
  toggle();
  const form = h(
    'form',
    { class: 'period', attrs: { 'data-test': 'stats-period', novalidate: '' } },
    h('label', { class: 'period-field', attrs: { for: 'stats-kind' } }, '统计期间'),
    kind,
    ...wraps.map((w) => w.el),
    h('button', { class: 'primary', attrs: { type: 'submit' } }, '查询'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onQuery({
      kind: kind.value as PeriodKind,
      year: year.value,
      quarter: quarter.value,
      month: month.value,
      from: from.value,
      to: to.value,
    });
  });
  return form;
}

function pairs(items: readonly Pair[], cls: string): HTMLElement {
  const dl = h('dl', { class: cls });
  for (const p of items) dl.append(h('div', {}, h('dt', {}, p.label), h('dd', {}, p.value)));
  return dl;
}

let noteIds = 0;

/**
 * ADDIN81: the key rates as a vertical table, one rate with its basis per line; each label is a button that shows the
 * rate's definition under the table on tap (and as its tooltip on hover), one at a time.
 */
function keyRates(items: readonly Pair[]): HTMLElement[] {
  const note = h('p', { class: 'term-note hint', attrs: { id: `term-note-${++noteIds}`, 'data-test': 'term-note' } });
  note.hidden = true;
  const dl = h('dl', { class: 'key-rates' });
  for (const p of items) {
    const term =
      p.note === undefined
        ? p.label
        : h(
            'button',
            {
              class: 'term',
              attrs: { type: 'button', title: p.note, 'aria-expanded': 'false', 'aria-controls': note.id },
              on: {
                click: (ev) => {
                  const button = ev.currentTarget as HTMLElement;
                  const open = note.hidden || note.getAttribute('data-term') !== p.label;
                  dl.querySelectorAll('button.term').forEach((b) => b.setAttribute('aria-expanded', 'false'));
                  button.setAttribute('aria-expanded', String(open));
                  note.hidden = !open;
                  note.textContent = open ? `${p.label}：${p.note}` : '';
                  note.setAttribute('data-term', open ? p.label : '');
                },
              },
            },
            p.label,
          );
    dl.append(h('div', {}, h('dt', {}, term), h('dd', {}, p.value)));
  }
  return [dl, note];
}

function cardView(c: StatsCard, test: string): HTMLElement {
  return h(
    'article',
    { class: 'stat-card', attrs: { 'data-test': test } },
    h('h3', {}, c.title),
    h('p', { class: 'score' }, c.score),
    ...keyRates(c.key),
    h('details', {}, h('summary', {}, '全部指标'), pairs(c.details, 'stat-details')),
  );
}

function groupView(title: string, t: GroupTable, test: string): HTMLElement {
  const table = h(
    'table',
    { class: 'stats-groups' },
    h('thead', {}, h('tr', {}, ...t.headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, ...t.rows.map((r) => h('tr', {}, ...r.map((x) => h('td', {}, x))))),
  );
  return h(
    'details',
    { class: 'stats-cut', attrs: { 'data-test': test } },
    h('summary', {}, title),
    t.rows.length === 0 ? h('p', { class: 'hint' }, '本期间没有诉求') : table,
  );
}

function notes(): HTMLElement {
  const dl = h('dl', { class: 'stats-notes' });
  for (const n of RATE_NOTES) dl.append(h('dt', {}, n.term), h('dd', {}, n.text));
  return h('details', { class: 'stats-cut', attrs: { 'data-test': 'stats-notes' } }, h('summary', {}, '指标说明'), dl);
}

export function statsSection(
  choice: PeriodChoice,
  model: StatsModel | null,
  status: Message | null,
  on: StatsHandlers,
): HTMLElement {
  const body =
    model === null
      ? []
      : [
          h('p', { class: 'subtitle', attrs: { 'data-test': 'stats-label' } }, `统计期间：${model.period}`),
          ...model.units.map((u) => cardView(u, 'stats-unit')),
          cardView(model.totals, 'stats-totals'),
          groupView('按诉求类别', model.byCategory, 'stats-category'),
          groupView('按问题来源', model.byChannel, 'stats-channel'),
          h('p', { class: 'hint' }, model.note),
        ];
  const sheet = h(
    'button',
    { attrs: { type: 'button', 'data-test': 'stats-sheet' }, on: { click: () => on.onWriteSheet?.() } },
    '写入“统计”工作表（含图表）',
  );
  sheet.disabled = on.onWriteSheet === null || model === null;
  const download = h(
    'button',
    { attrs: { type: 'button', 'data-test': 'stats-xlsx' }, on: { click: () => on.onDownload?.() } },
    '下载考核统计表（.xlsx）',
  );
  download.disabled = (on.onDownload ?? null) === null || model === null;
  return h(
    'section',
    { class: 'stats-section', attrs: { 'data-test': 'stats' } },
    h('h2', {}, '办理统计'),
    periodForm(choice, on.onQuery),
    status
      ? h('p', { class: `message tone-${status.tone}`, attrs: { 'data-test': 'stats-status' } }, status.text)
      : null,
    ...body,
    notes(),
    h('div', { class: 'buttons' }, sheet, download),
  );
}
