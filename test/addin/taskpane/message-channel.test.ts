// ADDIN62, ADDIN63: one message per action, replaced on retry, successes fading; the pill counts unsent forms.
import { describe, expect, it } from 'vitest';
import { FADE_MS, MAX_SHOWN, MessageChannel } from '../../../addin/taskpane/message-channel';
import type { PostedMessage } from '../../../addin/taskpane/message-channel';
import { connectionText } from '../../../addin/taskpane/status-text';

/** A channel with a hand-driven clock: `tick(ms)` runs the timers that are due. */
function channel(): { ch: MessageChannel; shown: () => string[]; tick: (ms: number) => void } {
  let seen: readonly PostedMessage[] = [];
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const ch = new MessageChannel((items) => (seen = items), {
    set: (fn, ms) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id as unknown as ReturnType<typeof setTimeout>;
    },
    clear: (t) => {
      timers = timers.filter((x) => x.id !== (t as unknown as number));
    },
  });
  const tick = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.fn();
  };
  return { ch, shown: () => seen.map((m) => `${m.tone}:${m.text}`), tick };
}

describe('ADDIN62: one honest message channel', () => {
  it('ADDIN62: a retry replaces the failure of the same action instead of piling up', () => {
    const { ch, shown } = channel();
    ch.post('submit:register:', 'error', '登记未成功：请填写“诉求企业”');
    ch.post('submit:register:', 'error', '登记未成功：请填写“联系电话”');
    expect(shown()).toEqual(['error:登记未成功：请填写“联系电话”']);
    ch.post('submit:register:', 'ok', '已登记：〔2026〕4号');
    expect(shown()).toEqual(['ok:已登记：〔2026〕4号']);
  });

  it('ADDIN62: successes fade, errors stay until closed; at most three messages show', () => {
    const { ch, shown, tick } = channel();
    ch.post('a', 'error', '反馈未成功');
    ch.post('b', 'ok', '签收成功');
    tick(FADE_MS);
    expect(shown()).toEqual(['error:反馈未成功']);
    ch.dismiss('a');
    expect(shown()).toEqual([]);
    for (const k of ['1', '2', '3', '4']) ch.post(k, 'warn', k);
    expect(shown()).toHaveLength(MAX_SHOWN);
    expect(shown()[0]).toBe('warn:4');
  });

  it('ADDIN62: an error replacing a fading success of the same action is not faded away with it', () => {
    const { ch, shown, tick } = channel();
    ch.post('k', 'ok', '已复制');
    ch.post('k', 'error', '复制未成功');
    tick(FADE_MS * 2);
    expect(shown()).toEqual(['error:复制未成功']);
  });
});

describe('ADDIN63: the status pill never says nothing is pending while a form was not sent', () => {
  it('ADDIN63: offline with an unsent form, the pill says so', () => {
    expect(connectionText({ kind: 'offline', pending: 0 }).text).toBe('离线 · 没有待同步的修改');
    const t = connectionText({ kind: 'offline', pending: 0 }, 1);
    expect(t.text).not.toContain('没有待同步');
    expect(t.text).toContain('1 张表单未发送');
    expect(connectionText({ kind: 'offline', pending: 2 }, 1).text).toContain('2 项修改待同步');
  });
});
