// BIND37/BIND38: what the pane says when another person's add-in holds this workbook (the sheet stops syncing).
import { formatShanghai } from '../../shared/time';
import type { SessionClaim } from '../sheet/port';

/** BIND37: shown once when another person edits this workbook; the sheet stops syncing. */
export const CO_AUTHORED =
  '有其他人正在同时编辑这个工作簿，为避免重复写入和把别人的修改记在您名下，台账已停止同步。请每人打开自己的台账副本（新建或另存一个工作簿后点“连接台账”），然后关闭本窗格重新打开。';

/** BIND38: the message names whose add-in holds the workbook, when the claim says so. */
export function coAuthoredMessage(holder?: SessionClaim | null): string {
  if (holder === null || holder === undefined) return CO_AUTHORED;
  const at = Date.parse(holder.at);
  const since = Number.isFinite(at) ? `（${formatShanghai(at).slice(0, 16).replace('T', ' ')} 起）` : '';
  return `这个工作簿正由“${holder.user}”的台账加载项同步${since}。${CO_AUTHORED}`;
}
