// ADDIN65: what a form is about, shown above its fields — the 督办 being answered, the extension asked, the reply due.
import type { CaseData } from '../../shared/case';
import { kindOf, num, text } from '../../shared/case';
import { openSupervisionCode } from '../../shared/commands/supervision';
import { SUPERVISION_REPLY_DAYS } from '../../shared/deadlines';
import { addDays } from '../../shared/time';
import type { InputName } from '../../shared/contract/commands';

/** The last line of a log field that matches `test` (the logs are one dated line per step). */
function lastLine(c: CaseData, field: 'supervision' | 'extension', test: (line: string) => boolean): string | null {
  const lines = (text(c, field) ?? '').split('\n').filter(test);
  return lines[lines.length - 1] ?? null;
}

/** The context line of a command's form on case `c` (today: Shanghai date), or null when the form needs none. */
export function formContext(kind: InputName, c: CaseData | null, today: string): string | null {
  if (c === null) return null;
  if (kind === 'supervise-reply') {
    const code = openSupervisionCode(c);
    if (code === null) return null;
    const line = lastLine(c, 'supervision', (l) => code !== '' && l.includes(code));
    return `答复的督办单：${line ?? (code === '' ? '（未记载编号）' : code)}`;
  }
  if (kind === 'extension-decision') {
    const pending = num(c, 'extensionPending');
    if (pending === null) return null;
    const unit = kindOf(c) === 'consult' ? '小时' : '个工作日';
    const line = lastLine(c, 'extension', (l) => l.includes('申请延期'));
    return `待审批：申请延期 ${pending} ${unit}${line === null ? '' : `（${line}）`}`;
  }
  if (kind === 'feedback') {
    // WF40: the pending request this 反馈 withdraws
    const pending = num(c, 'extensionPending');
    if (pending === null) return null;
    const unit = kindOf(c) === 'consult' ? '小时' : '个工作日';
    return `有待审批的延期申请（${pending} ${unit}）：反馈将撤回该申请，按原办结时限 ${text(c, 'dueAt')?.slice(0, 10) ?? ''} 办结`;
  }
  if (kind === 'supervise') {
    return `下发后，承办单位须在 ${addDays(today, SUPERVISION_REPLY_DAYS)} 前回复（${SUPERVISION_REPLY_DAYS} 日内）`;
  }
  return null;
}
