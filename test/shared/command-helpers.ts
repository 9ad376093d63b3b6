// Shared set-up for the command tests: a fixed calendar, contexts at chosen times, cases in each state.
import { createCalendar } from '../../shared/calendar';
import type { Actor, CaseData } from '../../shared/case';
import { applyCommand } from '../../shared/commands';
import type { Applied, CommandContext } from '../../shared/commands';
import type { Result } from '../../shared/errors';
import type { FieldValue } from '../../shared/fields';
import { parseIsoTime } from '../../shared/time';
import type { Status } from '../../shared/vocabulary';
import type { CommandName } from '../../shared/workflow';
import { CO, LEAD, OTHER, actors } from './fixtures';

export const calendar = createCalendar();
export const UNIT_NAMES: Record<string, string> = { [LEAD]: '市市场监管局', [CO]: '市住建局', [OTHER]: '市税务局' };
for (let i = 0; i < 12; i++) UNIT_NAMES[`u-${i}`] = `单位${i}`;

export function at(iso: string): number {
  const ms = parseIsoTime(iso);
  if (ms === null) throw new Error(iso);
  return ms;
}
export function ctx(iso = '2026-10-12T10:00:00+08:00', n?: number): CommandContext {
  return { now: at(iso), calendar, unitName: (id) => UNIT_NAMES[id] ?? null, nextSupervisionNumber: n };
}

export const BASE: Record<string, FieldValue> = {
  seq: 1,
  code: '〔2026〕1号',
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '枣阳市某某机械有限公司',
  contactName: '刘先生',
  contactPhone: '13812345678',
  summary: '办理施工许可被反复要求补充材料',
  category: '1.行政许可、政务服务不予受理或不按程序时限办理',
  round: 1,
  archived: '否',
  warning: 'normal',
  extensionGranted: 0,
  supervisionCount: 0,
};
export const ASSIGNED: Record<string, FieldValue> = {
  leadUnit: LEAD,
  coUnits: CO,
  kind: 'general',
  assignNote: '请核实',
  assignedAt: '2026-09-30T10:00:00+08:00',
  dueAt: '2026-10-13T23:59:59+08:00',
  handler: '李四',
  handlerPhone: '0710-6331373',
};

export function caseIn(status: Status, extra: Record<string, FieldValue> = {}): CaseData {
  const units = status === 'registered' || status === 'rejected' ? {} : ASSIGNED;
  // on 2026-10-12 a case due at the end of 2026-10-13 (the next working day) is 临期
  const warning = status === 'assigned' || status === 'handling' ? 'dueSoon' : 'normal';
  return Object.freeze({ id: 'c-1', fields: Object.freeze({ ...BASE, ...units, status, warning, ...extra }) });
}

export function run(
  actor: Actor,
  c: CaseData,
  command: CommandName,
  input: unknown,
  cx: CommandContext = ctx(),
): Result<Applied> {
  return applyCommand(actor, c, command, input, cx);
}
export function applied(r: Result<Applied>): Applied {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
export function code(r: Result<unknown>): string {
  return r.ok ? 'ok' : r.error.code;
}

export const { office, viewer, lead, co } = actors;

export const REGISTRATION = {
  receivedAt: '2026-10-12',
  channel: '热线电话',
  company: '枣阳市某某机械有限公司',
  address: '光武大道1号',
  contactName: '刘先生',
  contactPhone: '138 1234 5678',
  target: '某窗口',
  summary: '施工许可久拖不办',
  category: '1.行政许可、政务服务不予受理或不按程序时限办理',
};
export const regCtx = (iso = '2026-10-12T10:00:00+08:00') => ({ ...ctx(iso), caseId: 'c-7', seq: 7, yearNumber: 15 });
