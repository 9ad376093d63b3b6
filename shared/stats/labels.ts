// STAT1, STAT9: the Chinese names of the statistics' figures and rates, for the pane, the 统计 sheet and the .xlsx.
import type { Figures } from './figures';
import type { Rates } from './rates';

export const FIGURE_LABELS: Record<keyof Figures, string> = {
  received: '受理',
  rejected: '不予受理',
  answeredAtOnce: '即时答复',
  assigned: '交办',
  returned: '退回',
  round1OnTime: '首轮按时反馈',
  round1Late: '首轮超时',
  round2OnTime: '二次办理按时反馈',
  round2Late: '二次办理超时',
  overdue: '当前超期',
  explanationsOverdue: '说明逾期',
  decisionsOverdue: '说明待决定逾期',
  extensions: '延期',
  firstVisited: '首次回访',
  firstSatisfied: '首次回访满意',
  finalVisited: '最终回访',
  finalSatisfied: '最终满意',
  spotChecked: '回头看',
  spotCheckSatisfied: '回头看满意',
  explained: '作出说明',
  explanationsAccepted: '说明被采纳',
  secondRound: '二次办理',
  supervisions: '督办',
  supervisionsLate: '督办逾期回复',
  transfers: '移送纪检监察',
  responded: '已答复',
  closed: '已办结',
};

export const RATE_LABELS: Record<keyof Rates, string> = {
  onTimeRate: '按时反馈率',
  round1OnTimeRate: '首轮按时率',
  round2OnTimeRate: '二次办理按时率',
  firstSatisfactionRate: '首次回访满意率',
  satisfactionRate: '最终满意率',
  spotCheckSatisfactionRate: '回头看满意率',
  responseRate: '响应率',
  resolutionRate: '办结率',
};
