// Ribbon: every function command of names.ts associated once, event.completed() always, buttons enabled per role and status.
import { describe, expect, it } from 'vitest';
import { FUNCTION_COMMANDS, RIBBON_COMMANDS, RIBBON_GROUP_ID, RIBBON_TAB_ID } from '../../../addin/commands/names';
import type { RibbonCommand, RibbonUpdate } from '../../../addin/commands/names';
import { NOT_SIGNED_IN, NO_SELECTION, decide, isEnabled } from '../../../addin/ribbon/enablement';
import type { OfficeLike } from '../../../addin/ribbon/register';
import { RibbonEnabler, registerRibbon } from '../../../addin/ribbon/register';
import type { Actor, CaseData } from '../../../shared/case';
import type { Status } from '../../../shared/vocabulary';

const office: Actor = { userId: 'o', name: '营商办', role: 'office', unitId: null };
const lead: Actor = { userId: 'l', name: '市场监管', role: 'unit', unitId: 'u1' };
const co: Actor = { userId: 'c', name: '住建', role: 'unit', unitId: 'u2' };
const viewer: Actor = { userId: 'v', name: '领导', role: 'viewer', unitId: null };

const at = (status: Status, extra: Record<string, string | number> = {}): CaseData => ({
  id: 'c1',
  fields: { status, leadUnit: 'u1', coUnits: 'u2', round: 1, kind: 'general', ...extra },
});
const button = (command: RibbonCommand['command']): RibbonCommand => {
  const b = RIBBON_COMMANDS.find((c) => c.command === command);
  if (!b) throw new Error(command);
  return b;
};

function fakeOffice(ribbonApi: boolean) {
  const associated = new Map<string, (event?: unknown) => void>();
  const updates: RibbonUpdate[] = [];
  let shown = 0;
  const o: OfficeLike = {
    actions: { associate: (id, fn) => void associated.set(id, fn) },
    addin: { showAsTaskpane: async () => void shown++ },
    ribbon: { requestUpdate: async (u) => void updates.push(u) },
    context: { requirements: { isSetSupported: (name, v) => ribbonApi && name === 'RibbonApi' && v === '1.1' } },
  };
  return { o, associated, updates, shown: () => shown };
}

describe('ADDIN2: registerRibbon', () => {
  it('associates exactly the function commands of names.ts; each shows the pane, hands over and completes the event', async () => {
    const f = fakeOffice(true);
    const seen: string[] = [];
    const ids = registerRibbon(f.o, { onCommand: (c) => void seen.push(c.id) });
    expect(ids).toEqual(FUNCTION_COMMANDS.map((c) => c.id));
    expect([...f.associated.keys()]).toEqual(FUNCTION_COMMANDS.map((c) => c.id));
    expect(ids).not.toContain('openLedger');
    let completed = 0;
    for (const [, fn] of f.associated) fn({ completed: () => completed++ });
    await new Promise((r) => setTimeout(r, 10));
    expect(completed).toBe(FUNCTION_COMMANDS.length);
    expect(f.shown()).toBe(FUNCTION_COMMANDS.length);
    expect(seen).toEqual(ids);
  });

  it('completes the event also when the pane fails or showAsTaskpane is missing', async () => {
    const f = fakeOffice(false);
    delete f.o.addin;
    registerRibbon(f.o, {
      onCommand: () => {
        throw new Error('boom');
      },
    });
    let completed = 0;
    f.associated.get('acceptCase')?.({ completed: () => completed++ });
    f.associated.get('archiveCase')?.({ completed: () => completed++ });
    await new Promise((r) => setTimeout(r, 10));
    expect(completed).toBe(2);
  });

  it('registers nothing where Office has no add-in commands (the pane still works)', () => {
    const f = fakeOffice(false);
    delete f.o.actions;
    expect(registerRibbon(f.o, { onCommand: () => undefined })).toEqual([]);
  });
});

