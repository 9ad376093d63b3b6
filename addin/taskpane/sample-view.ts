// ADDIN22: the office's 回头看 sample in the pane — n, 受理日期 range and an optional seed; the cases drawn, to jump to.
import type { SpotCheckSample } from '../../shared/contract/http';
import { STATUS_LABEL } from '../../shared/vocabulary';
import type { Status } from '../../shared/vocabulary';
import { fill, h } from './dom';

export interface SampleQuery {
  n: string;
  from: string;
  to: string;
  seed: string;
  /** WF31: the instant the frame is taken at, to repeat an earlier draw (empty: the server's latest second). */
  asOf?: string;
}

/** The query string of HTTP30 from what was typed: empty inputs are left out, the rest sent as typed (the server checks). */
export function sampleQueryString(q: SampleQuery): string {
  const params = new URLSearchParams();
  for (const key of ['n', 'from', 'to', 'seed', 'asOf'] as const) {
    const v = (q[key] ?? '').trim();
    if (v !== '') params.set(key, v);
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}

function input(name: keyof SampleQuery, label: string, type: string, value = ''): HTMLElement {
  const el = h('input', { attrs: { name, type, id: `sample-${name}`, 'aria-label': label } });
  el.value = value;
  return h('div', { class: 'field' }, h('label', { class: 'label', attrs: { for: `sample-${name}` } }, label), el);
}

function results(sample: SpotCheckSample, onJump: (id: string) => void): HTMLElement {
  const items = sample.cases.map((c) =>
    h(
      'li',
      { attrs: { 'data-case': c.id } },
      h(
        'button',
        { class: 'link', attrs: { type: 'button', title: '跳转到该行' }, on: { click: () => onJump(c.id) } },
        [c.code ?? c.id, c.company].filter((x) => x !== null).join(' · '),
      ),
      h('span', { class: 'hint' }, ` ${String(c.receivedAt ?? '')} ${STATUS_LABEL[c.status as Status] ?? ''}`),
    ),
  );
  return h(
    'div',
    {},
    h(
      'p',
      { class: 'hint', attrs: { 'data-test': 'sample-seed' } },
      `截至 ${sample.asOf}，从 ${sample.available} 件已办结或已归档的诉求中抽取 ${sample.cases.length} 件；` +
        `随机种子 ${sample.seed}（填写同一种子和截至时间可重复抽取，供核查；本次抽取已记入办理记录）`,
    ),
    items.length === 0 ? h('p', { class: 'hint' }, '该范围内没有已办结或已归档的诉求') : h('ul', {}, ...items),
  );
}

/** The section; `draw` asks the server (HTTP30) and throws an Error with the Chinese reason when it refuses. */
export function sampleSection(
  draw: (query: string) => Promise<SpotCheckSample>,
  onJump: (id: string) => void,
): HTMLElement {
  const out = h('div', { attrs: { 'data-test': 'sample-result' } });
  const form = h(
    'form',
    { class: 'sample', attrs: { novalidate: '', 'data-form': 'sample' } },
    input('n', '抽取数量', 'number', '10'),
    input('from', '受理日期起', 'date'),
    input('to', '受理日期止', 'date'),
    input('seed', '随机种子（可不填）', 'number'),
    input('asOf', '抽样截至时间（可不填，重复抽取时填写）', 'text'),
    h('div', { class: 'buttons' }, h('button', { attrs: { type: 'submit' } }, '随机抽取')),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const value = (name: string) => (form.querySelector<HTMLInputElement>(`[name=${name}]`)?.value ?? '').trim();
    const query = sampleQueryString({
      n: value('n'),
      from: value('from'),
      to: value('to'),
      seed: value('seed'),
      asOf: value('asOf'),
    });
    fill(out, h('p', { class: 'hint' }, '正在抽取…'));
    draw(query).then(
      (sample) => fill(out, results(sample, onJump)),
      (e: unknown) =>
        fill(out, h('p', { class: 'message tone-error' }, `抽取失败：${e instanceof Error ? e.message : String(e)}`)),
    );
  });
  return h(
    'section',
    { class: 'sample-section', attrs: { 'data-test': 'sample' } },
    h('h2', {}, '回头看抽样'),
    h(
      'p',
      { class: 'hint' },
      '市营商办按受理日期随机抽取已办结或已归档的诉求，选中后点击功能区“回头看”记录满意度评价。',
    ),
    form,
    out,
  );
}
