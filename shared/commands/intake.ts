// Office intake commands on a registered case: reject (不予受理), answer (即时答复), assign (交办).
import type { CaseData } from '../case';
import { formatUnitList, text } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import { computeDueAt } from '../deadlines';
import { formatShanghai, shanghaiDate } from '../time';
import { readInput } from '../contract/read-input';
import type { Handler, Outcome } from './types';
import { nowIso } from './types';

/** At most this many cooperating units on one case. */
export const MAX_CO_UNITS = 10;

/** WF4: registered → rejected, rejectReason = ground + '；' + note; no 诉求类别 needed (WF21). */
export const reject: Handler = (_actor, _c, input) => {
  const r = readInput('reject', input);
  if (!r.ok) return r;
  const { ground, note } = r.value;
  return ok({ set: { status: 'rejected', rejectReason: note ? `${ground}；${note}` : ground }, note });
};

/**
 * WF21: 交办 and 即时答复 accept the case, so it must carry one of the 14 accepted-scope categories: the one in the
 * sheet, or one given with the command (then stored; so a client that only speaks HTTP can accept the case too).
 */
function needsCategory(c: CaseData, given: string | null, label: string): Result<never> | null {
  if (given !== null || text(c, 'category') !== null) return null;
  return fail('REQUIRED', `请先填写“诉求类别”（受理范围 14 类之一），再${label}`, 'category');
}

/** WF5: registered → closed; a consultation answered at once: kind consult, measures = reply, fedBackAt = now. */
export const answer: Handler = (_actor, c, input, ctx) => {
  const r = readInput('answer', input);
  if (!r.ok) return r;
  const { reply, category } = r.value;
  const noCategory = needsCategory(c, category, '即时答复');
  if (noCategory !== null) return noCategory;
  return ok({
    set: {
      status: 'closed',
      kind: 'consult',
      measures: reply,
      fedBackAt: nowIso(ctx),
      ...(category !== null ? { category } : {}),
    },
    note: null,
  });
};

/**
 * WF6: registered|returned → assigned. Lead unit must exist (UNKNOWN_UNIT); co units: ≤ 10, distinct, not the lead,
 * all existing (INVALID_UNITS / UNKNOWN_UNIT). assignedAt defaults to now, never in the future, never before receivedAt.
 */
export const assign: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('assign', input);
  if (!r.ok) return r;
  const { leadUnit: lead, coUnits: co, kind, note, assignedAt: assignedAtInput, category } = r.value;
  const noCategory = needsCategory(c, category, '交办');
  if (noCategory !== null) return noCategory;

  if (ctx.unitName(lead) === null) return fail('UNKNOWN_UNIT', `牵头办理单位不存在：${lead}`, 'leadUnit');
  const coIds = co.map((id) => id.trim());
  if (coIds.length > MAX_CO_UNITS) return fail('INVALID_UNITS', `配合办理单位最多 ${MAX_CO_UNITS} 个`, 'coUnits');
  if (coIds.includes(lead)) return fail('INVALID_UNITS', '牵头办理单位不能同时作为配合办理单位', 'coUnits');
  if (new Set(coIds).size !== coIds.length) return fail('INVALID_UNITS', '配合办理单位不能重复', 'coUnits');
  const unknown = coIds.find((id) => ctx.unitName(id) === null);
  if (unknown !== undefined) return fail('UNKNOWN_UNIT', `配合办理单位不存在：${unknown}`, 'coUnits');

  const assignedAt = assignedAtInput ?? ctx.now;
  if (Math.floor(assignedAt / 1000) > Math.floor(ctx.now / 1000)) {
    return fail('DATE_IN_FUTURE', '交办日期不能晚于当前时间', 'assignedAt');
  }
  const received = text(c, 'receivedAt');
  if (received !== null && shanghaiDate(assignedAt) < received) {
    return fail('DATE_BEFORE_RECEIVED', `交办日期不能早于受理日期（${received}）`, 'assignedAt');
  }
  const due = computeDueAt(ctx.calendar, kind, assignedAt);
  return ok({
    set: {
      status: 'assigned',
      leadUnit: lead,
      coUnits: formatUnitList(coIds),
      kind,
      assignNote: note,
      assignedAt: formatShanghai(assignedAt),
      dueAt: due.dueAt,
      dueNote: due.provisional,
      extensionPending: null,
      extensionGranted: 0,
      returnReason: null,
      ...(category !== null ? { category } : {}),
    },
    note,
  });
};
