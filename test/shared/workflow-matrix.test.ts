// WF1/WF2: every status × command × actor against an independent table written from WF1/WF2, plus a random-walk property.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar';
import type { Actor, CaseData } from '../../shared/case';
import { applyCommand, registerCase } from '../../shared/commands';
import type { CommandContext } from '../../shared/commands';
import type { ErrorCode } from '../../shared/errors';
import type { FieldValue } from '../../shared/fields';
import { parseIsoTime, shanghaiDate } from '../../shared/time';
import { STATUSES, STATUS_LABEL, VISIT_RESULTS } from '../../shared/vocabulary';
import type { Status } from '../../shared/vocabulary';
import { COMMANDS, allowedCommands, mayRegister, mayRun } from '../../shared/workflow';
import type { CommandName } from '../../shared/workflow';
import { CO, LEAD, OTHER, actors } from './fixtures';

// ---- the expected table, written from WF1/WF2 (deliberately not imported from shared/workflow.ts) ----

type Who = 'office' | 'lead' | 'co';
const EXPECTED: Record<
  string,
  { who: Who; from: Status[]; to: Status | 'same' | 'byVisitResult' | 'byDecision' | 'bySpotCheck' }
> = {
  reject: { who: 'office', from: ['registered'], to: 'rejected' },
  answer: { who: 'office', from: ['registered'], to: 'closed' },
  assign: { who: 'office', from: ['registered', 'returned'], to: 'assigned' },
  accept: { who: 'lead', from: ['assigned'], to: 'handling' },
  return: { who: 'lead', from: ['assigned', 'handling'], to: 'returned' },
  'co-opinion': { who: 'co', from: ['assigned', 'handling'], to: 'same' },
  'extension-request': { who: 'lead', from: ['assigned', 'handling'], to: 'same' },
  'extension-decision': { who: 'office', from: ['assigned', 'handling'], to: 'same' },
  feedback: { who: 'lead', from: ['handling'], to: 'fedBack' },
  visit: { who: 'lead', from: ['fedBack'], to: 'byVisitResult' },
  explain: { who: 'lead', from: ['unsatisfied'], to: 'explained' },
  'explanation-decision': { who: 'office', from: ['explained'], to: 'byDecision' },
  'spot-check': { who: 'office', from: ['closed', 'archived'], to: 'bySpotCheck' },
  supervise: { who: 'office', from: ['assigned', 'handling', 'fedBack', 'unsatisfied'], to: 'same' },
  'supervise-reply': {
    who: 'lead',
    from: ['assigned', 'handling', 'returned', 'fedBack', 'unsatisfied', 'explained', 'closed', 'transferred'],
    to: 'same',
  },
  archive: { who: 'office', from: ['closed', 'rejected', 'transferred'], to: 'archived' },
  // IMP4: only an imported open case without 办理类型 or 交办日期 (its PREREQUISITE below)
  complete: {
    who: 'office',
    from: ['assigned', 'handling', 'returned', 'fedBack', 'unsatisfied', 'explained'],
    to: 'same',
  },
};
const SATISFIED = ['非常满意', '满意', '基本满意'];

type ActorKey = 'office' | 'viewer' | 'lead' | 'co' | 'other';
const ACTOR_KEYS: ActorKey[] = ['office', 'viewer', 'lead', 'co', 'other'];

function relation(actor: Actor, c: CaseData): 'lead' | 'co' | 'none' {
  if (actor.role !== 'unit' || actor.unitId === null) return 'none';
  if (c.fields.leadUnit === actor.unitId) return 'lead';
  const co = typeof c.fields.coUnits === 'string' ? c.fields.coUnits.split(',') : [];
  return co.includes(actor.unitId) ? 'co' : 'none';
}

/** The decision WF1/WF2, PERM3 and the brief's refusal order call for. */
function expectedDecision(actor: Actor, c: CaseData, command: string): { ok: true } | { ok: false; code: ErrorCode } {
  const rule = EXPECTED[command];
  if (rule === undefined) throw new Error(`no rule for ${command}`);
  if (actor.role === 'viewer') return { ok: false, code: 'READ_ONLY' };
  const rel = relation(actor, c);
  if (actor.role === 'unit' && rel === 'none') return { ok: false, code: 'CASE_NOT_FOUND' };
  if (actor.role === 'office' && rule.who !== 'office') return { ok: false, code: 'FORBIDDEN_ROLE' };
  if (actor.role === 'unit' && rule.who === 'office') return { ok: false, code: 'FORBIDDEN_ROLE' };
  if (rule.who === 'lead' && rel !== 'lead') return { ok: false, code: 'NOT_LEAD_UNIT' };
  if (rule.who === 'co' && rel !== 'co') return { ok: false, code: 'NOT_CO_UNIT' };
  if (!rule.from.includes(c.fields.status as Status)) return { ok: false, code: 'INVALID_STATE' };
  const incomplete = c.fields.importedFrom != null && (c.fields.kind == null || c.fields.assignedAt == null);
  if (command === 'complete' && !incomplete) return { ok: false, code: 'INVALID_STATE' };
  return { ok: true };
}

