// Holds ribbon presses that arrive before the task pane exists and hands them to the pane once it does (BIND31).
import type { RibbonCommand } from '../commands/names';
import type { RibbonHandlers } from './register';

/**
 * The ribbon's handlers are associated at the top level of the bundle (office-js #5176:
 * https://github.com/OfficeDev/office-js/issues/5176 — associated later, inside Office.onReady, the first press of a
 * function button in a fresh shared runtime does nothing). A press before the pane is built waits here for it.
 */
export class PaneHandoff implements RibbonHandlers {
  private pane: RibbonHandlers | null = null;
  private readonly waiting: (() => void)[] = [];

  /** The pane is ready: presses held so far run now, in order. */
  attach(pane: RibbonHandlers): void {
    this.pane = pane;
    for (const resume of this.waiting.splice(0)) resume();
  }

  async onCommand(command: RibbonCommand): Promise<void> {
    if (this.pane === null) await new Promise<void>((resume) => this.waiting.push(resume));
    await (this.pane as RibbonHandlers).onCommand(command);
  }
}
