// ADDIN31, ADDIN32: the 统计 sheet and its native chart written through Office.js, on the Excel simulator.
import { describe, expect, it } from 'vitest';
import { STATS_CHART, STATS_SHEET, statsSheet } from '../../../addin/taskpane/stats-sheet';
import type { Stats } from '../../../shared/contract/http';
import { ZERO_FIGURES } from '../../../shared/stats/figures';
import { readPeriod } from '../../../shared/stats/period';
import { ratesOf } from '../../../shared/stats/rates';
import { chartSeries } from '../../excel-sim/host-charts';
import { readyHarness, SHEET } from './harness';

const zero = { ...ZERO_FIGURES, ...ratesOf(ZERO_FIGURES) };
const HOSTILE = '=HYPERLINK("http://x","点我")';

function stats(onTime: number): Stats {
  const period = readPeriod({ year: '2026', quarter: '4' });
  if (!period.ok) throw new Error('period');
  return {
    period: period.value,
    units: [
      {
        ...zero,
        unitId: 'a',
        unitName: '市税务局',
        overdueSupervisions: 0,
        received: 3,
        onTimeRate: onTime,
        satisfactionRate: 1,
        score: 90.25,
        rank: 1,
      },
      {
        ...zero,
        unitId: 'b',
        unitName: HOSTILE,
        overdueSupervisions: 0,
        received: 1,
        onTimeRate: 0,
        firstSatisfactionRate: 0,
        score: 0,
        rank: 2,
      },
      { ...zero, unitId: 'c', unitName: '2026', score: null, rank: null, overdueSupervisions: 0 },
    ],
    totals: { ...zero, received: 4 },
    byCategory: [{ key: '3.涉企优惠政策不落实', ...zero, received: 4 }],
    byChannel: [{ key: '热线电话', ...zero, received: 4 }],
    overdueSupervisions: 0,
  };
}

function cellsOf(h: Awaited<ReturnType<typeof readyHarness>>, rows: number, cols: number) {
  const s = h.workbook.sheet(STATS_SHEET);
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => s.cell(r, c).v));
}

describe('ADDIN31, ADDIN32: the 统计 sheet', () => {
  it('adds the sheet with the figures as text-safe values and one clustered column chart of the rates', async () => {
    const h = await readyHarness();
    await h.port.writeReport?.(statsSheet(stats(0.5), '2026-11-30 10:00'));
    const sheet = h.workbook.sheet(STATS_SHEET);
    expect(h.workbook.sheets.map((s) => s.name)).toContain(SHEET);
    expect(h.workbook.activeSheet.name).toBe(STATS_SHEET);
    const cells = cellsOf(h, 7, 5);
    expect(cells[0]?.[0]).toBe('企业诉求办理统计（2026年第4季度，受理日期；生成于 2026-11-30 10:00）');
    expect(cells[3]).toEqual(['承办单位', '按时反馈率', '首次回访满意率', '最终满意率', '响应率']);
    expect(cells[4]?.slice(0, 4)).toEqual(['市税务局', 0.5, '', 1]);
    expect(cells[5]?.[0]).toBe(HOSTILE); // text, never a formula
    expect(sheet.cell(5, 0).x).toBeUndefined();
    expect(cells[6]?.[0]).toBe('2026'); // a name that looks like a number stays text
    expect(sheet.cell(4, 1).f.numberFormat).toBe('0.0%');
    // 综合得分 and 排名 after the eight rates: numbers as they are (a score keeps its decimals)
    expect([cellsOf(h, 5, 11)[3]?.slice(9), cellsOf(h, 5, 11)[4]?.slice(9)]).toEqual([
      ['综合得分', '排名'],
      [90.25, 1],
    ]);
    expect(sheet.cell(4, 9).f.numberFormat).toBe('General');
    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0];
    if (!chart) throw new Error('no chart');
    expect(chart).toMatchObject({ name: STATS_CHART, type: 'ColumnClustered', seriesBy: 'Columns' });
    expect(chart.title).toContain('2026年第4季度');
    expect(chartSeries(sheet, chart)).toEqual({
      categories: ['市税务局', HOSTILE, '2026'],
      series: [
        { name: '按时反馈率', values: [0.5, 0, ''] },
        { name: '首次回访满意率', values: ['', 0, ''] },
        { name: '最终满意率', values: [1, '', ''] },
      ],
    });
  });

  it('pressing again rewrites the sheet and replaces the chart: one chart, the new figures, no old rows left', async () => {
    const h = await readyHarness();
    await h.port.writeReport?.(statsSheet(stats(0.5), '2026-11-30 10:00'));
    const fewer = { ...stats(1), units: stats(1).units.slice(0, 1), byCategory: [] };
    await h.port.writeReport?.(statsSheet(fewer, '2026-11-30 11:00'));
    const sheet = h.workbook.sheet(STATS_SHEET);
    expect(sheet.charts).toHaveLength(1);
    const chart = sheet.charts[0];
    if (!chart) throw new Error('no chart');
    expect(chartSeries(sheet, chart).series[0]).toEqual({ name: '按时反馈率', values: [1] });
    expect(cellsOf(h, 7, 1).flat()).not.toContain(HOSTILE);
    expect(h.workbook.sheets.filter((s) => s.name === STATS_SHEET)).toHaveLength(1);
  });

  it('nothing to plot: no chart, and the old one is removed', async () => {
    const h = await readyHarness();
    await h.port.writeReport?.(statsSheet(stats(0.5), '2026-11-30 10:00'));
    const empty = {
      ...stats(0),
      units: [{ ...zero, unitId: 'c', unitName: '市住建局', score: null, rank: null, overdueSupervisions: 0 }],
    };
    const report = statsSheet(empty, '2026-11-30 11:00');
    expect(report.chart).toBeNull();
    await h.port.writeReport?.({ ...report, chart: { name: STATS_CHART, title: '', columns: 4 }, blocks: [] });
    expect(h.workbook.sheet(STATS_SHEET).charts).toEqual([]);
    await h.port.writeReport?.(report);
    expect(h.workbook.sheet(STATS_SHEET).charts).toEqual([]);
  });

  it('a 统计 sheet the add-in did not write is never overwritten', async () => {
    const h = await readyHarness();
    h.workbook.openCells(STATS_SHEET, 'A1', [['我们自己的统计表'], [42]]);
    await expect(h.port.writeReport?.(statsSheet(stats(0.5), '2026-11-30 10:00'))).rejects.toThrow(
      '工作簿中已有名为“统计”的工作表',
    );
    expect(cellsOf(h, 2, 1)).toEqual([['我们自己的统计表'], [42]]);
    expect(h.workbook.sheet(STATS_SHEET).charts).toEqual([]);
  });
});
