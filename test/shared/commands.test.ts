// WF3–WF13: each command's happy path and refusals (intake, handling, follow-up).
import { describe, expect, it } from 'vitest';
import { REGISTRATION, applied, caseIn, co, code, ctx, lead, office, regCtx, run, viewer } from './command-helpers';
import { registerCase } from '../../shared/commands';
import { CO, LEAD, OTHER } from './fixtures';

describe('WF3 register', () => {
  it('WF3: creates a registered case with code, seq, round 1 and an audit trail', () => {
    const r = registerCase(office, REGISTRATION, regCtx());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.fields).toMatchObject({
      seq: 7,
      code: '〔2026〕15号',
      status: 'registered',
      round: 1,
      archived: '否',
      warning: 'normal',
      extensionGranted: 0,
      supervisionCount: 0,
      company: '枣阳市某某机械有限公司',
      contactPhone: '13812345678',
    });
    expect(r.value.audit[0]).toMatchObject({
      command: 'register',
      field: null,
      old: null,
      new: 'registered',
      caseId: 'c-7',
    });
    expect(r.value.audit.find((a) => a.field === 'company')?.new).toBe('枣阳市某某机械有限公司');
  });
  it('WF3: 诉求编号 takes the Shanghai year of registration', () => {
    const r = registerCase(office, { ...REGISTRATION, receivedAt: '2026-12-31' }, regCtx('2027-01-01T00:30:00+08:00'));
    expect(r.ok && r.value.fields.code).toBe('〔2027〕15号');
  });
  it.each([
    ['unknown key', { ...REGISTRATION, foo: 1 }, 'INVALID_INPUT'],
    ['missing company', { ...REGISTRATION, company: '' }, 'REQUIRED'],
    ['bad phone', { ...REGISTRATION, contactPhone: '12345' }, 'INVALID_PHONE'],
    ['bad channel', { ...REGISTRATION, channel: '微信' }, 'INVALID_CHOICE'],
    ['receivedAt tomorrow', { ...REGISTRATION, receivedAt: '2026-10-13' }, 'DATE_IN_FUTURE'],
    ['not an object', 'hello', 'INVALID_INPUT'],
  ])('WF3: refuses %s', (_name, input, want) => {
    expect(code(registerCase(office, input, regCtx()))).toBe(want);
  });
  it('WF2/WF3: only the office registers', () => {
    expect(code(registerCase(viewer, REGISTRATION, regCtx()))).toBe('READ_ONLY');
    expect(code(registerCase(lead, REGISTRATION, regCtx()))).toBe('FORBIDDEN_ROLE');
  });
});

describe('WF4 reject / WF5 answer', () => {
  it('WF4: reject records ground and note', () => {
    const a = applied(
      run(office, caseIn('registered'), 'reject', { ground: '1.经营主体之间民事纠纷', note: '建议诉讼' }),
    );
    expect(a.changes).toEqual({ status: 'rejected', rejectReason: '1.经营主体之间民事纠纷；建议诉讼' });
    const b = applied(run(office, caseIn('registered'), 'reject', { ground: '2.涉及国家秘密' }));
    expect(b.changes.rejectReason).toBe('2.涉及国家秘密');
  });
  it('WF4: refuses a ground outside the nine, and a long note', () => {
    expect(code(run(office, caseIn('registered'), 'reject', { ground: '不想办' }))).toBe('INVALID_CHOICE');
    expect(
      code(run(office, caseIn('registered'), 'reject', { ground: '2.涉及国家秘密', note: '长'.repeat(501) })),
    ).toBe('TOO_LONG');
  });
  it('WF5: answer closes a consultation at once', () => {
    const a = applied(run(office, caseIn('registered'), 'answer', { reply: '已告知办理流程' }));
    expect(a.changes).toEqual({
      status: 'closed',
      kind: 'consult',
      measures: '已告知办理流程',
      fedBackAt: '2026-10-12T10:00:00+08:00',
    });
    expect(code(run(office, caseIn('registered'), 'answer', {}))).toBe('REQUIRED');
    expect(code(run(office, caseIn('registered'), 'answer', { reply: '长'.repeat(2001) }))).toBe('TOO_LONG');
  });
});

