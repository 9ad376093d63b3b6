// The statistics of a period (GET /api/stats) as Chinese text: a card per unit, the cuts, the rates' definitions (pure).
import type { GroupStats, StatsRow, UnitStats } from '../../shared/stats/report';
import type { Stats } from '../../shared/contract/http';
import type { Figures } from '../../shared/stats/figures';
import type { Rates } from '../../shared/stats/rates';
import { SCORE_WEIGHTS } from '../../shared/stats/rates';
import { FIGURE_LABELS, RATE_LABELS } from '../../shared/stats/labels';

export { FIGURE_LABELS, RATE_LABELS };

const WEIGHTS = SCORE_WEIGHTS.map((w) => `${w.label}×${w.weight}`).join(' + ');

/** STAT9: each rate's definition, shown under the figures (说明). */
export const RATE_NOTES: { term: string; text: string }[] = [
  {
    term: '按时反馈率',
    text: '按办结时限（含批准的延期）反馈的轮次 ÷ 已反馈或已超期的轮次；首轮与二次办理各算一次，首轮始终按首轮的时限和反馈时间计算。',
  },
  { term: '首次回访满意率', text: '首次回访为非常满意、满意、基本满意的诉求 ÷ 已首次回访的诉求（一次办好）。' },
  {
    term: '最终满意率',
    text: '最近一次评价（承办单位回访或市营商办“回头看”，以后发生者为准）为满意（含非常满意、基本满意）的诉求 ÷ 已回访的诉求。',
  },
  { term: '回头看满意率', text: '市营商办“回头看”最近一次评价为满意的诉求 ÷ 被回头看的诉求。' },
  { term: '响应率', text: '已答复（首轮已向企业反馈，或已办结，含即时答复）的诉求 ÷ 受理的诉求（不含不予受理）。' },
  { term: '办结率', text: '已办结（不含移送纪检监察、不予受理）的诉求 ÷ 受理的诉求（不含不予受理）。' },
  {
    term: '综合得分',
    text: `${WEIGHTS}，满分 100；缺少的项不计，其余按权重折算；但已向企业反馈而尚无回访记录的单位，两项满意度按 0 计（回访是承办单位的职责）；无可计项的单位不排名。`,
  },
  { term: '统计期间', text: '按受理日期统计（含起止两日）；“当前超期”和“逾期未回复的督办单”为此刻的情况。' },
];

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export interface Pair {
  label: string;
  value: string;
  /** ADDIN81: the rate's definition, shown on hover and on tap. */
  note?: string;
}

export interface StatsCard {
  title: string;
  /** 综合得分 and 排名, or why there is none. */
  score: string;
  /** The four rates a reader looks at first. */
  key: Pair[];
  /** Every figure and rate. */
  details: Pair[];
}

type KeyRate = 'onTimeRate' | 'satisfactionRate' | 'responseRate' | 'resolutionRate';

/**
 * ADDIN81: what each key rate counts — part, whole and their unit — so a rate is read with its basis: 按时反馈率 50%
 * （1/2 轮） next to 已办结 0 counts feedback rounds, not closed cases. The same sums as ratesOf (shared/stats/rates.ts).
 */
const BASIS: Record<KeyRate, (r: StatsRow) => [part: number, whole: number, unit: string]> = {
  onTimeRate: (r) => [
    r.round1OnTime + r.round2OnTime,
    r.round1OnTime + r.round1Late + r.round2OnTime + r.round2Late,
    '轮',
  ],
  satisfactionRate: (r) => [r.finalSatisfied, r.finalVisited, '件'],
  responseRate: (r) => [r.responded, r.received - r.rejected, '件'],
  resolutionRate: (r) => [r.closed, r.received - r.rejected, '件'],
};
const KEY_RATES = Object.keys(BASIS) as KeyRate[];

const noteOf = (label: string): string | undefined => RATE_NOTES.find((n) => n.term === label)?.text;

function keyRate(row: StatsRow, k: KeyRate): Pair {
  const [part, whole, unit] = BASIS[k](row);
  const label = RATE_LABELS[k];
  const value = whole > 0 ? `${percent(row[k])}（${part}/${whole} ${unit}）` : percent(row[k]);
  const note = noteOf(label);
  return note === undefined ? { label, value } : { label, value, note };
}

function card(title: string, row: StatsRow, score: string, overdue?: number): StatsCard {
  return {
    title,
    score,
    key: KEY_RATES.map((k) => keyRate(row, k)),
    details: [
      // STAT7: this unit's 督办单 past their reply date and still unanswered now
      ...(overdue === undefined ? [] : [{ label: '逾期未回复督办单（当前）', value: String(overdue) }]),
      ...(Object.keys(FIGURE_LABELS) as (keyof Figures)[]).map((k) => ({
        label: FIGURE_LABELS[k],
        value: String(row[k]),
      })),
      ...(Object.keys(RATE_LABELS) as (keyof Rates)[]).map((k) => ({ label: RATE_LABELS[k], value: percent(row[k]) })),
    ],
  };
}

function scoreText(u: UnitStats): string {
  if (u.score === null) return '无可计项，不排名';
  return `综合得分 ${u.score.toFixed(2)}${u.rank === null ? '' : ` · 第 ${u.rank} 名`}`;
}

export interface GroupTable {
  headers: string[];
  rows: string[][];
}

function groupTable(first: string, groups: readonly GroupStats[]): GroupTable {
  return {
    headers: [first, '受理', '办结率', '满意率'],
    rows: groups.map((g) => [g.key, String(g.received), percent(g.resolutionRate), percent(g.satisfactionRate)]),
  };
}

export interface StatsModel {
  period: string;
  units: StatsCard[];
  totals: StatsCard;
  byCategory: GroupTable;
  byChannel: GroupTable;
  note: string;
}

export function statsModel(s: Stats): StatsModel {
  return {
    period: s.period.label,
    units: s.units.map((u) => card(u.unitName, u, scoreText(u), u.overdueSupervisions)),
    totals: card('合计', s.totals, `受理 ${s.totals.received} 件`),
    byCategory: groupTable('诉求类别', s.byCategory),
    byChannel: groupTable('问题来源', s.byChannel),
    note: s.overdueSupervisions > 0 ? `逾期未回复的督办单：${s.overdueSupervisions} 件` : '没有逾期未回复的督办单',
  };
}
