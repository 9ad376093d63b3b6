// ADDIN31: the statistics as the 统计 sheet — a table per unit (rates first, for the chart), the totals, the cuts (pure).
import type { Stats } from '../../shared/contract/http';
import type { Figures } from '../../shared/stats/figures';
import { FIGURE_KEYS } from '../../shared/stats/figures';
import { CHART_RATES, RATE_ORDER } from '../../shared/stats/assessment-book';
import type { GroupStats, StatsRow } from '../../shared/stats/report';
import type { CellValue, ReportBlock, ReportSheet } from '../sheet/port';
import { FIGURE_LABELS, RATE_LABELS } from './stats-view';

export const STATS_SHEET = '统计';
export const STATS_MARK = '企业诉求办理统计';
export const STATS_CHART = '统计图';

/** The chart's series are the first columns after the name (the same order as the .xlsx, ANX12). */
const RATES = RATE_ORDER;

function figures(row: StatsRow): CellValue[] {
  return FIGURE_KEYS.map((k: keyof Figures) => row[k]);
}

function rateHeaders(): string[] {
  return RATES.map((k) => RATE_LABELS[k]);
}

function rateRange(start: number): number[] {
  return RATES.map((_, i) => start + i);
}

function unitBlock(s: Stats): ReportBlock {
  return {
    heading: '各承办单位（按综合得分排名）',
    headers: ['承办单位', ...rateHeaders(), '综合得分', '排名', ...FIGURE_KEYS.map((k) => FIGURE_LABELS[k])],
    rows: s.units.map((u) => [u.unitName, ...RATES.map((k) => u[k]), u.score, u.rank, ...figures(u)]),
    percentColumns: rateRange(1),
  };
}

function groupBlock(heading: string, first: string, groups: readonly GroupStats[]): ReportBlock {
  return {
    heading,
    headers: [first, ...rateHeaders(), ...FIGURE_KEYS.map((k) => FIGURE_LABELS[k])],
    rows: groups.map((g) => [g.key, ...RATES.map((k) => g[k]), ...figures(g)]),
    percentColumns: rateRange(1),
  };
}

/** ADDIN31: the sheet for these statistics; no chart when no unit has a rate to plot. */
export function statsSheet(s: Stats, writtenAt: string): ReportSheet {
  const plottable = s.units.some((u) => CHART_RATES.some((k) => u[k] !== null));
  return {
    sheetName: STATS_SHEET,
    title: `${STATS_MARK}（${s.period.label}，受理日期；生成于 ${writtenAt}）`,
    mark: STATS_MARK,
    blocks: [
      unitBlock(s),
      groupBlock('合计', '范围', [{ key: '全部', ...s.totals }]),
      groupBlock('按诉求类别', '诉求类别', s.byCategory),
      groupBlock('按问题来源', '问题来源', s.byChannel),
    ],
    chart: plottable
      ? { name: STATS_CHART, title: `各单位按时反馈率与满意率（${s.period.label}）`, columns: 1 + CHART_RATES.length }
      : null,
  };
}