describe('WF6 assign', () => {
  const input = { leadUnit: LEAD, coUnits: [CO], kind: 'general', note: '请核实' };
  it('WF6: deadline example: general assigned 2026-09-30T10:00 is due end of 2026-10-13', () => {
    const a = applied(
      run(office, caseIn('registered'), 'assign', { ...input, assignedAt: '2026-09-30T10:00:00+08:00' }),
    );
    expect(a.changes).toMatchObject({
      status: 'assigned',
      leadUnit: LEAD,
      coUnits: CO,
      kind: 'general',
      assignNote: '请核实',
      assignedAt: '2026-09-30T10:00:00+08:00',
      dueAt: '2026-10-13T23:59:59+08:00',
      warning: 'dueSoon',
    });
    expect(a.changes.dueNote).toBeUndefined(); // null before and after: not a change
  });
  it('WF6: assignedAt defaults to now; consult is due 24 hours later', () => {
    const a = applied(run(office, caseIn('registered'), 'assign', { leadUnit: LEAD, kind: 'consult' }));
    expect(a.changes).toMatchObject({ assignedAt: '2026-10-12T10:00:00+08:00', dueAt: '2026-10-13T10:00:00+08:00' });
    expect(a.changes.coUnits).toBeUndefined();
  });
  it('WF6: a deadline running into a year without holiday data is provisional (dueNote set)', () => {
    const c = caseIn('registered', { receivedAt: '2026-12-20' });
    const a = applied(run(office, c, 'assign', { leadUnit: LEAD, kind: 'complex' }, ctx('2026-12-21T09:00:00+08:00')));
    expect(String(a.changes.dueAt)).toMatch(/^2027-01-/);
    expect(a.changes.dueNote).toContain('2027年');
  });
  it('WF6: re-assigning a returned case clears the return reason and resets the extension', () => {
    const c = caseIn('returned', { returnReason: '不属于本单位', extensionGranted: 2, extensionPending: 1 });
    const a = applied(run(office, c, 'assign', { leadUnit: OTHER, kind: 'general' }));
    expect(a.changes).toMatchObject({
      status: 'assigned',
      leadUnit: OTHER,
      coUnits: null,
      returnReason: null,
      extensionGranted: 0,
      extensionPending: null,
    });
  });
  it.each([
    ['unknown lead', { ...input, leadUnit: 'u-nope' }, 'UNKNOWN_UNIT'],
    ['unknown co unit', { ...input, coUnits: ['u-nope'] }, 'UNKNOWN_UNIT'],
    ['lead also co', { ...input, coUnits: [LEAD] }, 'INVALID_UNITS'],
    ['duplicate co', { ...input, coUnits: [CO, CO] }, 'INVALID_UNITS'],
    ['11 co units', { ...input, coUnits: Array.from({ length: 11 }, (_, i) => `u-${i}`) }, 'INVALID_UNITS'],
    ['missing kind', { leadUnit: LEAD }, 'REQUIRED'],
    ['bad kind', { ...input, kind: 'urgent' }, 'INVALID_CHOICE'],
    ['bad time', { ...input, assignedAt: '2026-13-01' }, 'INVALID_TIME'],
    ['future', { ...input, assignedAt: '2026-10-12T10:00:01+08:00' }, 'DATE_IN_FUTURE'],
    ['before received', { ...input, assignedAt: '2026-09-27T23:00:00+08:00' }, 'DATE_BEFORE_RECEIVED'],
    ['unknown key', { ...input, dueAt: '2026-10-20' }, 'INVALID_INPUT'],
  ])('WF6: refuses %s', (_name, body, want) => {
    expect(code(run(office, caseIn('registered'), 'assign', body))).toBe(want);
  });
  it('WF6: 10 distinct known co units are fine', () => {
    const coUnits = Array.from({ length: 10 }, (_, i) => `u-${i}`);
    expect(applied(run(office, caseIn('registered'), 'assign', { ...input, coUnits })).changes.coUnits).toBe(
      coUnits.join(','),
    );
  });
});

