// ANX12–ANX14: the assessment workbook's contents (pure) — a sheet per cut, its title with the period, the unit chart.
import type { Figures } from './figures';
import { FIGURE_KEYS } from './figures';
import { FIGURE_LABELS, RATE_LABELS } from './labels';
import type { Rates } from './rates';
import type { GroupStats, StatsReport, StatsRow } from './report';

export type BookValue = string | number | null;

export interface BookSheet {
  /** Sheet name: 按单位, 按类别, 按来源. */
  name: string;
  /** Row 1: what the sheet counts and the period. */
  title: string;
  headers: string[];
  rows: BookValue[][];
  /** Column indexes (0-based) of the rates, shown as percentages with one decimal. */
  percentColumns: number[];
  /** Column indexes written as text (names), never read as numbers or formulas. */
  textColumns: number[];
}

/** ANX14: the clustered column chart of the unit sheet — its series are columns 1..3 of the rows. */
export interface BookChart {
  title: string;
  /** 0-based column indexes of the series, after the name column 0. */
  seriesColumns: number[];
  /** The first `rows` rows are plotted (the units; not 合计). */
  rows: number;
}

export interface AssessmentBook {
  sheets: BookSheet[];
  chart: BookChart | null;
}

export const ASSESSMENT_TITLE = '企业诉求办理考核统计';
export const UNIT_SHEET = '按单位';
export const CATEGORY_SHEET = '按类别';
export const CHANNEL_SHEET = '按来源';

/** The chart's rates first (ADDIN31's order), then the others. */
export const CHART_RATES: (keyof Rates)[] = ['onTimeRate', 'firstSatisfactionRate', 'satisfactionRate'];
const OTHER_RATES: (keyof Rates)[] = [
  'responseRate',
  'resolutionRate',
  'round1OnTimeRate',
  'round2OnTimeRate',
  'spotCheckSatisfactionRate',
];
/** Every rate in the order the sheets show them (the 统计 sheet of ADDIN31 too). */
export const RATE_ORDER: (keyof Rates)[] = [...CHART_RATES, ...OTHER_RATES];
const RATES = RATE_ORDER;
const RATE_COLUMNS = RATES.map((_, i) => 1 + i);

function figures(row: StatsRow): number[] {
  return FIGURE_KEYS.map((k: keyof Figures) => row[k]);
}

function groupSheet(
  name: string,
  first: string,
  what: string,
  groups: readonly GroupStats[],
  r: StatsReport,
): BookSheet {
  return {
    name,
    title: `${what}（${r.period.label}，按受理日期）`,
    headers: [first, ...RATES.map((k) => RATE_LABELS[k]), ...FIGURE_KEYS.map((k) => FIGURE_LABELS[k])],
    rows: groups.map((g) => [g.key, ...RATES.map((k) => g[k]), ...figures(g)]),
    percentColumns: RATE_COLUMNS,
    textColumns: [0],
  };
}

/**
 * ANX12–ANX14: 按单位 (rates, 综合得分, 排名, every figure; the totals last as 合计), 按类别, 按来源, each titled with the
 * city and the period. A chart only when some unit has one of the charted rates.
 */
export function assessmentBook(r: StatsReport, city: string): AssessmentBook {
  const unitHeaders = ['承办单位', ...RATES.map((k) => RATE_LABELS[k]), '综合得分', '排名'];
  const units: BookSheet = {
    name: UNIT_SHEET,
    title: `${city}${ASSESSMENT_TITLE}·按承办单位（${r.period.label}，按受理日期）`,
    headers: [...unitHeaders, ...FIGURE_KEYS.map((k) => FIGURE_LABELS[k])],
    rows: [
      ...r.units.map((u) => [u.unitName, ...RATES.map((k) => u[k]), u.score, u.rank, ...figures(u)]),
      ['合计', ...RATES.map((k) => r.totals[k]), null, null, ...figures(r.totals)],
    ],
    percentColumns: RATE_COLUMNS,
    textColumns: [0],
  };
  const plottable = r.units.some((u) => CHART_RATES.some((k) => u[k] !== null));
  return {
    sheets: [
      units,
      groupSheet(CATEGORY_SHEET, '诉求类别', `${city}${ASSESSMENT_TITLE}·按诉求类别`, r.byCategory, r),
      groupSheet(CHANNEL_SHEET, '问题来源', `${city}${ASSESSMENT_TITLE}·按问题来源`, r.byChannel, r),
    ],
    chart: plottable
      ? {
          title: `各单位按时反馈率与满意率（${r.period.label}）`,
          seriesColumns: CHART_RATES.map((_, i) => 1 + i),
          rows: r.units.length,
        }
      : null,
  };
}
