// The ribbon's commands in ribbon order (ADDIN2): one list for manifest.xml, its test, the icons and the pane's handlers.
import type { CommandName } from '../../shared/workflow';

/** Ids of the custom tab and its group in manifest.xml (Office.ribbon.requestUpdate needs both). */
export const RIBBON_TAB_ID = 'ZtcTab';
export const RIBBON_GROUP_ID = 'ZtcGroup';
/** The one task pane (shared runtime: every ShowTaskpane action must carry this TaskpaneId). */
export const TASKPANE_ID = 'ZtcTaskpane';

/** What the task pane does itself rather than through a workflow command. */
export type PaneAction = 'connect' | 'export' | 'stats';
/** 'register' (登记, creates a case), a workflow command of shared/workflow.ts, or a pane action. */
export type RibbonCommandName = 'register' | CommandName | PaneAction;

export interface RibbonCommand {
  /** ExecuteFunction FunctionName in manifest.xml and the id given to Office.actions.associate. */
  readonly id: string;
  /** The control's id in manifest.xml (Office.ribbon.requestUpdate enables/disables by it). */
  readonly controlId: string;
  /** The button's label (the manifest's zh-CN DefaultValue). */
  readonly label: string;
  readonly command: RibbonCommandName;
  /** Needs a selected case row: disabled at start (<Enabled>false</Enabled>) until the pane enables it. */
  readonly requiresSelection: boolean;
  /** 'taskpane': a ShowTaskpane button (no function); 'function': an ExecuteFunction button. */
  readonly action: 'taskpane' | 'function';
  /** Icon file stem under addin/assets/ (<icon>-16.png, -32.png, -80.png). */
  readonly icon: string;
}

export const RIBBON_COMMANDS: readonly RibbonCommand[] = [
  {
    id: 'openLedger',
    controlId: 'ZtcOpenLedger',
    label: '连接台账',
    command: 'connect',
    requiresSelection: false,
    action: 'taskpane',
    icon: 'open-ledger',
  },
  {
    id: 'registerCase',
    controlId: 'ZtcRegisterCase',
    label: '登记',
    command: 'register',
    requiresSelection: false,
    action: 'function',
    icon: 'register',
  },
  {
    id: 'assignCase',
    controlId: 'ZtcAssignCase',
    label: '交办',
    command: 'assign',
    requiresSelection: true,
    action: 'function',
    icon: 'assign',
  },
  {
    id: 'acceptCase',
    controlId: 'ZtcAcceptCase',
    label: '签收',
    command: 'accept',
    requiresSelection: true,
    action: 'function',
    icon: 'accept',
  },
  {
    id: 'feedbackCase',
    controlId: 'ZtcFeedbackCase',
    label: '反馈',
    command: 'feedback',
    requiresSelection: true,
    action: 'function',
    icon: 'feedback',
  },
  {
    id: 'requestExtension',
    controlId: 'ZtcRequestExtension',
    label: '申请延期',
    command: 'extension-request',
    requiresSelection: true,
    action: 'function',
    icon: 'extension',
  },
  {
    id: 'visitCase',
    controlId: 'ZtcVisitCase',
    label: '回访',
    command: 'visit',
    requiresSelection: true,
    action: 'function',
    icon: 'visit',
  },
  {
    id: 'spotCheckCase',
    controlId: 'ZtcSpotCheckCase',
    label: '回头看',
    command: 'spot-check',
    requiresSelection: true,
    action: 'function',
    icon: 'spot-check',
  },
  {
    id: 'superviseCase',
    controlId: 'ZtcSuperviseCase',
    label: '督办/标记超期',
    command: 'supervise',
    requiresSelection: true,
    action: 'function',
    icon: 'supervise',
  },
  {
    id: 'archiveCase',
    controlId: 'ZtcArchiveCase',
    label: '归档',
    command: 'archive',
    requiresSelection: true,
    action: 'function',
    icon: 'archive',
  },
  {
    id: 'exportForms',
    controlId: 'ZtcExportForms',
    label: '导出单据',
    command: 'export',
    requiresSelection: true,
    action: 'function',
    icon: 'export',
  },
  {
    id: 'showStats',
    controlId: 'ZtcShowStats',
    label: '统计',
    command: 'stats',
    requiresSelection: false,
    action: 'function',
    icon: 'stats',
  },
];

/** The commands that run code (ExecuteFunction): exactly the ids the pane must associate. */
export const FUNCTION_COMMANDS: readonly RibbonCommand[] = RIBBON_COMMANDS.filter((c) => c.action === 'function');

/** The part of Office.actions that registering needs (structural, so tests can pass a fake). */
export interface ActionsLike {
  associate(actionId: string, actionFunction: (arg?: unknown) => void): void;
}

export type RibbonHandler = (command: RibbonCommand) => void | Promise<void>;

/**
 * Associates every ExecuteFunction command with `handler` via Office.actions.associate. Office's event is always
 * completed (also when the handler throws), as Office requires for function commands. Returns the ids registered.
 */
export function registerRibbonCommands(
  actions: ActionsLike,
  handler: RibbonHandler,
  onError: (error: unknown, command: RibbonCommand) => void = (e, c) =>
    console.error(`[功能区] “${c.label}”执行失败`, e),
): string[] {
  for (const command of FUNCTION_COMMANDS) {
    actions.associate(command.id, (event?: unknown) => {
      const done = () => (event as { completed?: () => void } | undefined)?.completed?.();
      let result: void | Promise<void>;
      try {
        result = handler(command);
      } catch (e) {
        onError(e, command);
        done();
        return;
      }
      Promise.resolve(result)
        .catch((e: unknown) => onError(e, command))
        .finally(done);
    });
  }
  return FUNCTION_COMMANDS.map((c) => c.id);
}

/** The shape Office.ribbon.requestUpdate takes (Office.RibbonUpdaterData), for the commands given. */
export interface RibbonUpdate {
  tabs: { id: string; groups: { id: string; controls: { id: string; enabled: boolean }[] }[] }[];
}

/** Builds the update that enables or disables each button; `enabled` decides per command. */
export function ribbonUpdate(enabled: (command: RibbonCommand) => boolean): RibbonUpdate {
  const controls = RIBBON_COMMANDS.map((c) => ({ id: c.controlId, enabled: enabled(c) }));
  return { tabs: [{ id: RIBBON_TAB_ID, groups: [{ id: RIBBON_GROUP_ID, controls }] }] };
}