describe('WF7 accept / WF8 return / WF18 co-opinion', () => {
  it('WF7: the lead unit signs for the case; may name its 经办人', () => {
    expect(applied(run(lead, caseIn('assigned'), 'accept', {})).changes.status).toBe('handling');
    const a = applied(
      run(lead, caseIn('assigned', { handler: null, handlerPhone: null }), 'accept', {
        handler: '王五',
        handlerPhone: '13912345678',
      }),
    );
    expect(a.changes).toMatchObject({ handler: '王五', handlerPhone: '13912345678' });
    expect(code(run(co, caseIn('assigned'), 'accept', {}))).toBe('NOT_LEAD_UNIT');
  });
  it('WF8: return with a reason', () => {
    const a = applied(run(lead, caseIn('handling'), 'return', { reason: '不属于本单位职责' }));
    expect(a.changes).toMatchObject({ status: 'returned', returnReason: '不属于本单位职责', returnedBy: LEAD });
    expect(code(run(lead, caseIn('handling'), 'return', { reason: ' ' }))).toBe('REQUIRED');
  });
  it('WF8/STAT3: 退回单位 keeps every unit that returned the case, each once', () => {
    const again = caseIn('handling', { returnedBy: `u-earlier,${LEAD}` });
    // already listed: 退回单位 stays as it is (not in the changes)
    expect(applied(run(lead, again, 'return', { reason: '仍不属于本单位' })).changes.returnedBy).toBeUndefined();
    const other = caseIn('handling', { returnedBy: 'u-earlier' });
    expect(applied(run(lead, other, 'return', { reason: '不属于本单位' })).changes.returnedBy).toBe(
      `u-earlier,${LEAD}`,
    );
  });
  it('WF18: a co unit appends its dated opinion', () => {
    const c = caseIn('handling', { coOpinions: '[市住建局 2026-10-09] 已提供资料' });
    const a = applied(run(co, c, 'co-opinion', { text: '同意市场监管局意见' }, ctx('2026-10-10T09:00:00+08:00')));
    expect(a.changes.coOpinions).toBe('[市住建局 2026-10-09] 已提供资料\n[市住建局 2026-10-10] 同意市场监管局意见');
    expect(code(run(lead, c, 'co-opinion', { text: 'x' }))).toBe('NOT_CO_UNIT');
  });
  it('appended text fields stay within their maximum (TOO_LONG)', () => {
    const c = caseIn('handling', { coOpinions: '满'.repeat(9990) });
    expect(code(run(co, c, 'co-opinion', { text: '再加一句话' }))).toBe('TOO_LONG');
  });
});

