// 督办: the office issues a numbered 督办单 (reply due in 5 days); the lead unit replies.
import type { CaseData } from '../case';
import { appendUnit, num, parseUnitList, text } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import { supervisionReplyDue } from '../deadlines';
import { formatSupervisionCode } from '../numbering';
import { parseIsoTime, shanghaiYear } from '../time';
import { readInput } from '../contract/read-input';
import type { FieldChanges, Handler, Outcome } from './types';
import { appendLine, nowIso, today } from './types';

const CODE = /〔\d{4}〕督\d+号/gu;

/** WF27: the code of the unanswered 督办单 (the last one issued), '' when the log names none; null when none is open. */
export function openSupervisionCode(c: CaseData): string | null {
  if (text(c, 'supervisionDueAt') === null) return null;
  const codes = (text(c, 'supervision') ?? '').match(CODE);
  return codes === null ? '' : (codes[codes.length - 1] ?? '');
}

/**
 * WF16: assigned|handling|unsatisfied; code 〔year〕督n号 from ctx.nextSupervisionNumber (missing → INTERNAL);
 * supervisionCount + 1, reply due end of the 5th day; a line '〔2026〕督3号 2026-10-14 督办：…；请于 2026-10-19 前回复'.
 * WF27: refused (SUPERVISION_OPEN) while the previous 督办单 is unanswered.
 */
export const supervise: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('supervise', input);
  if (!r.ok) return r;
  const { note } = r.value;
  const open = openSupervisionCode(c);
  if (open !== null) {
    return fail('SUPERVISION_OPEN', `督办单${open}尚未回复，不能再下发新的督办单；请等待牵头办理单位回复`);
  }
  const n = ctx.nextSupervisionNumber;
  if (n === undefined || !Number.isInteger(n) || n < 1) return fail('INTERNAL', '缺少督办单编号');
  const code = formatSupervisionCode(shanghaiYear(ctx.now), n);
  const replyDueAt = supervisionReplyDue(ctx.now);
  const line = appendLine(
    c,
    'supervision',
    `${code} ${today(ctx)} 督办：${note}；请于 ${replyDueAt.slice(0, 10)} 前回复`,
  );
  if (!line.ok) return line;
  return ok({
    set: {
      supervisionCount: (num(c, 'supervisionCount') ?? 0) + 1,
      // STAT13: the 督办单 is issued to the unit leading the case now, and counts there
      supervisedUnits: appendUnit(c.fields.supervisedUnits, text(c, 'leadUnit')),
      supervisionDueAt: replyDueAt,
      supervision: line.value,
    },
    note,
    supervision: { code, issuedAt: nowIso(ctx), replyDueAt, note },
  });
};

/**
 * WF17: the lead unit replies to the open 督办单 (none open → NO_OPEN_SUPERVISION); a late reply is marked 逾期 and
 * counted in 督办逾期回复次数.
 */
export const superviseReply: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('supervise-reply', input);
  if (!r.ok) return r;
  const { note } = r.value;
  const due = text(c, 'supervisionDueAt');
  if (due === null) return fail('NO_OPEN_SUPERVISION');
  const dueMs = parseIsoTime(due);
  const late = dueMs !== null && Math.floor(ctx.now / 1000) * 1000 > dueMs;
  const line = appendLine(c, 'supervision', `${today(ctx)} ${late ? '督办回复（逾期）' : '督办回复'}：${note}`);
  if (!line.ok) return line;
  const set: FieldChanges = { supervisionDueAt: null, supervision: line.value };
  if (late) {
    set.supervisionLateCount = (num(c, 'supervisionLateCount') ?? 0) + 1;
    // STAT13: late at the unit the open 督办单 was issued to
    const issuedTo = parseUnitList(c.fields.supervisedUnits).at(-1) ?? text(c, 'leadUnit');
    set.supervisionLateUnits = appendUnit(c.fields.supervisionLateUnits, issuedTo);
  }
  return ok({ set, note });
};