describe('ADDIN2: button decisions (role × status of the selected row)', () => {
  it('before sign-in only 连接台账 acts; without a row the row buttons explain why', () => {
    for (const b of RIBBON_COMMANDS) {
      expect(isEnabled(b, { actor: null, selected: null })).toBe(b.command === 'connect');
      if (b.command !== 'connect')
        expect(decide(b, { actor: null, selected: null })).toEqual({ ok: false, reason: NOT_SIGNED_IN });
    }
    for (const b of RIBBON_COMMANDS.filter((x) => x.requiresSelection)) {
      expect(decide(b, { actor: office, selected: null })).toEqual({ ok: false, reason: NO_SELECTION });
    }
    expect(isEnabled(button('stats'), { actor: viewer, selected: null })).toBe(true);
  });

  it('ADDIN80: follows the pane’s possible actions (shared/next-steps.ts): office, lead unit, co unit and viewer', () => {
    const enabled = (actor: Actor, c: CaseData) =>
      RIBBON_COMMANDS.filter((b) => isEnabled(b, { actor, selected: c })).map((b) => b.label);
    expect(enabled(office, at('registered'))).toEqual(['连接台账', '登记', '交办', '导出单据', '统计']);
    // no 督办回复 without a 督办单, no 延期审批 without a request (the rule table alone allowed both)
    expect(enabled(lead, at('assigned'))).toEqual(['连接台账', '签收', '申请延期', '导出单据', '统计']);
    expect(enabled(lead, at('handling'))).toEqual(['连接台账', '反馈', '申请延期', '导出单据', '统计']);
    expect(enabled(co, at('handling'))).toEqual(['连接台账', '反馈', '导出单据', '统计']);
    expect(enabled(office, at('handling'))).toEqual(['连接台账', '登记', '督办/标记超期', '导出单据', '统计']);
    expect(enabled(office, at('fedBack'))).toEqual(['连接台账', '登记', '督办/标记超期', '导出单据', '统计']);
    expect(enabled(lead, at('fedBack'))).toEqual(['连接台账', '回访', '导出单据', '统计']);
    // a pending request: the office may decide it, the unit may not ask again
    const pending = at('handling', { extensionPending: 2 });
    expect(enabled(office, pending)).toEqual(['连接台账', '登记', '申请延期', '督办/标记超期', '导出单据', '统计']);
    expect(enabled(lead, pending)).toEqual(['连接台账', '反馈', '导出单据', '统计']);
    // an open 督办单: the unit answers it; the office can neither issue another nor archive
    const supervised = {
      supervisionDueAt: '2026-10-17T23:59:59+08:00',
      supervision: '〔2026〕督1号 2026-10-12 督办：快',
    };
    expect(enabled(lead, at('handling', supervised))).toEqual([
      '连接台账',
      '反馈',
      '申请延期',
      '督办/标记超期',
      '导出单据',
      '统计',
    ]);
    expect(enabled(office, at('handling', supervised))).toEqual(['连接台账', '登记', '导出单据', '统计']);
    expect(enabled(office, at('closed'))).toEqual(['连接台账', '登记', '回头看', '归档', '导出单据', '统计']);
    expect(enabled(office, at('archived'))).toEqual(['连接台账', '登记', '回头看', '导出单据', '统计']);
    expect(enabled(viewer, at('handling'))).toEqual(['连接台账', '导出单据', '统计']);
  });

  it('ADDIN20: 回访 runs the unit’s 回访 or 作出说明 and the office’s 说明处理; 回头看 is the office’s', () => {
    const on = (actor: Actor, status: Status, b: RibbonCommand['command']) =>
      decide(button(b), { actor, selected: at(status) });
    expect(on(lead, 'fedBack', 'visit')).toEqual({ ok: true, command: 'visit' });
    expect(on(lead, 'unsatisfied', 'visit')).toEqual({ ok: true, command: 'explain' });
    expect(on(office, 'explained', 'visit')).toEqual({ ok: true, command: 'explanation-decision' });
    expect(on(office, 'fedBack', 'visit')).toEqual({
      ok: false,
      reason: '当前办理状态为“已反馈”，不能执行“说明处理”',
    });
    expect(on(office, 'closed', 'spot-check')).toEqual({ ok: true, command: 'spot-check' });
    expect(on(lead, 'closed', 'spot-check')).toEqual({ ok: false, reason: '“回头看”由市营商办执行，承办单位不能执行' });
    expect(on(office, 'handling', 'spot-check')).toEqual({
      ok: false,
      reason: '当前办理状态为“办理中”，不能执行“回头看”',
    });
  });

  it('ADDIN80: maps a button to the command of this user and explains refusals in Chinese', () => {
    expect(decide(button('feedback'), { actor: co, selected: at('handling') })).toEqual({
      ok: true,
      command: 'co-opinion',
    });
    expect(decide(button('extension-request'), { actor: office, selected: at('handling') })).toEqual({
      ok: false,
      reason: '没有待审批的延期申请',
    });
    expect(
      decide(button('extension-request'), { actor: office, selected: at('handling', { extensionPending: 2 }) }),
    ).toEqual({ ok: true, command: 'extension-decision' });
    expect(decide(button('supervise'), { actor: lead, selected: at('handling') })).toEqual({
      ok: false,
      reason: '没有待回复的督办单',
    });
    const late = { dueAt: '2026-10-13T23:59:59+08:00' };
    expect(
      decide(button('extension-request'), {
        actor: lead,
        selected: at('handling', late),
        now: Date.parse('2026-10-14'),
      }),
    ).toEqual({ ok: false, reason: '已超过办理时限，不能再申请延期' });
    expect(decide(button('accept'), { actor: lead, selected: at('handling') })).toEqual({
      ok: false,
      reason: '当前办理状态为“办理中”，不能执行“签收”',
    });
    expect(decide(button('accept'), { actor: office, selected: at('assigned') })).toEqual({
      ok: false,
      reason: '“签收”由承办单位执行，市营商办不能执行',
    });
    expect(decide(button('register'), { actor: lead, selected: null })).toEqual({
      ok: false,
      reason: '仅市营商办可以执行“登记”',
    });
    expect(decide(button('archive'), { actor: viewer, selected: at('closed') })).toEqual({
      ok: false,
      reason: '只读用户不能修改台账',
    });
    expect(decide(button('feedback'), { actor: lead, selected: at('assigned') })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('已交办'),
    });
  });
});

