// Ribbon wiring: every function command of names.ts associated in one loop, each showing the pane; buttons enabled per role and row.
import type { ActionsLike, RibbonCommand, RibbonUpdate } from '../commands/names';
import { registerRibbonCommands, ribbonUpdate } from '../commands/names';
import type { RibbonContext } from './enablement';
import { isEnabled } from './enablement';

/** The parts of the global `Office` the ribbon uses (structural, so tests pass a fake). */
export interface OfficeLike {
  /** Absent outside the shared runtime (and in hosts without add-in commands). */
  actions?: ActionsLike;
  addin?: { showAsTaskpane(): Promise<void> };
  ribbon?: { requestUpdate(input: RibbonUpdate): Promise<void> };
  context?: { requirements?: { isSetSupported(name: string, minVersion?: string): boolean } };
}

export interface RibbonHandlers {
  /** Runs in the pane (shared runtime): opens the right form, asks for confirmation, or explains why not now. */
  onCommand(command: RibbonCommand): void | Promise<void>;
}

/** Shows the task pane; hosts without the API (or a pane already shown) are not an error. */
async function showPane(office: OfficeLike): Promise<void> {
  try {
    await office.addin?.showAsTaskpane();
  } catch (e) {
    console.warn('[功能区] 无法显示任务窗格', e);
  }
}

/** Associates every ExecuteFunction id of names.ts; each handler shows the pane then hands over. Returns the ids. */
export function registerRibbon(office: OfficeLike, handlers: RibbonHandlers): string[] {
  if (office.actions === undefined) {
    console.warn('[功能区] 当前环境不支持功能区命令（Office.actions），仅使用任务窗格');
    return [];
  }
  return registerRibbonCommands(office.actions, async (command) => {
    await showPane(office);
    await handlers.onCommand(command);
  });
}

/** Buttons can be enabled and disabled only with RibbonApi 1.1 (otherwise every press is explained in the pane). */
export function ribbonApiSupported(office: OfficeLike): boolean {
  try {
    return office.ribbon !== undefined && office.context?.requirements?.isSetSupported('RibbonApi', '1.1') === true;
  } catch {
    return false;
  }
}

/** Sends Office.ribbon.requestUpdate when the enabled set changes (never the same update twice in a row). */
export class RibbonEnabler {
  private last = '';
  readonly supported: boolean;

  constructor(private readonly office: OfficeLike) {
    this.supported = ribbonApiSupported(office);
  }

  async update(ctx: RibbonContext): Promise<RibbonUpdate | null> {
    if (!this.supported) return null;
    const update = ribbonUpdate((c) => isEnabled(c, ctx));
    const key = JSON.stringify(update);
    if (key === this.last) return null;
    this.last = key;
    try {
      await this.office.ribbon?.requestUpdate(update);
    } catch (e) {
      this.last = '';
      console.warn('[功能区] 无法更新按钮状态', e);
    }
    return update;
  }
}
