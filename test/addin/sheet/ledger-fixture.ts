// Realistic ledger rows for the sheet-port tests: seeded cases in every stage, rendered with the binding's rowOf().
import { prng as random } from '../../../shared/prng';
import { rowOf } from '../../../addin/binding/columns';
import type { CellValue } from '../../../addin/sheet/port';
import type { CaseData } from '../../../shared/case';
import type { FieldValue } from '../../../shared/fields';
import { CATEGORIES, CHANNELS } from '../../../shared/vocabulary';

const UNITS: Record<string, string> = {
  'u-scjg': '市市场监督管理局',
  'u-zjj': '市住房和城乡建设局',
  'u-zrzy': '市自然资源和规划局',
  'u-swj': '市税务局',
  'u-rsj': '市人力资源和社会保障局',
};
const UNIT_IDS = Object.keys(UNITS);

const PHRASES = [
  '企业反映',
  '在办理施工许可过程中',
  '被要求反复补充材料',
  '审批时限明显超过承诺时限',
  '相关窗口工作人员答复不一致',
  '希望尽快明确办理标准',
  '厂房不动产登记迟迟未能办结',
  '涉及历史遗留用地手续问题',
  '社保补缴政策执行口径不统一',
  '增值税留抵退税申请已提交两个月',
  '经核查',
  '承办单位已与企业当面沟通',
  '现场踏勘后确认情况属实',
  '已协调相关科室限期办理',
  '企业对办理结果表示认可',
  '下一步将建立定期回访机制',
  '督促责任单位于五个工作日内反馈',
  '因涉及多部门职责需联合会商',
  '已约谈相关责任人',
  '并在全市范围内开展专项排查',
  '，',
  '，',
  '。',
  '；',
];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)] as T;
}

function prose(rnd: () => number, min: number, max: number): string {
  const target = min + Math.floor(rnd() * (max - min));
  let s = '';
  while (s.length < target) s += pick(rnd, PHRASES);
  return `${s.replace(/^[，。；]+/, '')}。`;
}

function day(rnd: () => number): string {
  return `2026-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
}

/** Case number `i` (1-based): about a third still new, a third being handled, a third fed back, visited or archived. */
export function ledgerCase(i: number): CaseData {
  const rnd = random(i * 7919);
  const stage = i % 3;
  const lead = pick(rnd, UNIT_IDS);
  const fields: Record<string, FieldValue> = {
    seq: i,
    code: `〔2026〕${i}号`,
    receivedAt: day(rnd),
    channel: pick(rnd, CHANNELS),
    company: `${pick(rnd, ['枣阳', '襄州', '樊城', '宜城', '老河口'])}市${pick(rnd, ['恒达', '鑫源', '华通', '瑞丰', '宏图'])}${pick(rnd, ['机械', '建材', '食品', '物流', '科技'])}有限公司`,
    address: `${pick(rnd, ['人民路', '长征路', '春园路'])}${1 + Math.floor(rnd() * 300)}号`,
    contactName: `${pick(rnd, ['刘', '王', '陈', '张', '李'])}先生`,
    contactPhone: `13${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
    summary: prose(rnd, 40, 260),
    category: pick(rnd, CATEGORIES),
    status: ['registered', 'handling', 'fedBack'][stage] as string,
    round: 1,
    archived: '否',
    warning: pick(rnd, ['normal', 'normal', 'dueSoon', 'overdue']),
    kind: 'general',
  };
  if (stage >= 1) {
    Object.assign(fields, {
      leadUnit: lead,
      coUnits:
        rnd() < 0.3
          ? pick(
              rnd,
              UNIT_IDS.filter((u) => u !== lead),
            )
          : null,
      assignNote: prose(rnd, 10, 60),
      assignedAt: `${day(rnd)}T10:00:00+08:00`,
      dueAt: `${day(rnd)}T23:59:59+08:00`,
      handler: `${pick(rnd, ['赵', '钱', '孙'])}科长`,
      handlerPhone: `0710-${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`,
      findings: prose(rnd, 60, 300),
    });
  }
  if (stage === 2) {
    Object.assign(fields, {
      measures: prose(rnd, 80, 400),
      feedbackAt: day(rnd),
      feedbackMethod: '电话',
      companyVerdict: '满意',
      visit: prose(rnd, 20, 80),
      fedBackAt: `${day(rnd)}T16:30:00+08:00`,
      visitResult: '满意',
    });
  }
  return { id: `c-${String(i).padStart(6, '0')}`, fields };
}

export function ledgerRow(i: number): CellValue[] {
  return rowOf(ledgerCase(i), (id) => UNITS[id] ?? null);
}

export function ledgerRows(count: number, from = 1): CellValue[][] {
  return Array.from({ length: count }, (_, k) => ledgerRow(from + k));
}
