// ANX8/ANX9: the 附件4 台账 as .xlsx — merged title, the 12 headers, one row per case, print setup, and text cells only.
import ExcelJS from 'exceljs';
import type { Fill, Style } from 'exceljs';
import { A4_LANDSCAPE, BORDER, FONT } from './sheet-print';
import type { CaseData } from '../../shared/case';
import { ANNEX4_HEADERS, ANNEX4_TITLE, annex4Row } from '../../shared/annex4';
import type { FormNames } from '../../shared/forms/names';
import { xmlSafe } from '../../shared/forms/xml-safe';

export const LEDGER_SHEET = '台账';
/** Column widths in characters, in the order of ANNEX4_HEADERS. */
export const LEDGER_WIDTHS = [6, 14, 24, 20, 40, 24, 20, 40, 30, 20, 26, 10] as const;
/** ANX8: overdue rows red, due-soon rows amber, as the live sheet shows them (VIEW4). */
export const OVERDUE_FILL = 'FFFFC7CE';
export const DUE_SOON_FILL = 'FFFFEB9C';

/** Text format (@) on every cell: what Excel keeps as typed when someone edits it later. */
const CELL: Partial<Style> = {
  font: FONT,
  border: BORDER,
  numFmt: '@',
  alignment: { wrapText: true, vertical: 'top', horizontal: 'left' },
};
const HEADER: Partial<Style> = {
  ...CELL,
  font: { ...FONT, bold: true },
  alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
};

function fillOf(warning: unknown): Fill | undefined {
  const argb = warning === 'overdue' ? OVERDUE_FILL : warning === 'dueSoon' ? DUE_SOON_FILL : null;
  return argb === null ? undefined : { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/**
 * ANX9: every value is written as a string (exceljs writes it as a shared string, which no reader evaluates): text
 * beginning with = + - @, a tab or a CR stays text, never a formula. ANX7: what XML cannot hold becomes U+FFFD.
 */
function textCell(cell: ExcelJS.Cell, v: string | number, style: Partial<Style>): void {
  cell.value = xmlSafe(String(v));
  cell.style = style;
}

/** Display width of a line in character units: CJK and other wide characters count 2, as Excel measures columns. */
function displayWidth(line: string): number {
  let w = 0;
  for (const ch of line) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

/**
 * ANX8: a row tall enough for its wrapped text (neither Excel nor LibreOffice grows a row on opening the file): the
 * most lines any cell needs at its column's width, 13.5 points a line.
 */
export function rowHeight(values: readonly (string | number)[]): number {
  const lines = values.map((v, i) => {
    const width = Math.max(1, (LEDGER_WIDTHS[i] ?? 10) - 1);
    return String(v)
      .split(/\r\n|\r|\n/)
      .reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / width)), 0);
  });
  return Math.min(409, Math.max(1, ...lines) * 13.5 + 4);
}

/** ANX8: the sheet 台账 — title merged over the 12 columns, headers, rows; A4 landscape, title rows repeated. */
export async function renderLedgerXlsx(
  cases: readonly CaseData[],
  unitName: (id: string) => string | null,
  names: FormNames,
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'qiye-suqiu-ledger';
  const ws = wb.addWorksheet(LEDGER_SHEET, {
    pageSetup: { ...A4_LANDSCAPE },
    views: [{ state: 'frozen', ySplit: 2 }],
  });
  ws.columns = LEDGER_WIDTHS.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, ANNEX4_HEADERS.length);
  const title = ws.getCell(1, 1);
  textCell(title, `${names.city}${ANNEX4_TITLE}`, {
    font: { ...FONT, size: 16, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle' },
  });
  ws.getRow(1).height = 32;
  ANNEX4_HEADERS.forEach((h, i) => textCell(ws.getCell(2, i + 1), h, HEADER));
  ws.getRow(2).height = 30;
  cases.forEach((c, r) => {
    const fill = fillOf(c.fields.warning);
    const style = fill === undefined ? CELL : { ...CELL, fill };
    const values = annex4Row(c, unitName);
    values.forEach((v, i) => textCell(ws.getCell(r + 3, i + 1), v, style));
    ws.getRow(r + 3).height = rowHeight(values);
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
