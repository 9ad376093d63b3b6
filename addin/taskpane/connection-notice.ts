// ADDIN63: what the pane says about the connection — the status pill, and on reconnecting whether edits were sent.
import type { ConnectionState } from '../client/sync';
import { connectionText } from './status-text';

export class ReconnectNotice {
  /** Offline since the last time the pane was online (to say so when the connection returns). */
  private wasOffline = false;
  /** The most sheet edits that waited while offline (only then were any sent on reconnecting). */
  private pendingWhileOffline = 0;

  /** The message to show for this state, if any: said on reconnecting only, and "sent" only when edits waited. */
  onState(s: ConnectionState): string | null {
    if (s.kind === 'offline') {
      this.wasOffline = true;
      this.pendingWhileOffline = Math.max(this.pendingWhileOffline, s.pending);
    }
    if (s.kind !== 'online' || !this.wasOffline) return null;
    this.wasOffline = false;
    // forms are never queued, so they are not included
    const sent = this.pendingWhileOffline > 0;
    this.pendingWhileOffline = 0;
    return sent ? '已恢复连接，离线期间的修改已发送到服务器' : '已恢复连接';
  }

  reset(): void {
    this.wasOffline = false;
    this.pendingWhileOffline = 0;
  }
}

/** The status pill: its tone, kind (for tests) and Chinese text; unsent forms counted (ADDIN63). */
export function showConnection(pill: HTMLElement, s: ConnectionState, unsentForms: number): void {
  const t = connectionText(s, unsentForms);
  pill.className = `state tone-${t.tone}`;
  pill.setAttribute('data-kind', s.kind);
  pill.textContent = t.text;
}
