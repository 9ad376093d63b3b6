// The overdue, due-soon and 待补全 (IMP4) list, read from the room's Y.Doc (the 预警 field the server keeps current), most urgent first.
import type { CaseData } from '../../shared/case';
import { text } from '../../shared/case';
import { parseIsoTime } from '../../shared/time';
import { WARNING_LABEL } from '../../shared/vocabulary';
import { displayValue } from '../binding/columns';

export interface DueItem {
  id: string;
  warning: 'overdue' | 'dueSoon' | 'incomplete';
  /** 超期 / 临期 / 待补全 */
  label: string;
  /** `〔2026〕15号 某某公司` */
  title: string;
  /** `办结时限 2026-10-13 23:59` */
  due: string;
}

export function dueList(cases: readonly CaseData[]): DueItem[] {
  const items: (DueItem & { dueMs: number })[] = [];
  for (const c of cases) {
    const w = c.fields.warning;
    if (w !== 'overdue' && w !== 'dueSoon' && w !== 'incomplete') continue;
    const dueAt = text(c, 'dueAt');
    const shown = displayValue('dueAt', dueAt);
    const due = w === 'incomplete' ? '导入的诉求缺交办日期或办理类型，请“补全信息”' : null;
    items.push({
      id: c.id,
      warning: w,
      label: WARNING_LABEL[w],
      title: [text(c, 'code') ?? '', text(c, 'company') ?? ''].filter((x) => x !== '').join(' '),
      due: due ?? (shown === null ? '办结时限未定' : `办结时限 ${String(shown)}`),
      dueMs: parseIsoTime(dueAt ?? '') ?? Number.MAX_SAFE_INTEGER,
    });
  }
  const rank = { overdue: 0, dueSoon: 1, incomplete: 2 } as const;
  items.sort((a, b) => rank[a.warning] - rank[b.warning] || a.dueMs - b.dueMs);
  return items.map(({ dueMs: _dueMs, ...item }) => item);
}
