// POST /api/import/ledger (IMP5): the office uploads its 台账 as .xlsx (or the add-in sends the sheet's cells) to import it.
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ImportReport } from '../../shared/contract/http';
import type { Grid, GridCell } from '../../shared/import/types';
import { isLedgerGrid } from '../../shared/import/read-ledger';
import { mayRegister } from '../../shared/workflow';
import { importLedger } from '../ledger/ledger-import';
import { readWorkbookGrids } from '../documents/on-demand';
import { actorOf } from './auth';
import { limitBody } from './body';
import type { AppDeps, AppEnv } from './env';
import { refuse, unwrap } from './errors';
import { readQuery } from './query';
import { sendJson } from './respond';

/** IMP5: an .xlsx upload is at most 10 MiB; the add-in's JSON cells (larger per cell) at most 32 MiB. */
export const MAX_XLSX_BYTES = 10 * 1024 * 1024;
export const MAX_CELLS_JSON_BYTES = 32 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_ROWS = 100_000;
const MAX_COLUMNS = 200;

function flag(q: Map<string, string>, key: string): boolean {
  const v = q.get(key);
  if (v === undefined || v === '0' || v === 'false') return false;
  if (v === '1' || v === 'true') return true;
  return refuse('INVALID_INPUT', `查询参数 ${key} 只能是 1 或 0`, key);
}

function isCell(v: unknown): v is GridCell {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  if (Object.keys(o).length === 1 && typeof o.date === 'string') return true;
  const cached = o.cached;
  return (
    typeof o.formula === 'string' &&
    Object.keys(o).every((k) => k === 'formula' || k === 'cached') &&
    (cached === undefined || cached === null || ['string', 'number', 'boolean'].includes(typeof cached))
  );
}

const shortText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.trim() !== '' && [...v].length <= max;

/** IMP5: the add-in's upload {fileName, sheet, cells}, every cell checked; anything else is INVALID_INPUT. */
function readUpload(body: unknown): { source: string; sheet: string; grid: Grid } {
  const o = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.some((k) => !['fileName', 'sheet', 'cells'].includes(k)))
    refuse('INVALID_INPUT', '上传内容只能包含 fileName、sheet、cells');
  if (!shortText(o.fileName, 200)) return refuse('INVALID_INPUT', '“fileName”应为 1–200 字的文件名', 'fileName');
  if (!shortText(o.sheet, 100)) return refuse('INVALID_INPUT', '“sheet”应为 1–100 字的工作表名', 'sheet');
  const cells = o.cells;
  if (!Array.isArray(cells) || cells.length > MAX_ROWS) {
    return refuse('INVALID_INPUT', `“cells”应为不超过 ${MAX_ROWS} 行的二维数组`, 'cells');
  }
  for (const row of cells) {
    if (!Array.isArray(row) || row.length > MAX_COLUMNS || !row.every(isCell)) {
      refuse(
        'INVALID_INPUT',
        `“cells”的每一行应为不超过 ${MAX_COLUMNS} 个单元格的数组（文本、数字、日期或公式）`,
        'cells',
      );
    }
  }
  return { source: o.fileName.trim(), sheet: o.sheet.trim(), grid: cells as Grid };
}

/** IMP5: the first sheet of the workbook that holds a 台账 header. */
async function readXlsx(c: Context<AppEnv>, fileName: string): Promise<{ source: string; sheet: string; grid: Grid }> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) refuse('INVALID_INPUT', '没有收到文件内容');
  const sheets = await readWorkbookGrids(bytes);
  const found = sheets.find((s) => isLedgerGrid(s.grid));
  if (found === undefined) {
    return refuse('INVALID_INPUT', `文件中没有找到台账（工作表：${sheets.map((s) => s.name).join('、') || '无'}）`);
  }
  return { source: fileName, sheet: found.name, grid: found.grid };
}

export function importApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const xlsxLimit = limitBody(MAX_XLSX_BYTES);
  const jsonLimit = limitBody(MAX_CELLS_JSON_BYTES);
  app.post(
    '/ledger',
    (c, next) => ((c.req.header('Content-Type') ?? '').startsWith(XLSX_TYPE) ? xlsxLimit(c, next) : jsonLimit(c, next)),
    async (c) => {
      unwrap(mayRegister(actorOf(c))); // a unit or viewer is refused before its body is read
      const q = readQuery(c, ['dryRun', 'createUnits', 'skipInvalid', 'file']);
      const opts = {
        dryRun: flag(q, 'dryRun'),
        createUnits: flag(q, 'createUnits'),
        skipInvalid: flag(q, 'skipInvalid'),
      };
      const type = c.req.header('Content-Type') ?? '';
      let upload: { source: string; sheet: string; grid: Grid };
      if (type.startsWith(XLSX_TYPE))
        upload = await readXlsx(c, (q.get('file') ?? '').trim().slice(0, 200) || '上传的台账.xlsx');
      else if (/^application\/json\s*(;|$)/i.test(type))
        upload = readUpload(await c.req.json().catch(() => refuse('INVALID_JSON')));
      else return refuse('INVALID_INPUT', `请上传 .xlsx 文件（Content-Type: ${XLSX_TYPE}）`);
      const result = unwrap(
        await importLedger(ledger, actorOf(c), upload.grid, { ...opts, source: upload.source, sheet: upload.sheet }),
      );
      return sendJson(c, result satisfies ImportReport, opts.dryRun || result.created === 0 ? 200 : 201);
    },
  );
  return app;
}
