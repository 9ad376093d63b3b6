// Extensions of the handling time limit: the lead unit's request (申请延期) and the office's decision (延期审批).
import type { CaseData } from '../case';
import { appendUnit, kindOf, num, text } from '../case';
import type { Calendar } from '../calendar';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import type { Deadline } from '../deadlines';
import { KIND_LIMIT, addWorkingDays, computeDueAt } from '../deadlines';
import { endOfShanghaiDay, formatShanghai, parseIsoTime, shanghaiDate } from '../time';
import { readInput } from '../contract/read-input';
import type { CaseKind } from '../vocabulary';
import type { Handler, Outcome } from './types';
import { appendLine, today } from './types';
import { charCount } from '../validation';
import { fieldDef } from '../fields';

const HOUR_MS = 3_600_000;

/** '3个工作日' or '12小时', in the unit of the kind's time limit. */
export function extensionAmountLabel(kind: CaseKind, amount: number): string {
  return KIND_LIMIT[kind].unit === 'hours' ? `${amount}小时` : `${amount}个工作日`;
}

function limitText(kind: CaseKind): string {
  return extensionAmountLabel(kind, KIND_LIMIT[kind].amount);
}

/**
 * WF41: the characters a request keeps free in 延期情况 for the line that closes it (the decision's own words or a
 * withdrawal by 反馈/退回, about 45 characters), so a request can always be decided or withdrawn.
 */
export const EXTENSION_CLOSE_RESERVE = 60;

/** WF41: the request line fits and leaves room for its closing line; else TOO_LONG on 申请理由, with the room left. */
function requestLine(c: CaseData, line: string): ReturnType<typeof appendLine> {
  const next = appendLine(c, 'extension', line);
  const max = fieldDef('extension').max ?? Infinity;
  if (next.ok && charCount(next.value) + 1 + EXTENSION_CLOSE_RESERVE <= max) return next;
  const used = charCount(typeof c.fields.extension === 'string' ? c.fields.extension : '');
  const room = Math.max(0, max - used - (used > 0 ? 1 : 0) - 1 - EXTENSION_CLOSE_RESERVE);
  return fail(
    'TOO_LONG',
    `“延期情况”已记录 ${used} 字（上限 ${max} 字，每次申请须为审批结果留出 ${EXTENSION_CLOSE_RESERVE} 字），本次申请记录还可写 ${room} 字：请精简申请理由`,
    'reason',
  );
}

/** WF41: a decision line that does not fit is the 审批意见's length (the request kept room for the rest). */
function decisionLine(c: CaseData, line: string): ReturnType<typeof appendLine> {
  const next = appendLine(c, 'extension', line);
  if (next.ok) return next;
  const max = fieldDef('extension').max ?? Infinity;
  const used = charCount(typeof c.fields.extension === 'string' ? c.fields.extension : '');
  return fail('TOO_LONG', `审批意见过长：“延期情况”还可写 ${Math.max(0, max - used - 1)} 字，请精简审批意见`, 'note');
}

function caseKind(c: CaseData): Result<CaseKind> {
  const kind = kindOf(c);
  return kind === null ? fail('INVALID_STATE', '诉求尚未确定办理类型，不能办理延期') : ok(kind);
}

/**
 * WF14/WF25: the lead unit asks, before dueAt, for `amount` more (working days; hours for a consultation), with a
 * reason, and records when and how it told the company (四(三) 同时向诉求企业说明情况; the date not in the future).
 */
export const extensionRequest: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('extension-request', input);
  if (!r.ok) return r;
  const { amount, reason, toldOn, toldBy } = r.value;
  if (toldOn > today(ctx)) return fail('DATE_IN_FUTURE', `告知企业日期不能晚于今天（${today(ctx)}）`, 'toldOn');
  // WF25: the company is told about an extension of a case it has been assigned, never before
  const assigned = text(c, 'assignedAt')?.slice(0, 10) ?? null;
  if (assigned !== null && toldOn < assigned)
    return fail('INVALID_DATE', `告知企业日期不能早于交办日期（${assigned}）`, 'toldOn');
  const kind = caseKind(c);
  if (!kind.ok) return kind;
  const dueMs = parseIsoTime(text(c, 'dueAt') ?? '');
  if (dueMs !== null && Math.floor(ctx.now / 1000) * 1000 > dueMs) {
    return fail('DEADLINE_PASSED', `已超过办结时限（${text(c, 'dueAt')}），不能再申请延期；延期须在办理时限内申请`);
  }
  if (num(c, 'extensionPending') !== null) {
    return fail(
      'EXTENSION_PENDING',
      `已有待审批的延期申请（${extensionAmountLabel(kind.value, num(c, 'extensionPending') ?? 0)}），请等待市营商办审批`,
    );
  }
  const granted = num(c, 'extensionGranted') ?? 0;
  const limit = KIND_LIMIT[kind.value].amount;
  if (granted + amount > limit) {
    return fail(
      'EXTENSION_TOO_LONG',
      `延长时限原则上不得超过原办理时限的1倍：原时限 ${limitText(kind.value)}，已批准 ${granted}，最多还可申请 ${Math.max(0, limit - granted)}`,
      'amount',
    );
  }
  const line = requestLine(
    c,
    `${today(ctx)} 申请延期${extensionAmountLabel(kind.value, amount)}：${reason}；已于 ${toldOn} 以${toldBy}方式告知企业`,
  );
  if (!line.ok) return line;
  return ok({ set: { extensionPending: amount, extension: line.value }, note: reason });
};