describe('WF9 feedback', () => {
  const input = {
    findings: '经查属实',
    measures: '已一次性告知材料并办结',
    feedbackAt: '2026-10-12',
    feedbackMethod: '电话',
    companyVerdict: '满意',
    writtenReply: '否',
  };
  it('WF9: handling → fedBack with the 承办单 fields; 经办人 taken from the case', () => {
    const a = applied(run(lead, caseIn('handling'), 'feedback', input));
    expect(a.changes).toMatchObject({
      status: 'fedBack',
      ...input,
      fedBackAt: '2026-10-12T10:00:00+08:00',
      warning: 'normal',
    });
    expect(a.changes.handler).toBeUndefined();
  });
  it('WF9: 不满意 needs the reason and next plan', () => {
    const bad = { ...input, companyVerdict: '不满意' };
    expect(code(run(lead, caseIn('handling'), 'feedback', bad))).toBe('REQUIRED');
    expect(code(run(lead, caseIn('handling'), 'feedback', { ...bad, dissatisfaction: '未解决' }))).toBe('REQUIRED');
    const a = applied(
      run(lead, caseIn('handling'), 'feedback', { ...bad, dissatisfaction: '未解决', nextPlan: '继续协调' }),
    );
    expect(a.changes).toMatchObject({ companyVerdict: '不满意', dissatisfaction: '未解决', nextPlan: '继续协调' });
  });
  it.each([
    [
      'findings + measures over 2000',
      { ...input, findings: '查'.repeat(1500), measures: '办'.repeat(501) },
      'TOO_LONG',
    ],
    ['missing findings', { ...input, findings: '' }, 'REQUIRED'],
    ['feedbackAt tomorrow', { ...input, feedbackAt: '2026-10-13' }, 'DATE_IN_FUTURE'],
    ['feedbackAt before assignment', { ...input, feedbackAt: '2026-09-29' }, 'DATE_BEFORE_RECEIVED'],
    ['bad date', { ...input, feedbackAt: '2026-02-30' }, 'INVALID_DATE'],
    ['bad method', { ...input, feedbackMethod: '微信' }, 'INVALID_CHOICE'],
    ['bad handler phone', { ...input, handlerPhone: 'abc' }, 'INVALID_PHONE'],
  ])('WF9: refuses %s', (_name, body, want) => {
    expect(code(run(lead, caseIn('handling'), 'feedback', body))).toBe(want);
  });
  it('WF9: 经办人 and phone must end up filled (附件2 必填)', () => {
    const c = caseIn('handling', { handler: null, handlerPhone: null });
    expect(code(run(lead, c, 'feedback', input))).toBe('REQUIRED');
    expect(code(run(lead, c, 'feedback', { ...input, handler: '李四' }))).toBe('REQUIRED');
    const a = applied(run(lead, c, 'feedback', { ...input, handler: '李四', handlerPhone: '0710 6331373' }));
    expect(a.changes).toMatchObject({ handler: '李四', handlerPhone: '0710-6331373' });
  });
});

