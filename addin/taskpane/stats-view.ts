// The per-unit statistics table (GET /api/stats) as Chinese headers and text cells (pure).
import type { Stats, StatsCounts } from '../../shared/contract/http';

export const STATS_HEADERS = [
  '承办单位',
  '牵头办理',
  '已办结',
  '按时办结率',
  '满意率',
  '超期',
  '督办次数',
  '二次办理',
] as const;

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

function cells(name: string, c: StatsCounts): string[] {
  return [
    name,
    String(c.received),
    String(c.closed),
    percent(c.onTimeRate),
    percent(c.satisfactionRate),
    String(c.overdue),
    String(c.supervisions),
    String(c.secondRound),
  ];
}

export function statsTable(s: Stats): { headers: readonly string[]; rows: string[][]; totals: string[]; note: string } {
  return {
    headers: STATS_HEADERS,
    rows: s.units.map((u) => cells(u.unitName, u)),
    totals: cells('合计', s.totals),
    note: s.overdueSupervisions > 0 ? `逾期未回复的督办单：${s.overdueSupervisions} 件` : '没有逾期未回复的督办单',
  };
}
