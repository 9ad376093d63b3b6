// Actors and cases used across the domain-core tests.
import type { Actor, CaseData } from '../../shared/case';
import type { FieldValue } from '../../shared/fields';

export const LEAD = 'u-scjg';
export const CO = 'u-zjj';
export const OTHER = 'u-swj';

export const actors = {
  office: { userId: 'o1', name: '营商办张三', role: 'office', unitId: null },
  viewer: { userId: 'v1', name: '领导', role: 'viewer', unitId: null },
  lead: { userId: 'l1', name: '市场监管李四', role: 'unit', unitId: LEAD },
  co: { userId: 'c1', name: '住建王五', role: 'unit', unitId: CO },
  other: { userId: 'x1', name: '税务赵六', role: 'unit', unitId: OTHER },
} satisfies Record<string, Actor>;

export type ActorName = keyof typeof actors;
export const ACTOR_NAMES = Object.keys(actors) as ActorName[];

export function caseIn(status: string, extra: Record<string, FieldValue> = {}): CaseData {
  return {
    id: 'c-1',
    fields: {
      seq: 1,
      code: '〔2026〕1号',
      receivedAt: '2026-09-28',
      channel: '热线电话',
      company: '枣阳市某某机械有限公司',
      contactName: '刘先生',
      contactPhone: '13812345678',
      summary: '办理施工许可被反复要求补充材料',
      category: '1.行政许可、政务服务不予受理或不按程序时限办理',
      status,
      round: 1,
      archived: '否',
      warning: 'normal',
      leadUnit: LEAD,
      coUnits: CO,
      kind: 'general',
      assignedAt: '2026-09-30T10:00:00+08:00',
      dueAt: '2026-10-13T23:59:59+08:00',
      ...extra,
    },
  };
}
