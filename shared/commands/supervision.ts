// 督办: the office issues a numbered 督办单 (reply due in 5 days); the lead unit replies.
import type { CaseData } from '../case';
import { appendUnit, num, parseUnitList, text } from '../case';
import type { Result } from '../errors';
import { fail, ok } from '../errors';
import { supervisionReplyDue } from '../deadlines';
import { formatSupervisionCode } from '../numbering';
import { parseIsoTime, shanghaiYear } from '../time';
import { readInput } from '../contract/read-input';
import { COMMAND_INPUTS } from '../contract/commands';
import { fieldDef } from '../fields';
import { charCount } from '../validation';
import type { FieldChanges, Handler, Outcome } from './types';
import { appendLine, nowIso, today } from './types';

const CODE = /〔\d{4}〕督\d+号/gu;

/** WF17: what a reply line starts with, before the reply itself: '2026-10-14 督办回复：', '督办回复（逾期）' when late. */
function replyHead(day: string, late: boolean): string {
  return `${day} ${late ? '督办回复（逾期）' : '督办回复'}：`;
}

/**
 * WF27: the characters a 督办 keeps free in 督办情况 for the reply to it: the longest line 督办回复 can append (a late
 * reply of the most characters its input takes, after its date and label) and the line break before it.
 */
export const SUPERVISION_REPLY_RESERVE =
  1 + charCount(replyHead('YYYY-MM-DD', true)) + COMMAND_INPUTS['supervise-reply'].note.max;

/** WF17: how a reply line that had to be shortened to fit 督办情况 ends (the whole reply is in the 办理记录). */
export const SUPERVISION_REPLY_CUT = '…（已截断，全文见办理记录）';

function supervisionLog(c: CaseData): string {
  return typeof c.fields.supervision === 'string' ? c.fields.supervision : '';
}

/** WF27: the 督办 line fits and leaves room for the reply; else TOO_LONG on 督办事项, with the room left for it. */
function issueLine(c: CaseData, line: string, note: string): Result<string> {
  const next = appendLine(c, 'supervision', line);
  const max = fieldDef('supervision').max ?? Infinity;
  if (next.ok && charCount(next.value) + SUPERVISION_REPLY_RESERVE <= max) return next;
  const used = charCount(supervisionLog(c));
  const room = max - used - (used > 0 ? 1 : 0) - SUPERVISION_REPLY_RESERVE - (charCount(line) - charCount(note));
  const kept = `“督办情况”已记录 ${used} 字（上限 ${max} 字，每张督办单须为承办单位的督办回复留出 ${SUPERVISION_REPLY_RESERVE} 字）`;
  return fail(
    'TOO_LONG',
    room > 0
      ? `${kept}，本次督办事项最多还可写 ${room} 字：请精简督办事项`
      : `${kept}，已没有为承办单位回复留出的空间，不能再下发督办单`,
    'note',
  );
}

/**
 * WF17: the reply line, whole when it fits (a 督办 keeps room for it, WF27). A 督办单 issued before that rule may have
 * left less: the reply is then cut to what fits and ends SUPERVISION_REPLY_CUT, and when not even its date, label and
 * that mark fit, 督办情况 is left as it is (null). Never refused: the whole reply is the command's note in the 办理记录.
 */
function replyLine(c: CaseData, head: string, note: string): string | null {
  const whole = appendLine(c, 'supervision', `${head}${note}`);
  if (whole.ok) return whole.value;
  const max = fieldDef('supervision').max ?? Infinity;
  const log = supervisionLog(c);
  const keep = max - charCount(log) - (log !== '' ? 1 : 0) - charCount(head) - charCount(SUPERVISION_REPLY_CUT);
  if (keep < 0) return null;
  const cut = appendLine(c, 'supervision', `${head}${[...note].slice(0, keep).join('')}${SUPERVISION_REPLY_CUT}`);
  return cut.ok ? cut.value : null;
}

/** WF27: the code of the unanswered 督办单 (the last one issued), '' when the log names none; null when none is open. */
export function openSupervisionCode(c: CaseData): string | null {
  if (text(c, 'supervisionDueAt') === null) return null;
  const codes = (text(c, 'supervision') ?? '').match(CODE);
  return codes === null ? '' : (codes[codes.length - 1] ?? '');
}

/**
 * WF16: assigned|handling|unsatisfied; code 〔year〕督n号 from ctx.nextSupervisionNumber (missing → INTERNAL);
 * supervisionCount + 1, reply due end of the 5th day; a line '〔2026〕督3号 2026-10-14 督办：…；请于 2026-10-19 前回复'.
 * WF27: refused (SUPERVISION_OPEN) while the previous 督办单 is unanswered, and (TOO_LONG on 督办事项) when its line
 * would leave less than SUPERVISION_REPLY_RESERVE characters of 督办情况 for the reply.
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
  const line = issueLine(c, `${code} ${today(ctx)} 督办：${note}；请于 ${replyDueAt.slice(0, 10)} 前回复`, note);
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
 * counted in 督办逾期回复次数. The reply always fits 督办情况 (WF27), cut with a mark on a 督办单 issued before that.
 */
export const superviseReply: Handler = (_actor, c, input, ctx): Result<Outcome> => {
  const r = readInput('supervise-reply', input);
  if (!r.ok) return r;
  const { note } = r.value;
  const due = text(c, 'supervisionDueAt');
  if (due === null) return fail('NO_OPEN_SUPERVISION');
  const dueMs = parseIsoTime(due);
  const late = dueMs !== null && Math.floor(ctx.now / 1000) * 1000 > dueMs;
  const line = replyLine(c, replyHead(today(ctx), late), note);
  const set: FieldChanges = { supervisionDueAt: null };
  if (line !== null) set.supervision = line;
  if (late) {
    set.supervisionLateCount = (num(c, 'supervisionLateCount') ?? 0) + 1;
    // STAT13: late at the unit the open 督办单 was issued to
    const issuedTo = parseUnitList(c.fields.supervisedUnits).at(-1) ?? text(c, 'leadUnit');
    set.supervisionLateUnits = appendUnit(c.fields.supervisionLateUnits, issuedTo);
  }
  return ok({ set, note });
};
