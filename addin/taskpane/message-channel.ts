// ADDIN62: the pane's one message channel — one closable message per action, replaced on retry, successes fading.
import type { Tone } from './status-text';

export interface Message {
  tone: Tone;
  text: string;
}

/** A message on show; `key` names the action it reports (a retry of the same action replaces it). */
export interface PostedMessage extends Message {
  key: string;
}

/** At most this many messages are on show at once (the newest first). */
export const MAX_SHOWN = 3;
/** Success and information messages go after this long; warnings and errors stay until closed or replaced. */
export const FADE_MS = 6000;

type Timer = ReturnType<typeof setTimeout>;

export class MessageChannel {
  private items: PostedMessage[] = [];
  private readonly timers = new Map<string, Timer>();

  constructor(
    private readonly render: (items: readonly PostedMessage[]) => void,
    private readonly timers_: { set(fn: () => void, ms: number): Timer; clear(t: Timer): void } = {
      set: (fn, ms) => setTimeout(fn, ms),
      clear: (t) => clearTimeout(t),
    },
  ) {}

  get shown(): readonly PostedMessage[] {
    return this.items;
  }

  /** Shows `text` for the action `key`, replacing what that action said before. */
  post(key: string, tone: Tone, text: string): void {
    this.stopTimer(key);
    const rest = this.items.filter((m) => m.key !== key);
    this.items = [{ key, tone, text }, ...rest].slice(0, MAX_SHOWN);
    if (tone === 'ok' || tone === 'info') {
      this.timers.set(
        key,
        this.timers_.set(() => this.dismiss(key), FADE_MS),
      );
    }
    this.render(this.items);
  }

  /** Closes the message of `key` (the close button, a fade, or the action that has been done since). */
  dismiss(key: string): void {
    this.stopTimer(key);
    const before = this.items.length;
    this.items = this.items.filter((m) => m.key !== key);
    if (this.items.length !== before) this.render(this.items);
  }

  clear(): void {
    for (const key of [...this.timers.keys()]) this.stopTimer(key);
    this.items = [];
    this.render(this.items);
  }

  private stopTimer(key: string): void {
    const t = this.timers.get(key);
    if (t !== undefined) this.timers_.clear(t);
    this.timers.delete(key);
  }
}