const BY_DECISION: Record<string, Status> = { accept: 'closed', redo: 'handling', transfer: 'transferred' };

function expectedTo(command: string, c: CaseData, input: Record<string, unknown>): Status {
  const from = c.fields.status as Status;
  const to = EXPECTED[command]?.to;
  if (to === undefined || to === 'same') return from;
  if (to === 'byVisitResult') return SATISFIED.includes(String(input.result)) ? 'closed' : 'unsatisfied';
  if (to === 'byDecision') return BY_DECISION[String(input.decision)] ?? from;
  if (to === 'bySpotCheck') {
    const reopen = !SATISFIED.includes(String(input.result)) && from === 'closed' && c.fields.leadUnit != null;
    return reopen ? 'unsatisfied' : from;
  }
  return to;
}

// ---- realistic cases, one per status ----

const NOW = parseIsoTime('2026-10-12T10:00:00+08:00') ?? 0;
const calendar = createCalendar();
const UNIT_NAMES: Record<string, string> = { [LEAD]: '市市场监管局', [CO]: '市住建局', [OTHER]: '市税务局' };
function ctxAt(now: number, n?: number): CommandContext {
  return { now, calendar, unitName: (id) => UNIT_NAMES[id] ?? null, nextSupervisionNumber: n };
}

const REGISTERED: Record<string, FieldValue> = {
  seq: 1,
  code: '〔2026〕1号',
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '枣阳市某某机械有限公司',
  address: '枣阳市光武大道1号',
  contactName: '刘先生',
  contactPhone: '13812345678',
  target: '某审批窗口',
  summary: '办理施工许可被反复要求补充材料',
  category: '1.行政许可、政务服务不予受理或不按程序时限办理',
  status: 'registered',
  round: 1,
  archived: '否',
  warning: 'normal',
  extensionGranted: 0,
  supervisionCount: 0,
};
const ASSIGNED: Record<string, FieldValue> = {
  leadUnit: LEAD,
  coUnits: CO,
  kind: 'general',
  assignNote: '请核实并答复企业',
  assignedAt: '2026-09-30T10:00:00+08:00',
  dueAt: '2026-10-13T23:59:59+08:00',
};
const HANDLING = { ...ASSIGNED, handler: '李四', handlerPhone: '0710-6331373' };
const FED_BACK = {
  ...HANDLING,
  findings: '经查，情况属实。',
  measures: '已一次性告知所需材料并办结。',
  feedbackAt: '2026-10-11',
  feedbackMethod: '电话',
  companyVerdict: '满意',
  fedBackAt: '2026-10-11T16:00:00+08:00',
};
const STATUS_FIELDS: Record<Status, Record<string, FieldValue>> = {
  registered: {},
  rejected: { rejectReason: '1.经营主体之间民事纠纷' },
  closed: { ...FED_BACK, visitResult: '满意', visit: '2026-10-12 电话回访：满意' },
  assigned: ASSIGNED,
  handling: HANDLING,
  returned: { ...ASSIGNED, returnReason: '不属于本单位职责' },
  fedBack: FED_BACK,
  unsatisfied: { ...FED_BACK, visitResult: '不满意', visit: '2026-10-12 电话回访：不满意' },
  explained: {
    ...FED_BACK,
    visitResult: '不满意',
    visit: '2026-10-12 电话回访：不满意',
    explanation: '2026-10-12 第1轮情况说明：企业诉求超出政策范围',
  },
  transferred: { ...FED_BACK, round: 2, visitResult: '不满意', discipline: '2026-10-12 移送市纪委监委：推诿' },
  archived: { ...FED_BACK, visitResult: '满意', archived: '是' },
};
/** What a command needs beyond the status to succeed: a pending request, an open 督办单, a second round. */
const PREREQUISITE: Partial<Record<CommandName, Record<string, FieldValue>>> = {
  'extension-decision': { extensionPending: 2 },
  'supervise-reply': { supervisionDueAt: '2026-10-14T23:59:59+08:00', supervisionCount: 1 },
  complete: { importedFrom: '2025年台账.xlsx 第3行', kind: null, assignedAt: null, dueAt: null },
};

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v !== null && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(o);
}

function caseFor(status: Status, command: CommandName): CaseData {
  return deepFreeze({
    id: 'c-1',
    fields: { ...REGISTERED, ...STATUS_FIELDS[status], status, ...PREREQUISITE[command] },
  });
}