/**
 * The due time after an approved extension. Round 1: computeDueAt from assignedAt with all granted extension, exactly
 * as assigned. Round 2 (二次办理) counts from the second-round start, which is not stored: the current dueAt is that
 * start's deadline plus what was granted so far, so the new dueAt is the current one moved on by `amount`
 * (the same result, since working days add up).
 */
function extendedDue(cal: Calendar, c: CaseData, kind: CaseKind, granted: number, amount: number): Result<Deadline> {
  const assignedMs = parseIsoTime(text(c, 'assignedAt') ?? '');
  if ((num(c, 'round') ?? 1) < 2 && assignedMs !== null)
    return ok(computeDueAt(cal, kind, assignedMs, granted + amount));
  const dueMs = parseIsoTime(text(c, 'dueAt') ?? '');
  if (dueMs === null) return fail('INVALID_STATE', '诉求没有办结时限，不能延期');
  if (KIND_LIMIT[kind].unit === 'hours') {
    const ms = dueMs + amount * HOUR_MS;
    return ok({ dueAt: formatShanghai(ms), dueDate: shanghaiDate(ms), provisional: null });
  }
  const moved = addWorkingDays(cal, shanghaiDate(dueMs), amount);
  return ok({
    dueAt: endOfShanghaiDay(moved.date),
    dueDate: moved.date,
    provisional: moved.provisional ?? text(c, 'dueNote'),
  });
}

/**
 * WF15: the office decides the pending request. Approve: amount defaults to the pending amount, 1..pending, and
 * granted + amount ≤ the original limit; dueAt moves. Refuse: nothing but the log line. Either way the request is closed.
 */
export const extensionDecision: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('extension-decision', input);
  if (!r.ok) return r;
  const { approve, amount: amountInput, note } = r.value;
  const pending = num(c, 'extensionPending');
  if (pending === null) return fail('NO_PENDING_EXTENSION');
  const kind = caseKind(c);
  if (!kind.ok) return kind;
  const suffix = note ? `：${note}` : '';
  if (!approve) {
    const line = decisionLine(
      c,
      `${today(ctx)} 不同意延期（申请${extensionAmountLabel(kind.value, pending)}）${suffix}`,
    );
    if (!line.ok) return line;
    return ok({ set: { extensionPending: null, extension: line.value }, note });
  }
  const amount = amountInput ?? pending;
  if (amount > pending) {
    return fail('INVALID_NUMBER', `批准延期不能超过申请的${extensionAmountLabel(kind.value, pending)}`, 'amount');
  }
  const granted = num(c, 'extensionGranted') ?? 0;
  if (granted + amount > KIND_LIMIT[kind.value].amount) {
    return fail(
      'EXTENSION_TOO_LONG',
      `延长时限原则上不得超过原办理时限的1倍（原时限 ${limitText(kind.value)}，已批准 ${granted}）`,
      'amount',
    );
  }
  const due = extendedDue(ctx.calendar, c, kind.value, granted, amount);
  if (!due.ok) return due;
  const until =
    KIND_LIMIT[kind.value].unit === 'hours' ? due.value.dueAt.slice(0, 16).replace('T', ' ') : due.value.dueDate;
  const line = decisionLine(
    c,
    `${today(ctx)} 同意延期${extensionAmountLabel(kind.value, amount)}，办结时限延至 ${until}${suffix}`,
  );
  if (!line.ok) return line;
  return ok({
    set: {
      extensionPending: null,
      extensionGranted: granted + amount,
      extensionCount: (num(c, 'extensionCount') ?? 0) + 1,
      // STAT13: counted at the unit leading the case when it was granted
      extensionUnits: appendUnit(c.fields.extensionUnits, text(c, 'leadUnit')),
      dueAt: due.value.dueAt,
      dueNote: due.value.provisional,
      extension: line.value,
    },
    note,
  });
};