describe('ADDIN2: RibbonEnabler', () => {
  it('sends requestUpdate for the custom tab and group with RibbonApi 1.1, once per change', async () => {
    const f = fakeOffice(true);
    const e = new RibbonEnabler(f.o);
    expect(e.supported).toBe(true);
    await e.update({ actor: lead, selected: at('assigned') });
    await e.update({ actor: lead, selected: at('assigned') });
    expect(f.updates).toHaveLength(1);
    const tab = f.updates[0]?.tabs[0];
    expect(tab?.id).toBe(RIBBON_TAB_ID);
    expect(tab?.groups[0]?.id).toBe(RIBBON_GROUP_ID);
    const accept = tab?.groups[0]?.controls.find((c) => c.id === button('accept').controlId);
    expect(accept?.enabled).toBe(true);
    await e.update({ actor: lead, selected: at('handling') });
    expect(f.updates).toHaveLength(2);
    expect(f.updates[1]?.tabs[0]?.groups[0]?.controls.find((c) => c.id === button('accept').controlId)?.enabled).toBe(
      false,
    );
  });

  it('does nothing without RibbonApi 1.1 (the pane explains instead)', async () => {
    const f = fakeOffice(false);
    const e = new RibbonEnabler(f.o);
    expect(e.supported).toBe(false);
    expect(await e.update({ actor: office, selected: null })).toBeNull();
    expect(f.updates).toHaveLength(0);
  });
});
