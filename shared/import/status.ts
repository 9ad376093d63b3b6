// IMP3: the status of a historical case, inferred from its 附件4 columns by written rules, with a reason to review.
import type { Status } from '../vocabulary';
import { STATUS_LABEL } from '../vocabulary';
import type { Handling } from './handling';
import { isPlaceholder, squeezed } from './plain';
import type { Visit } from './visit';
import { isSatisfied } from './visit';

export type Archived = 'yes' | 'no' | 'unknown';

const ARCHIVED_YES = /^(?:是|已归档|已办结归档|归档|已归|√|✓|✔|true|y|yes)$/i;
const ARCHIVED_NO = /^(?:否|未归档|未办结|未|不|false|n|no)$/i;

/** IMP3: 是否办结归档: 是/已归档 → yes; 否/blank/无 → no; anything else → unknown (reviewed). */
export function readArchived(text: string): Archived {
  const t = squeezed(text);
  if (ARCHIVED_YES.test(t)) return 'yes';
  return isPlaceholder(t) || ARCHIVED_NO.test(t) ? 'no' : 'unknown';
}

export interface StatusFacts {
  readonly archived: Archived;
  /** 移送纪检监察情况 holds text (not a placeholder such as 无). */
  readonly transferred: boolean;
  /** 回访情况 as read; null when the cell is empty or a placeholder (未回访). */
  readonly visit: Visit | null;
  readonly handling: Handling;
  readonly hasUnits: boolean;
}

export interface StatusRead {
  readonly status: Status;
  readonly round: 1 | 2;
  readonly review: string | null;
}

/** Statuses that only a case given to a unit can have. */
const NEEDS_UNIT: readonly Status[] = ['assigned', 'handling', 'returned', 'fedBack', 'unsatisfied', 'explained'];

/** Rules 1–9 of IMP3, in order; the first that applies gives the status. */
function decide(f: StatusFacts, review: string[]): Status {
  const h = f.handling;
  const verdict = f.visit?.verdict ?? null;
  const unsatisfied = verdict !== null && !isSatisfied(verdict);
  if (f.archived === 'yes') {
    if (unsatisfied && !f.transferred) review.push('是否办结归档为“是”，但回访不满意且未移送纪检监察');
    if (h.inProgress) review.push('是否办结归档为“是”，但办理情况写明仍在办理');
    return 'archived';
  }
  if (f.transferred) return 'transferred';
  if (verdict !== null && !unsatisfied) {
    if (h.secondInProgress) review.push(`回访${verdict}，但办理情况写明二次办理中`);
    return 'closed';
  }
  if (unsatisfied) return h.secondInProgress ? 'handling' : 'unsatisfied';
  if (h.label !== null) {
    if (NEEDS_UNIT.includes(h.label) && !f.hasUnits)
      review.push(`办理情况为“${STATUS_LABEL[h.label]}”，但没有办理单位`);
    return h.label;
  }
  if (!f.hasUnits) {
    if (h.mentionsReject) return 'rejected';
    if (h.measures !== null || h.findings !== null) review.push('没有办理单位，但已有办理情况（即时答复还是待交办？）');
    return 'registered';
  }
  if (h.measures === null && h.findings === null) return 'assigned';
  return h.inProgress ? 'handling' : 'fedBack';
}

/** IMP3: the status, the round and, when a person must look, why (Chinese). */
export function inferStatus(f: StatusFacts): StatusRead {
  const review: string[] = [];
  const status = decide(f, review);
  if (f.archived === 'unknown') review.push('“是否办结归档”的值无法识别（应为 是/否/已归档）');
  if (f.visit !== null && f.visit.verdict === null)
    review.push('回访情况中没有可识别的评价（非常满意/满意/基本满意/不满意/非常不满意）');
  const round = f.handling.secondRound || f.visit?.revisited === true ? 2 : 1;
  return { status, round, review: review.length === 0 ? null : review.join('；') };
}