describe('WF10 visit / WF11 second round / WF12 transfer / WF13 archive', () => {
  const later = ctx('2026-10-15T09:00:00+08:00');
  it('WF10: the lead unit visits; a satisfied verdict closes the case with a dated line and the first result', () => {
    const c = caseIn('fedBack', { feedbackAt: '2026-10-11' });
    const input = { result: '满意', method: '电话回访', visitedOn: '2026-10-14', note: '问题已解决' };
    const a = applied(run(lead, c, 'visit', input, later));
    expect(a.changes).toEqual({
      status: 'closed',
      visitResult: '满意',
      firstVisitResult: '满意',
      finalVerdict: '满意',
      visit: '2026-10-14 电话回访：满意（问题已解决）',
    });
    expect(code(run(office, c, 'visit', input, later))).toBe('FORBIDDEN_ROLE');
  });
  it('WF10: an unsatisfied visit sends it to 不满意; lines accumulate; the first result is kept', () => {
    const c = caseIn('fedBack', { visit: '2026-10-14 电话回访：基本满意', firstVisitResult: '不满意' });
    const a = applied(
      run(lead, c, 'visit', { result: '非常不满意', method: '实地走访', visitedOn: '2026-10-15' }, later),
    );
    expect(a.changes).toMatchObject({
      status: 'unsatisfied',
      visit: '2026-10-14 电话回访：基本满意\n2026-10-15 实地走访：非常不满意',
    });
    expect(a.changes.firstVisitResult).toBeUndefined();
    const bad = { result: '满意', method: '电话回访' };
    expect(code(run(lead, c, 'visit', { ...bad, result: '还行', visitedOn: '2026-10-15' }))).toBe('INVALID_CHOICE');
    expect(code(run(lead, c, 'visit', bad))).toBe('REQUIRED');
  });
  it.each([
    ['in the future', '2026-10-16', 'DATE_IN_FUTURE'],
    ['before the feedback date', '2026-10-10', 'DATE_BEFORE_RECEIVED'],
    ['not a date', '2026-02-30', 'INVALID_DATE'],
  ])('WF10: a visit date %s is refused', (_name, visitedOn, want) => {
    const c = caseIn('fedBack', { feedbackAt: '2026-10-11' });
    const r = run(lead, c, 'visit', { result: '满意', method: '电话回访', visitedOn }, later);
    expect(r.ok ? 'ok' : [r.error.code, r.error.field]).toEqual([want, 'visitedOn']);
  });
  it('WF11: 二次办理 after an explanation: round 2, new deadline from now, round 1 kept, extension allowance reset', () => {
    const c = caseIn('explained', {
      extensionGranted: 3,
      extensionCount: 1,
      fedBackAt: '2026-10-11T16:00:00+08:00',
    });
    const input = { decision: 'redo', note: '请重新核查' };
    const a = applied(run(office, c, 'explanation-decision', input, ctx('2026-10-14T09:00:00+08:00')));
    expect(a.changes).toMatchObject({
      status: 'handling',
      round: 2,
      dueAt: '2026-10-21T23:59:59+08:00',
      round1DueAt: '2026-10-13T23:59:59+08:00',
      round1FedBackAt: '2026-10-11T16:00:00+08:00',
      extensionGranted: 0,
      fedBackAt: null,
      explanationDecision: '二次办理',
      assignNote: '请核实\n2026-10-14 二次办理：请重新核查',
    });
    expect(a.changes.extensionCount).toBeUndefined();
  });
  it('WF11/WF28: no second 二次办理; ROUND_LIMIT no longer tells staff to transfer', () => {
    const r = run(office, caseIn('explained', { round: 2 }), 'explanation-decision', { decision: 'redo' });
    expect(r.ok ? 'ok' : r.error.code).toBe('ROUND_LIMIT');
    expect(r.ok ? '' : r.error.message).not.toContain('移送');
  });
  it('WF12: transfer after the second round with the ground and the 综合研判 note; NOT_SECOND_ROUND in round 1', () => {
    const c = caseIn('explained', { round: 2 });
    const input = { decision: 'transfer', ground: '敷衍', note: '经调查了解和综合研判，承办单位敷衍塞责' };
    const a = applied(run(office, c, 'explanation-decision', input));
    expect(a.changes).toMatchObject({
      status: 'transferred',
      transferGround: '敷衍',
      explanationDecision: '移送纪检监察',
      discipline: '2026-10-12 移送市纪委监委（敷衍）：经调查了解和综合研判，承办单位敷衍塞责',
    });
    expect(code(run(office, caseIn('explained'), 'explanation-decision', input))).toBe('NOT_SECOND_ROUND');
    const noNote = run(office, c, 'explanation-decision', { decision: 'transfer', ground: '推诿' });
    expect(noNote.ok ? 'ok' : [noNote.error.code, noNote.error.field]).toEqual(['REQUIRED', 'note']);
    const noGround = run(office, c, 'explanation-decision', { decision: 'transfer', note: 'x' });
    expect(noGround.ok ? 'ok' : [noGround.error.code, noGround.error.field]).toEqual(['REQUIRED', 'ground']);
    expect(code(run(office, c, 'explanation-decision', { ...input, ground: '失职' }))).toBe('INVALID_CHOICE');
  });
  it('WF13: archive closed, rejected and transferred cases', () => {
    for (const s of ['closed', 'rejected', 'transferred'] as const) {
      expect(applied(run(office, caseIn(s), 'archive', {})).changes).toEqual({ status: 'archived', archived: '是' });
    }
    expect(code(run(office, caseIn('closed'), 'archive', { when: 'now' }))).toBe('INVALID_INPUT');
  });
});
