// IMP6: what the pane shows of an existing 台账 and its import: texts and the preview as plain data, then DOM (text only).
import type { ImportReport } from '../../shared/contract/http';
import type { ExistingLedger } from '../sheet/port';
import { h } from './dom';
import type { Message } from './views';

export interface ImportOptions {
  /** Create the units the ledger does not know (createUnits=1). */
  createUnits: boolean;
  /** Import the good rows and leave the rows with problems (skipInvalid=1). */
  skipInvalid: boolean;
}

/** Problems listed in the preview; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 100;

export const UNIT_NOTICE = '工作簿中有旧台账，请联系市营商办导入';

export function noticeText(found: ExistingLedger): string {
  return `发现现有台账：工作表“${found.sheet}”，共 ${found.rows} 行`;
}

/** Where things are: the old sheet untouched, the live table on its own sheet. */
export function keptText(found: ExistingLedger, liveSheet: string): string {
  return `旧台账（工作表“${found.sheet}”）保持原样，未作任何改动；共享台账在工作表“${liveSheet}”。`;
}

export function progressText(done: number, total: number): string {
  return `正在读取第 ${done}/${total} 行…`;
}

export function resultText(r: ImportReport): string {
  const parts = [`新建 ${r.created} 件`, `待补全 ${r.toComplete} 件`];
  if (r.unchanged > 0) parts.push(`已导入过 ${r.unchanged} 件`);
  if (r.skipped > 0) parts.push(`跳过 ${r.skipped} 行`);
  return `导入完成：${parts.join('，')}`;
}

export interface ProblemItem {
  /** The cell to jump to ('F7'; column A when the problem names no column). */
  cell: string;
  text: string;
  severity: 'error' | 'warning';
}

export interface PreviewModel {
  counts: { label: string; value: number }[];
  units: string[];
  problems: ProblemItem[];
  /** Problems beyond MAX_LISTED_PROBLEMS. */
  more: number;
  canConfirm: boolean;
  /** Why 确认导入 is off, or what confirming will do. */
  hint: string;
}

/** The dry run's report as the preview shows it, for the options it was made with. */
export function previewModel(r: ImportReport, options: ImportOptions): PreviewModel {
  const sorted = [...r.problems].sort((a, b) => a.row - b.row || (a.column ?? '').localeCompare(b.column ?? ''));
  const problems = sorted.slice(0, MAX_LISTED_PROBLEMS).map((p) => ({
    cell: `${p.column ?? 'A'}${p.row}`,
    text: `第 ${p.row} 行${p.column === null ? '' : `（${p.column} 列）`}${p.severity === 'warning' ? '提醒' : ''}：${p.message}`,
    severity: p.severity,
  }));
  const errorRows = new Set(r.problems.filter((p) => p.severity === 'error').map((p) => p.row)).size;
  let hint = `确认后新建 ${r.created} 件诉求；旧台账不会被改动。`;
  if (r.headerRow === null) hint = '没有找到台账的表头，无法导入。';
  else if (errorRows > 0 && !options.skipInvalid)
    hint = `有 ${errorRows} 行有问题：请在旧台账中改正后点“重新读取”，或勾选下面的选项。`;
  else if (r.created === 0) hint = '没有需要新建的诉求。';
  return {
    counts: [
      { label: '数据行', value: r.rows },
      { label: '将新建', value: r.created },
      { label: '已导入过', value: r.unchanged },
      { label: '将跳过', value: r.skipped },
      { label: '待补全', value: r.toComplete },
    ],
    units: [...r.unknownUnits],
    problems,
    more: sorted.length - problems.length,
    canConfirm: r.headerRow !== null && r.created > 0 && (errorRows === 0 || options.skipInvalid),
    hint,
  };
}

function section(...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'import', attrs: { 'data-test': 'import' } }, h('h2', {}, '导入现有台账'), ...children);
}

/** A notice, a status line and buttons ({label, onClick, primary}). */
export function importNotice(
  text: string,
  status: Message | null,
  buttons: { label: string; onClick: () => void; primary?: boolean }[] = [],
): HTMLElement {
  return section(
    h('p', { class: 'notice', attrs: { 'data-test': 'import-notice' } }, text),
    status
      ? h('p', { class: `message tone-${status.tone}`, attrs: { 'data-test': 'import-status' } }, status.text)
      : null,
    buttons.length === 0
      ? null
      : h(
          'div',
          { class: 'buttons' },
          ...buttons.map((b) =>
            h(
              'button',
              { class: b.primary ? 'primary' : '', attrs: { type: 'button' }, on: { click: () => b.onClick() } },
              b.label,
            ),
          ),
        ),
  );
}

export interface PreviewHandlers {
  onOptions(next: ImportOptions): void;
  onJump(cell: string): void;
  onConfirm(): void;
  onReload(): void;
}

function option(label: string, name: keyof ImportOptions, options: ImportOptions, on: PreviewHandlers): HTMLElement {
  const box = h('input', {
    attrs: { type: 'checkbox', name },
    on: { change: () => on.onOptions({ ...options, [name]: box.checked }) },
  });
  box.checked = options[name];
  return h('label', { class: 'check' }, box, label);
}

function problemList(m: PreviewModel, on: PreviewHandlers): HTMLElement {
  return h(
    'ul',
    { class: 'problems', attrs: { 'data-test': 'import-problems' } },
    ...m.problems.map((p) =>
      h(
        'li',
        { class: `problem ${p.severity}` },
        h(
          'button',
          {
            class: 'link',
            attrs: { type: 'button', title: '在旧台账中选中该单元格' },
            on: { click: () => on.onJump(p.cell) },
          },
          p.cell,
        ),
        ' ',
        p.text,
      ),
    ),
    m.more > 0 ? h('li', { class: 'hint' }, `另有 ${m.more} 条问题未列出`) : null,
  );
}

/** The dry run: counts, unknown units with their option, problems with a jump to each cell, the skip option, 确认导入. */
export function importPreview(
  sheet: string,
  m: PreviewModel,
  options: ImportOptions,
  on: PreviewHandlers,
): HTMLElement {
  const confirm = h(
    'button',
    { class: 'primary', attrs: { type: 'button', 'data-test': 'import-confirm' }, on: { click: () => on.onConfirm() } },
    '确认导入',
  );
  confirm.disabled = !m.canConfirm;
  return section(
    h('p', { class: 'subtitle' }, `预览：工作表“${sheet}”（尚未导入，台账没有任何改动）`),
    h(
      'dl',
      { class: 'details', attrs: { 'data-test': 'import-counts' } },
      ...m.counts.flatMap((c) => [h('dt', {}, c.label), h('dd', {}, c.value)]),
    ),
    m.units.length === 0
      ? null
      : h(
          'div',
          { attrs: { 'data-test': 'import-units' } },
          h('h3', {}, `台账中没有的承办单位（${m.units.length}）`),
          h('ul', {}, ...m.units.map((u) => h('li', {}, u))),
          option('创建这些承办单位', 'createUnits', options, on),
        ),
    m.problems.length === 0 ? null : h('h3', {}, `问题（${m.problems.length + m.more}）`),
    m.problems.length === 0 ? null : problemList(m, on),
    option('跳过有问题的行', 'skipInvalid', options, on),
    h('p', { class: 'hint', attrs: { 'data-test': 'import-hint' } }, m.hint),
    h(
      'div',
      { class: 'buttons' },
      confirm,
      h('button', { attrs: { type: 'button' }, on: { click: () => on.onReload() } }, '重新读取'),
    ),
  );
}
