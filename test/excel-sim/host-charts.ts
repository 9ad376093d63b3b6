// XSIM30–XSIM32: what the simulated host does with charts: add (strict arguments), name, title, position, delete, series.
import type { Rect } from './address';
import { formatRect, MAX_COLUMNS, MAX_ROWS } from './address';
import type { Scalar } from './coerce';
import { accessDenied, notSimulated, SimError } from './errors';
import type { ChartState, SimSheet } from './sheet';
import type { SimWorkbook } from './workbook';

/** Excel.ChartType values the simulator draws; every other documented type is refused as not simulated. */
export const SIMULATED_CHART_TYPES = ['ColumnClustered', 'BarClustered', 'Line', 'Pie'] as const;
/** Excel.ChartSeriesBy (https://learn.microsoft.com/javascript/api/excel/excel.chartseriesby). */
export const SERIES_BY = ['Auto', 'Columns', 'Rows'] as const;

/** Source ranges larger than this are refused as not simulated (a chart of a whole column is not drawn here). */
const MAX_SOURCE_CELLS = 10_000;

function invalid(what: string): SimError {
  return new SimError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${what})`);
}

/**
 * ChartCollection.add(type, sourceData, seriesBy?) — "Creates a new chart"; seriesBy defaults to Auto
 * (https://learn.microsoft.com/javascript/api/excel/excel.chartcollection#excel-excel-chartcollection-add-member(1)).
 * Assumed, stricter: the source lies on the chart's own sheet, holds at least one number, and the sheet is not protected
 * (a protected sheet without "Edit objects" refuses new charts to people; the API is assumed to refuse too).
 */
export function addChart(
  wb: SimWorkbook,
  sheet: SimSheet,
  type: unknown,
  source: { sheet: SimSheet; rect: Rect },
  seriesBy: unknown,
): ChartState {
  if (typeof type !== 'string') throw invalid(`chart type ${JSON.stringify(type)}`);
  if (!(SIMULATED_CHART_TYPES as readonly string[]).includes(type)) throw notSimulated(`chart type ${type}`);
  const by = seriesBy === undefined ? 'Auto' : seriesBy;
  if (typeof by !== 'string' || !(SERIES_BY as readonly string[]).includes(by))
    throw invalid(`seriesBy ${JSON.stringify(seriesBy)}`);
  if (source.sheet !== sheet) throw notSimulated('a chart whose source data lies on another sheet');
  const { rect } = source;
  if (rect.rows * rect.cols > MAX_SOURCE_CELLS || rect.rows >= MAX_ROWS || rect.cols >= MAX_COLUMNS)
    throw notSimulated(`a chart over ${formatRect(rect)}`);
  if (sheet.protection !== null && !sheet.protection.options.allowEditObjects)
    throw accessDenied('ChartCollection.add');
  if (!cellsOf(sheet, rect).some((row) => row.some((v) => typeof v === 'number')))
    throw invalid(`chart source ${formatRect(rect)} holds no number`);
  const chart: ChartState = {
    id: wb.newId('chart'),
    name: defaultName(sheet),
    type,
    seriesBy: by as ChartState['seriesBy'],
    source: { ...rect },
    title: '',
    position: null,
  };
  sheet.charts.push(chart);
  return chart;
}

/** Assumed: Excel names a new chart "Chart N" with the first N not taken on the sheet. */
function defaultName(sheet: SimSheet): string {
  let n = sheet.charts.length + 1;
  while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n++;
  return `Chart ${n}`;
}

/** Chart.delete — "Deletes the chart object" (https://learn.microsoft.com/javascript/api/excel/excel.chart#excel-excel-chart-delete-member(1)). */
export function deleteChart(sheet: SimSheet, chart: ChartState): void {
  if (sheet.protection !== null && !sheet.protection.options.allowEditObjects) throw accessDenied('Chart.delete');
  sheet.charts = sheet.charts.filter((c) => c !== chart);
}

/** Chart.name: a string of 1–255 characters (assumed limits; Excel's UI refuses an empty name). */
export function renameChart(chart: ChartState, name: unknown): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) throw invalid(`chart name ${String(name)}`);
  chart.name = name;
}

/** ChartTitle.text (https://learn.microsoft.com/javascript/api/excel/excel.charttitle#excel-excel-charttitle-text-member). */
export function setChartTitle(chart: ChartState, text: unknown): void {
  if (typeof text !== 'string') throw invalid('chart title');
  chart.title = text;
}

function cellsOf(sheet: SimSheet, rect: Rect): Scalar[][] {
  return Array.from({ length: rect.rows }, (_, r) =>
    Array.from({ length: rect.cols }, (_, c) => sheet.cell(rect.row + r, rect.col + c).v),
  );
}

export interface ChartSeries {
  name: string;
  values: Scalar[];
}

/**
 * What the chart plots now, read from its source as Excel lays a column chart out by columns (assumed: the first row
 * names the series, the first column labels the categories). Series by rows is not simulated.
 */
export function chartSeries(sheet: SimSheet, chart: ChartState): { categories: string[]; series: ChartSeries[] } {
  if (chart.seriesBy === 'Rows') throw notSimulated('reading a chart laid out by rows');
  const cells = cellsOf(sheet, chart.source);
  const [header = [], ...body] = cells;
  return {
    categories: body.map((row) => String(row[0] ?? '')),
    series: header.slice(1).map((name, i) => ({ name: String(name), values: body.map((row) => row[i + 1] ?? '') })),
  };
}