const VALID_INPUT: Record<CommandName, Record<string, unknown>> = {
  reject: { ground: '1.经营主体之间民事纠纷', note: '建议通过诉讼解决' },
  answer: { reply: '已电话告知办理流程' },
  assign: { leadUnit: LEAD, coUnits: [CO], kind: 'general', note: '请5个工作日内办结' },
  accept: {},
  return: { reason: '不属于本单位职责' },
  'co-opinion': { text: '我局配合提供资料' },
  'extension-request': { amount: 2, reason: '需现场核查', toldOn: '2026-10-12', toldBy: '电话' },
  'extension-decision': { approve: true },
  complete: { kind: 'general', assignedOn: '2026-10-09' },
  feedback: {
    findings: '经查属实',
    measures: '已办结',
    feedbackAt: '2026-10-12',
    feedbackMethod: '电话',
    companyVerdict: '满意',
    writtenReply: '否',
    handler: '李四',
    handlerPhone: '13912345678',
  },
  visit: { result: '满意', method: '电话回访', visitedOn: '2026-10-12' },
  explain: { text: '企业诉求超出政策范围，已当面解释' },
  'explanation-decision': { decision: 'accept', note: '说明属实' },
  'spot-check': { result: '满意', method: '电话回访' },
  supervise: { note: '请加快办理' },
  'supervise-reply': { note: '已加快办理' },
  archive: {},
};

const combos = STATUSES.flatMap((status) =>
  COMMANDS.flatMap((command) => ACTOR_KEYS.map((who) => ({ status, command, who }))),
);

describe(`WF1/WF2: ${combos.length} status × command × actor combinations (${STATUSES.length} × ${COMMANDS.length} × ${ACTOR_KEYS.length})`, () => {
  it('covers 935 combinations', () => {
    expect(combos).toHaveLength(935);
  });

  it.each(combos)('$status × $command × $who', ({ status, command, who }) => {
    const actor = actors[who];
    const c = caseFor(status, command);
    const want = expectedDecision(actor, c, command);
    const got = mayRun(actor, c, command);
    expect(got.ok ? { ok: true } : { ok: false, code: got.error.code }).toEqual(want);
    expect(allowedCommands(actor, c).includes(command)).toBe(want.ok);
    if (!got.ok && got.error.code === 'INVALID_STATE') {
      expect(got.error.message).toContain(STATUS_LABEL[status]);
    }
    const input = VALID_INPUT[command];
    const applied = applyCommand(actor, c, command, input, ctxAt(NOW, 3));
    if (want.ok) {
      expect(applied.ok, applied.ok ? '' : `${applied.error.code} ${applied.error.message}`).toBe(true);
      if (!applied.ok) return;
      const to = expectedTo(command, c, input);
      expect(applied.value.changes.status ?? status).toBe(to);
      expect(applied.value.audit[0]).toMatchObject({ command, field: null, old: status, new: to });
    } else {
      expect(applied.ok ? 'ok' : applied.error.code).toBe(want.code);
    }
  });
});

describe('WF2/WF3: register × 5 actors', () => {
  const want: Record<ActorKey, ErrorCode | 'ok'> = {
    office: 'ok',
    viewer: 'READ_ONLY',
    lead: 'FORBIDDEN_ROLE',
    co: 'FORBIDDEN_ROLE',
    other: 'FORBIDDEN_ROLE',
  };
  const input = Object.fromEntries(
    ['receivedAt', 'channel', 'company', 'address', 'contactName', 'contactPhone', 'target', 'summary', 'category'].map(
      (k) => [k, REGISTERED[k]],
    ),
  );
  it.each(ACTOR_KEYS)('register by %s', (who) => {
    const m = mayRegister(actors[who]);
    expect(m.ok ? 'ok' : m.error.code).toBe(want[who]);
    const r = registerCase(actors[who], input, { ...ctxAt(NOW), caseId: 'c-9', seq: 9, yearNumber: 9 });
    expect(r.ok ? 'ok' : r.error.code).toBe(want[who]);
    if (r.ok) expect(r.value.fields.status).toBe('registered');
  });
});

// ---- the property: random commands by random actors never leave the table ----

const ALL_ACTORS: Actor[] = [actors.office, actors.viewer, actors.lead, actors.co, actors.other];
const UNIT_IDS = [LEAD, CO, OTHER];

const step = fc.record({
  actor: fc.nat(ALL_ACTORS.length - 1),
  command: fc.constantFrom(...COMMANDS),
  hours: fc.integer({ min: 0, max: 40 }),
  pick: fc.nat(1000),
  flag: fc.boolean(),
  guided: fc.integer({ min: 0, max: 9 }),
});
type Step = { actor: number; command: CommandName; hours: number; pick: number; flag: boolean; guided: number };

