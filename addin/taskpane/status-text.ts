// Chinese texts of the pane's header: who is signed in, the connection state, a refusal of an edit.
import { ROLE_LABEL } from '../../shared/vocabulary';
import type { Me } from '../../shared/contract/http';
import type { ConnectionState } from '../client/sync';

export type Tone = 'ok' | 'info' | 'warn' | 'error';

export function whoText(me: Me): string {
  const unit = me.unitName === null ? '' : `（${me.unitName}）`;
  return `${me.name} · ${ROLE_LABEL[me.role]}${unit}`;
}

/** The connection pill; `unsentForms` (ADDIN63) counts forms that failed to reach the server and must be submitted again. */
export function connectionText(s: ConnectionState, unsentForms = 0): { text: string; tone: Tone } {
  const t = sheetConnectionText(s);
  if (unsentForms === 0 || s.kind === 'online') return t;
  return {
    text: `${t.text.replace('离线 · 没有待同步的修改', '离线')}；${unsentForms} 张表单未发送，需恢复连接后重新提交`,
    tone: 'warn',
  };
}

function sheetConnectionText(s: ConnectionState): { text: string; tone: Tone } {
  switch (s.kind) {
    case 'connecting':
      return { text: '正在连接台账服务器…', tone: 'info' };
    case 'syncing':
      return { text: `正在同步…（已载入 ${s.cases} 件诉求）`, tone: 'info' };
    case 'online':
      return { text: `在线 · 已同步 ${s.cases} 件诉求`, tone: 'ok' };
    case 'offline':
      return s.pending > 0
        ? { text: `离线 · ${s.pending} 项修改待同步（恢复连接后自动发送）`, tone: 'warn' }
        : { text: '离线 · 没有待同步的修改', tone: 'warn' };
    case 'refused':
      return { text: s.message, tone: 'error' };
  }
}

/** `已撤销：<reason>（〔2026〕15号）`: an edit the rules refused, locally or by the server. */
export function refusalMessage(message: string, caseCode: string | null): string {
  return `已撤销：${message}${caseCode === null ? '' : `（${caseCode}）`}`;
}
