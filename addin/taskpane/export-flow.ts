// ADDIN50–ADDIN54: 导出单据 and 导出台账 — the case's forms as downloads, the 台账 opened as a new workbook.
import type { PeriodInput } from '../../shared/stats/period';
import type { CaseData } from '../../shared/case';
import { num } from '../../shared/case';
import type { Status } from '../../shared/vocabulary';
import { STATUSES } from '../../shared/vocabulary';
import type { ApiClient, DownloadedFile } from '../client/api';
import type { SheetPort } from '../sheet/port';
import { toBase64 } from './base64';

export type FormKey = 'assignment' | 'handling' | 'supervision';
export interface CaseForm {
  key: FormKey;
  label: string;
  path: string;
  fallback: string;
}

const FORM_LABELS: Record<FormKey, string> = {
  assignment: '交办单（附件1）',
  handling: '承办单（附件2）',
  supervision: '督办单（附件3，最近一份）',
};

/** ADDIN50: the forms of the case — 交办单 and 承办单 always, the 督办单 only when one was issued (HTTP45, HTTP46). */
export function caseForms(c: CaseData): CaseForm[] {
  const keys: FormKey[] = ['assignment', 'handling'];
  if ((num(c, 'supervisionCount') ?? 0) > 0) keys.push('supervision');
  const base = `/api/cases/${encodeURIComponent(c.id)}/forms`;
  return keys.map((key) => ({ key, label: FORM_LABELS[key], path: `${base}/${key}.docx`, fallback: `${key}.docx` }));
}

/** ADDIN52: the 导出台账 choices: '' is 全部. */
export interface LedgerChoice {
  year: string;
  status: string;
}

/** ADDIN52: the query of the choice (HTTP47), or a Chinese reason when the year is not one the server takes. */
export function ledgerQuery(choice: LedgerChoice): { ok: true; query: string } | { ok: false; message: string } {
  const q = new URLSearchParams();
  const year = choice.year.trim();
  if (year !== '') {
    if (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2200)
      return { ok: false, message: '“年份”应为 2000–2200 之间的四位年份，或留空导出全部年份' };
    q.set('year', year);
  }
  if (choice.status !== '') {
    if (!(STATUSES as readonly string[]).includes(choice.status)) return { ok: false, message: '请选择列表中的状态' };
    q.set('status', choice.status as Status);
  }
  const s = q.toString();
  return { ok: true, query: s === '' ? '' : `?${s}` };
}

export type Save = (file: DownloadedFile) => void;

/** ADDIN55: the assessment .xlsx of a period, with exactly the statistics' parameters (HTTP49). */
export function statsXlsxPath(input: PeriodInput): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(input)) if (typeof v === 'string' && v !== '') q.set(k, v);
  const s = q.toString();
  return `/api/export/stats.xlsx${s === '' ? '' : `?${s}`}`;
}

/** ADDIN50: fetches one form with the token and hands it to the browser; resolves with the file name. */
export async function downloadForm(api: ApiClient, form: CaseForm, save: Save): Promise<string> {
  const file = await api.download(form.path, form.fallback);
  save(file);
  return file.fileName;
}

/**
 * ADDIN52–ADDIN54: fetches the 台账 with the choice, encodes it with progress and opens it as a new workbook; where the
 * host cannot (no ExcelApi 1.8, or no port), the file is downloaded instead. `progress` hears each step in Chinese.
 */
export async function exportLedger(
  api: ApiClient,
  port: SheetPort | null,
  query: string,
  progress: (text: string) => void,
  save: Save,
): Promise<{ opened: boolean; fileName: string }> {
  progress('正在从服务器获取台账……');
  const file = await api.download(`/api/export/ledger.xlsx${query}`, 'ledger.xlsx');
  const kb = Math.max(1, Math.round(file.bytes.length / 1024));
  if (port?.openWorkbook !== undefined) {
    const base64 = await toBase64(file.bytes, (done, total) =>
      progress(`已获取 ${kb} KB，正在准备新工作簿…… ${Math.floor((done * 100) / Math.max(1, total))}%`),
    );
    progress('正在打开新工作簿……');
    // ADDIN53: a host that refuses the file (e.g. over Excel on the web's 5 MB request limit) still gets it, downloaded
    const opened = await port.openWorkbook(base64).catch(() => false);
    if (opened) return { opened: true, fileName: file.fileName };
  }
  save(file);
  return { opened: false, fileName: file.fileName };
}