/** Mostly (8 in 10) pick a move the expected table allows, so the walk reaches the deep states; otherwise anything. */
function chooseMove(s: Step, c: CaseData): { actor: Actor; command: CommandName } {
  if (s.guided < 8) {
    const moves = ALL_ACTORS.flatMap((actor) =>
      COMMANDS.filter((command) => expectedDecision(actor, c, command).ok).map((command) => ({ actor, command })),
    )
      // half of the guided moves change the status (the side actions would otherwise crowd them out)
      .filter((m) => s.guided % 2 === 0 || EXPECTED[m.command]?.to !== 'same');
    const move = moves[s.pick % Math.max(1, moves.length)];
    if (move !== undefined) return move;
  }
  return { actor: ALL_ACTORS[s.actor] ?? actors.viewer, command: s.command };
}

function inputFor(s: Step, now: number): Record<string, unknown> {
  const unit = (k: number): string => UNIT_IDS[k % UNIT_IDS.length] ?? LEAD;
  switch (s.command) {
    case 'assign': {
      const lead = unit(s.pick);
      const co = s.flag ? UNIT_IDS.filter((u) => u !== lead).slice(0, 1 + (s.pick % 2)) : [];
      return { leadUnit: lead, coUnits: co, kind: ['consult', 'general', 'complex'][s.pick % 3] };
    }
    case 'visit':
      return { result: VISIT_RESULTS[s.pick % VISIT_RESULTS.length], method: '电话回访', visitedOn: shanghaiDate(now) };
    case 'spot-check':
      return { result: VISIT_RESULTS[s.pick % VISIT_RESULTS.length], method: '实地走访' };
    case 'explanation-decision': {
      const decision = ['accept', 'redo', 'transfer'][s.pick % 3];
      return decision === 'transfer' ? { decision, ground: '推诿', note: '经调查了解和综合研判' } : { decision };
    }
    case 'feedback':
      return {
        ...VALID_INPUT.feedback,
        feedbackAt: shanghaiDate(now),
        companyVerdict: s.flag ? '满意' : '不满意',
        writtenReply: s.flag ? '否' : '是',
        feedbackMethod: s.flag ? '电话' : '书面',
        dissatisfaction: '尚未解决',
        nextPlan: '继续协调',
      };
    case 'extension-request':
      return { amount: 1 + (s.pick % 6), reason: '需现场核查', toldOn: shanghaiDate(now), toldBy: '短信' };
    case 'extension-decision':
      return s.flag ? { approve: true } : { approve: false, note: '理由不充分' };
    default:
      return s.pick % 17 === 0 ? { bogus: 1 } : VALID_INPUT[s.command];
  }
}

const STATE_CODES: ErrorCode[] = [
  'READ_ONLY',
  'CASE_NOT_FOUND',
  'FORBIDDEN_ROLE',
  'NOT_LEAD_UNIT',
  'NOT_CO_UNIT',
  'INVALID_STATE',
];

describe('WF1 property', () => {
  it('random command sequences by random actors stay inside the table', () => {
    const reached = new Set<Status>(['registered']);
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }), (steps) => {
        let now = parseIsoTime('2026-09-28T09:00:00+08:00') ?? 0;
        let supervisionNo = 1;
        const reg = registerCase(
          actors.office,
          {
            receivedAt: '2026-09-28',
            channel: '走访',
            company: '某公司',
            contactName: '王',
            contactPhone: '13812345678',
            summary: '诉求',
            category: '14.政策建议、合理需求事项',
          },
          { ...ctxAt(now), caseId: 'p-1', seq: 1, yearNumber: 1 },
        );
        if (!reg.ok) throw new Error(reg.error.message);
        let c: CaseData = { id: 'p-1', fields: reg.value.fields };
        for (const s of steps as Step[]) {
          now += s.hours * 3_600_000;
          const { actor, command } = chooseMove(s, c);
          const from = c.fields.status as Status;
          const input = inputFor({ ...s, command }, now);
          const want = expectedDecision(actor, c, command);
          const r = applyCommand(actor, c, command, input, ctxAt(now, supervisionNo));
          if (!want.ok) {
            expect(r.ok ? 'ok' : r.error.code).toBe(want.code);
            continue;
          }
          if (!r.ok) {
            expect(STATE_CODES).not.toContain(r.error.code);
            continue;
          }
          const to = r.value.changes.status ?? from;
          expect(STATUSES).toContain(to);
          expect(to).toBe(expectedTo(command, c, input));
          if (r.value.supervision) supervisionNo++;
          c = { id: c.id, fields: { ...c.fields, ...r.value.changes } };
          reached.add(to as Status);
        }
      }),
      { numRuns: 500 },
    );
    // the walk must actually have visited every status, or the property proves little
    expect([...reached].sort()).toEqual([...STATUSES].sort());
  });
});
