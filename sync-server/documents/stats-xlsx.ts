// ANX12–ANX14: the assessment as .xlsx — a sheet per cut, names as text, rates as percentages, a native unit chart.
import ExcelJS from 'exceljs';
import type { Style } from 'exceljs';
import { A4_LANDSCAPE, BORDER, FONT } from './sheet-print';
import { xmlSafe } from '../../shared/forms/xml-safe';
import type { AssessmentBook, BookSheet, BookValue } from '../../shared/stats/assessment-book';
import { addColumnChart } from './xlsx-chart';

const HEADER: Partial<Style> = {
  font: { ...FONT, bold: true },
  border: BORDER,
  numFmt: '@',
  alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } },
};
/** Rows the chart takes under the table. */
export const CHART_ROWS = 18;

function numFmtOf(sheet: BookSheet, col: number): string {
  if (sheet.textColumns.includes(col)) return '@';
  return sheet.percentColumns.includes(col) ? '0.0%' : 'General';
}

/**
 * ANX13: a name is a shared string in a text (@) cell, so `=1+1` or `2026` stays as written; a rate a number shown as
 * 0.0%, a count or score a plain number — numbers are never evaluated, and no cell holds a formula (no `<f>`).
 */
function put(cell: ExcelJS.Cell, v: BookValue, numFmt: string): void {
  cell.value = v === null ? null : typeof v === 'number' ? v : xmlSafe(v);
  cell.style = {
    font: FONT,
    border: BORDER,
    numFmt,
    alignment: { vertical: 'middle', horizontal: typeof v === 'number' ? 'right' : 'left', wrapText: true },
  };
}

/** ANX12: title row merged over the table, header row, the rows; A4 landscape fitted to one page wide like the 台账. */
function addSheet(wb: ExcelJS.Workbook, sheet: BookSheet): void {
  const width = sheet.headers.length;
  const ws = wb.addWorksheet(sheet.name, {
    pageSetup: { ...A4_LANDSCAPE },
    views: [{ state: 'frozen', ySplit: 2, xSplit: 1 }],
  });
  ws.columns = sheet.headers.map((_, i) => ({ width: i === 0 ? 24 : 11 }));
  ws.mergeCells(1, 1, 1, width);
  put(ws.getCell(1, 1), sheet.title, '@');
  ws.getCell(1, 1).style = { ...ws.getCell(1, 1).style, font: { ...FONT, size: 14, bold: true }, border: {} };
  ws.getRow(1).height = 28;
  sheet.headers.forEach((h, i) => {
    const cell = ws.getCell(2, i + 1);
    cell.value = xmlSafe(h);
    cell.style = HEADER;
  });
  ws.getRow(2).height = 42;
  sheet.rows.forEach((row, r) => row.forEach((v, c) => put(ws.getCell(r + 3, c + 1), v, numFmtOf(sheet, c))));
}

/** ANX12–ANX14: the workbook; the chart (if any) on the first sheet under its table, in the package after exceljs. */
export async function renderAssessmentXlsx(book: AssessmentBook): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'qiye-suqiu-ledger';
  book.sheets.forEach((s) => addSheet(wb, s));
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const first = book.sheets[0];
  if (book.chart === null || first === undefined) return bytes;
  const plotted = first.rows.slice(0, book.chart.rows);
  return addColumnChart(bytes, {
    sheetPart: 1,
    sheetName: first.name,
    title: book.chart.title,
    categories: plotted.map((r) => String(r[0] ?? '')),
    firstRow: 3,
    series: book.chart.seriesColumns.map((col) => ({
      name: first.headers[col] ?? '',
      column: col,
      values: plotted.map((r) => (typeof r[col] === 'number' ? r[col] : null)),
    })),
    anchor: { col: 0, row: first.rows.length + 3, cols: Math.min(first.headers.length, 12), rows: CHART_ROWS },
  });
}
