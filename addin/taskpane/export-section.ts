// ADDIN50–ADDIN54: the 导出单据 view's download buttons (the case's forms) and the 导出台账 form with its status line.
import { STATUSES, STATUS_LABEL } from '../../shared/vocabulary';
import { h } from './dom';
import type { CaseForm, LedgerChoice } from './export-flow';

/** ADDIN50: one button per form of the selected case; none before a case is selected. */
export function formsSection(forms: readonly CaseForm[], onDownload: (form: CaseForm) => void): HTMLElement {
  return h(
    'section',
    { class: 'export-forms', attrs: { 'data-test': 'export-forms' } },
    h('h3', {}, '单据（Word 文档）'),
    h('p', { class: 'hint' }, '下载后在 Word 或 WPS 中打开、打印、盖章。'),
    h(
      'div',
      { class: 'buttons' },
      ...forms.map((f) =>
        h(
          'button',
          { attrs: { type: 'button', 'data-test': `form-${f.key}` }, on: { click: () => onDownload(f) } },
          `下载${f.label}`,
        ),
      ),
    ),
  );
}

/** ADDIN52: 年份 and 状态 (empty: all), the 导出台账 button and a status line for the steps of a large export. */
export function ledgerExportSection(
  onExport: (choice: LedgerChoice, status: HTMLElement, button: HTMLButtonElement) => void,
): HTMLElement {
  const year = h('input', {
    attrs: { type: 'text', inputmode: 'numeric', maxlength: '4', placeholder: '全部', 'data-test': 'ledger-year' },
  });
  const status = h(
    'select',
    { attrs: { 'data-test': 'ledger-status' } },
    h('option', { attrs: { value: '' } }, '全部'),
    ...STATUSES.map((s) => h('option', { attrs: { value: s } }, STATUS_LABEL[s])),
  );
  const line = h('p', { class: 'hint', attrs: { role: 'status', 'data-test': 'ledger-progress' } });
  const button = h('button', { class: 'primary', attrs: { type: 'button', 'data-test': 'export-ledger' } }, '导出台账');
  button.addEventListener('click', () => onExport({ year: year.value, status: status.value }, line, button));
  return h(
    'section',
    { class: 'export-ledger', attrs: { 'data-test': 'export-ledger-section' } },
    h('h3', {}, '导出台账（附件4，新工作簿）'),
    h('label', {}, '年份（诉求编号的年份）', year),
    h('label', {}, '状态', status),
    h('div', { class: 'buttons' }, button),
    line,
  );
}
