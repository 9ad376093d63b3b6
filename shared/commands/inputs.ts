// The free-text inputs of the commands: label and length limit, one table for the server's checks and the pane's counters.
import type { CommandName } from '../workflow';

export interface TextInput {
  readonly label: string;
  readonly max: number;
}

/** WF4–WF18: free-text inputs by command and key. */
export const TEXT_INPUTS = {
  reject: { note: { label: '说明', max: 500 } },
  answer: { reply: { label: '答复内容', max: 2000 } },
  assign: { note: { label: '办理要求', max: 1000 } },
  return: { reason: { label: '退回理由', max: 500 } },
  'co-opinion': { text: { label: '配合意见', max: 1000 } },
  'extension-request': { reason: { label: '延期理由', max: 500 } },
  'extension-decision': { note: { label: '审批意见', max: 500 } },
  visit: { note: { label: '回访说明', max: 500 } },
  'second-round': { note: { label: '二次办理要求', max: 500 } },
  transfer: { note: { label: '移送说明', max: 1000 } },
  archive: { note: { label: '归档说明', max: 500 } },
  supervise: { note: { label: '督办事项', max: 500 } },
  'supervise-reply': { note: { label: '督办回复', max: 1000 } },
} as const satisfies Partial<Record<CommandName, Record<string, TextInput>>>;

type Inputs = typeof TEXT_INPUTS;

/** The label and limit of a command's free-text input. */
export function textInput<C extends keyof Inputs>(command: C, key: keyof Inputs[C]): TextInput {
  return TEXT_INPUTS[command][key] as TextInput;
}

/** `[label, max]` of a command's free-text input, to pass on to `InputReader.text`. */
export function textArgs<C extends keyof Inputs>(command: C, key: keyof Inputs[C]): [label: string, max: number] {
  const input = textInput(command, key);
  return [input.label, input.max];
}
