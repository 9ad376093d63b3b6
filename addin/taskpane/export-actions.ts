// ADDIN50–ADDIN54: what the 导出单据 view's buttons do — download a form, export the 台账 — and what the pane says.
import type { CaseData } from '../../shared/case';
import { ApiError } from '../client/api';
import type { Session } from './session';
import type { Message } from './views';
import type { CaseForm, LedgerChoice, Save } from './export-flow';
import { caseForms, downloadForm, exportLedger, ledgerQuery } from './export-flow';
import { formsSection, ledgerExportSection } from './export-section';
import { saveFile } from './save-file';

/** What the exports need of the pane (the pane's PaneHost has it). */
export interface ExportHost {
  readonly session: Session | null;
  notify(tone: Message['tone'], text: string): void;
  tokenRejected(): void;
}

function reason(e: unknown): string {
  return e instanceof ApiError || e instanceof Error ? e.message : String(e);
}

/** The two parts of the view for this pane; `save` hands a file to the browser (a test may watch it). */
export function exportParts(pane: ExportHost, save: Save = saveFile) {
  const onForm = async (form: CaseForm): Promise<void> => {
    const session = pane.session;
    if (session === null) return;
    try {
      const name = await downloadForm(session.api, form, save);
      pane.notify('ok', `已下载“${name}”，请在浏览器的下载列表中打开`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHORIZED') pane.tokenRejected();
      pane.notify('error', `下载${form.label}未成功：${reason(e)}`);
    }
  };
  const onLedger = async (choice: LedgerChoice, line: HTMLElement, button: HTMLButtonElement): Promise<void> => {
    const session = pane.session;
    if (session === null) return;
    const q = ledgerQuery(choice);
    if (!q.ok) {
      line.textContent = q.message;
      return;
    }
    button.disabled = true;
    try {
      const r = await exportLedger(session.api, session.port, q.query, (t) => (line.textContent = t), save);
      line.textContent = r.opened ? `已在新工作簿中打开“${r.fileName}”` : `已下载“${r.fileName}”`;
      pane.notify('ok', r.opened ? '台账已在新工作簿中打开' : '此版本 Excel 不能直接打开新工作簿，台账已下载');
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHORIZED') pane.tokenRejected();
      line.textContent = `导出台账未成功：${reason(e)}`;
    } finally {
      button.disabled = false;
    }
  };
  return {
    forms: (c: CaseData) => formsSection(caseForms(c), (f) => void onForm(f)),
    ledger: () => ledgerExportSection((choice, line, button) => void onLedger(choice, line, button)),
  };
}
