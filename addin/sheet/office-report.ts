// ADDIN31, ADDIN32: the 统计 sheet through Office.js — figures as text-safe values and one native column chart, replaced on refresh.
/// <reference types="office-js" />
import { columnLetters } from './office-a1';
import type { OfficeSession, Sync } from './office-session';
import type { CellValue, ReportBlock, ReportSheet } from './port';
import { ReportSheetTakenError } from './port';

/** Gets the report sheet or adds it; an existing one is checked as the add-in's, then emptied and its chart deleted. */
async function ownSheet(ctx: Excel.RequestContext, sync: Sync, r: ReportSheet): Promise<Excel.Worksheet> {
  const found = ctx.workbook.worksheets.getItemOrNullObject(r.sheetName);
  await sync();
  if (found.isNullObject) return ctx.workbook.worksheets.add(r.sheetName);
  const a1 = found.getRange('A1');
  a1.load('values');
  const used = found.getUsedRangeOrNullObject();
  found.charts.load('items/name');
  await sync();
  const first = a1.values[0]?.[0];
  if (!used.isNullObject && !(typeof first === 'string' && first.startsWith(r.mark)))
    throw new ReportSheetTakenError(r.sheetName);
  for (const chart of found.charts.items) if (chart.name === r.chart?.name) chart.delete();
  if (!used.isNullObject) used.clear('All');
  return found;
}

function cell(v: CellValue): string | number | boolean {
  return v === null ? '' : v;
}

/**
 * One table at `row`: heading, header, rows. Text columns are formatted as text before the values land, so a name that
 * looks like a formula or a number stays text; percentage columns show 0.0%. Returns the header row's index.
 */
function writeBlock(ws: Excel.Worksheet, row: number, b: ReportBlock): number {
  const width = b.headers.length;
  ws.getRangeByIndexes(row, 0, 1, 1).values = [[b.heading]];
  ws.getRangeByIndexes(row, 0, 1, 1).format.font.bold = true;
  const table = ws.getRangeByIndexes(row + 1, 0, 1 + b.rows.length, width);
  table.numberFormat = [
    b.headers.map(() => '@'),
    ...b.rows.map((r) =>
      r.map((v, c) => (b.percentColumns.includes(c) ? '0.0%' : typeof v === 'number' ? 'General' : '@')),
    ),
  ];
  table.values = [b.headers, ...b.rows.map((r) => r.map(cell))];
  ws.getRangeByIndexes(row + 1, 0, 1, width).format.font.bold = true;
  return row + 1;
}

/** ADDIN31: writes the whole sheet and its chart in one request; the sheet is activated to show it. */
export async function writeReportSheet(session: OfficeSession, r: ReportSheet): Promise<void> {
  await session.run(async (ctx, sync) => {
    const ws = await ownSheet(ctx, sync, r);
    ws.getRange('A1').numberFormat = [['@']];
    ws.getRange('A1').values = [[r.title]];
    ws.getRange('A1').format.font.bold = true;
    let row = 2;
    let chartHeader = -1;
    let widest = 1;
    r.blocks.forEach((b, i) => {
      const header = writeBlock(ws, row, b);
      if (i === 0) chartHeader = header;
      widest = Math.max(widest, b.headers.length);
      row = header + 1 + b.rows.length + 1;
    });
    ws.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 180;
    if (widest > 1) ws.getRangeByIndexes(0, 1, 1, widest - 1).format.columnWidth = 66;
    const first = r.blocks[0];
    if (r.chart !== null && first !== undefined && first.rows.length > 0) {
      const source = ws.getRangeByIndexes(chartHeader, 0, 1 + first.rows.length, r.chart.columns);
      const chart = ws.charts.add(session.excel.ChartType.columnClustered, source, session.excel.ChartSeriesBy.columns);
      chart.name = r.chart.name;
      chart.title.text = r.chart.title;
      chart.setPosition(`${columnLetters(widest + 1)}2`, `${columnLetters(widest + 9)}22`);
    }
    ws.activate();
    session.wrote(r.blocks.length + 1);
    await sync();
  });
}
