// WF21–WF30: the plan's follow-up branch: 说明 and its decision, 回头看, 告知企业, 书面答复, one 督办单, 重复投诉, the sample.
import { describe, expect, it } from 'vitest';
import type { CaseData } from '../../shared/case';
import { registerCase, withChanges } from '../../shared/commands';
import { similarCases, similarity, duplicateWarning } from '../../shared/duplicates';
import { drawSample } from '../../shared/sample';
import { caseFigures } from '../../shared/stats/figures';
import { REGISTRATION, applied, caseIn, code, ctx, lead, office, regCtx, run } from './command-helpers';

describe('WF21: 诉求类别 optional at 登记, required before 交办 and 即时答复', () => {
  it('WF21/WF4: a case registered without a category can be rejected but not assigned or answered', () => {
    const { category: _omit, ...noCategory } = REGISTRATION;
    const reg = registerCase(office, noCategory, regCtx());
    expect(reg.ok).toBe(true);
    const c = caseIn('registered', { category: null });
    expect(applied(run(office, c, 'reject', { ground: '1.经营主体之间民事纠纷' })).changes.status).toBe('rejected');
    for (const [command, input] of [
      ['assign', { leadUnit: 'u-lead', kind: 'general' }],
      ['answer', { reply: '已答复' }],
    ] as const) {
      const r = run(office, c, command, input);
      expect(r.ok ? 'ok' : [r.error.code, r.error.field]).toEqual(['REQUIRED', 'category']);
      expect(r.ok ? '' : r.error.message).toContain('诉求类别');
    }
  });
});

describe('WF22/WF23: 作出说明 and the office decision', () => {
  it('WF22: the lead unit explains an unsatisfied case; text required and ≤ 1000', () => {
    const c = caseIn('unsatisfied', { explanation: null });
    const a = applied(run(lead, c, 'explain', { text: '企业诉求涉及历史遗留问题' }));
    expect(a.changes).toMatchObject({
      status: 'explained',
      explanation: '2026-10-12 第1轮情况说明：企业诉求涉及历史遗留问题',
    });
    expect(code(run(lead, c, 'explain', {}))).toBe('REQUIRED');
    expect(code(run(lead, c, 'explain', { text: '说'.repeat(1001) }))).toBe('TOO_LONG');
    expect(code(run(office, c, 'explain', { text: 'x' }))).toBe('FORBIDDEN_ROLE');
    expect(code(run(lead, caseIn('fedBack'), 'explain', { text: 'x' }))).toBe('INVALID_STATE');
  });
  it('WF23: 采纳说明 closes the case; the verdict and the explanation stay on record', () => {
    const c = caseIn('explained', { visitResult: '不满意', explanation: '2026-10-12 第1轮情况说明：已尽责' });
    const a = applied(run(office, c, 'explanation-decision', { decision: 'accept' }));
    expect(a.changes).toMatchObject({
      status: 'closed',
      explanationDecision: '采纳说明',
      explanation: '2026-10-12 第1轮情况说明：已尽责\n2026-10-12 市营商办采纳说明',
    });
    expect(a.changes.visitResult).toBeUndefined();
    expect(code(run(office, c, 'explanation-decision', { decision: 'close' }))).toBe('INVALID_CHOICE');
  });
  it('WF28: round 2 still unsatisfied: explain again, then only accept or transfer; archive refused before', () => {
    let c: CaseData = caseIn('fedBack', { round: 2, feedbackAt: '2026-10-12' });
    c = withChanges(
      c,
      applied(run(lead, c, 'visit', { result: '不满意', method: '电话回访', visitedOn: '2026-10-12' })).changes,
    );
    expect(c.fields.status).toBe('unsatisfied');
    expect(code(run(office, c, 'archive', {}))).toBe('INVALID_STATE');
    c = withChanges(c, applied(run(lead, c, 'explain', { text: '第二轮说明' })).changes);
    expect(c.fields.explanation).toContain('第2轮情况说明');
    expect(code(run(office, c, 'explanation-decision', { decision: 'redo' }))).toBe('ROUND_LIMIT');
    expect(code(run(office, c, 'archive', {}))).toBe('INVALID_STATE');
    const accepted = applied(run(office, c, 'explanation-decision', { decision: 'accept', note: '说明合理' }));
    expect(accepted.changes.status).toBe('closed');
  });
});

describe('WF24: 回头看', () => {
  const input = { result: '不满意', method: '实地走访', note: '企业反映问题反复' };
  it('WF24: 不满意 on a closed case reopens it to unsatisfied, audited, counted', () => {
    const c = caseIn('closed', {
      visitResult: '满意',
      spotCheckCount: 1,
      spotCheck: '2026-10-01 回头看（电话回访）：满意',
    });
    const a = applied(run(office, c, 'spot-check', input));
    expect(a.changes).toMatchObject({
      status: 'unsatisfied',
      spotCheckResult: '不满意',
      spotCheckCount: 2,
      spotCheck: '2026-10-01 回头看（电话回访）：满意\n2026-10-12 回头看（实地走访）：不满意（企业反映问题反复）',
    });
    expect(a.changes.visitResult).toBeUndefined();
    expect(a.audit[0]).toMatchObject({ command: 'spot-check', old: 'closed', new: 'unsatisfied' });
    expect(a.audit[0]?.note).toContain('重新要求承办单位作出说明');
  });
  it('WF24: on an archived case, or one answered at once, the result is recorded and counted only', () => {
    const archived = caseIn('archived', { archived: '是', measures: '已办结' });
    const a = applied(run(office, archived, 'spot-check', input));
    expect(Object.keys(a.changes).sort()).toEqual(['finalVerdict', 'spotCheck', 'spotCheckCount', 'spotCheckResult']);
    const answered = caseIn('closed', { leadUnit: null, coUnits: null, kind: 'consult' });
    expect(applied(run(office, answered, 'spot-check', input)).changes.status).toBeUndefined();
    const satisfied = applied(run(office, caseIn('closed'), 'spot-check', { result: '基本满意', method: '系统评价' }));
    expect(satisfied.changes).toMatchObject({ spotCheckResult: '基本满意', spotCheckCount: 1 });
    expect(satisfied.changes.status).toBeUndefined();
  });
  it('WF24: only the office, only closed or archived cases', () => {
    expect(code(run(lead, caseIn('closed'), 'spot-check', input))).toBe('FORBIDDEN_ROLE');
    expect(code(run(office, caseIn('handling'), 'spot-check', input))).toBe('INVALID_STATE');
    expect(code(run(office, caseIn('closed'), 'spot-check', { method: '实地走访' }))).toBe('REQUIRED');
  });
});

describe('STAT5: the final verdict is the latest, 回访 or 回头看', () => {
  const visitOn = (result: string, visitedOn: string) => ({ result, method: '电话回访', visitedOn });
  it('STAT5: satisfied at 回访, 不满意 at 回头看, 二次办理, then 非常满意 at the new 回访: finally satisfied', () => {
    const step = (c: CaseData, r: ReturnType<typeof run>): CaseData => withChanges(c, applied(r).changes);
    let c: CaseData = caseIn('fedBack', { feedbackAt: '2026-10-09', fedBackAt: '2026-10-09T16:00:00+08:00' });
    c = step(c, run(lead, c, 'visit', visitOn('满意', '2026-10-10')));
    expect(caseFigures(c)).toMatchObject({ finalVisited: 1, finalSatisfied: 1 });
    c = step(
      c,
      run(office, c, 'spot-check', { result: '不满意', method: '实地走访' }, ctx('2026-10-12T09:00:00+08:00')),
    );
    expect([c.fields.status, caseFigures(c).finalSatisfied]).toEqual(['unsatisfied', 0]);
    c = step(c, run(lead, c, 'explain', { text: '已按政策答复' }, ctx('2026-10-13T09:00:00+08:00')));
    c = step(c, run(office, c, 'explanation-decision', { decision: 'redo' }, ctx('2026-10-14T09:00:00+08:00')));
    const feedback = { findings: '重新核查', measures: '已解决', feedbackAt: '2026-10-20', feedbackMethod: '书面' };
    c = step(
      c,
      run(
        lead,
        c,
        'feedback',
        { ...feedback, companyVerdict: '满意', writtenReply: '是' },
        ctx('2026-10-20T09:00:00+08:00'),
      ),
    );
    c = step(c, run(lead, c, 'visit', visitOn('非常满意', '2026-10-21'), ctx('2026-10-21T09:00:00+08:00')));
    expect([c.fields.status, c.fields.round, c.fields.spotCheckResult, c.fields.finalVerdict]).toEqual([
      'closed',
      2,
      '不满意',
      '非常满意',
    ]);
    // the first verdict stays the first 回访's; the 回头看 is still counted as one, unsatisfied (STAT6)
    expect(caseFigures(c)).toMatchObject({ firstSatisfied: 1, finalVisited: 1, finalSatisfied: 1 });
  });
  it('STAT5: a 回头看 after the 回访 is the later word; a case without 最终评价结果 counts its 回头看', () => {
    const closed = caseIn('closed', { visitResult: '满意', firstVisitResult: '满意' });
    const checked = withChanges(
      closed,
      applied(run(office, closed, 'spot-check', { result: '基本满意', method: '系统评价' })).changes,
    );
    expect(checked.fields.finalVerdict).toBe('基本满意');
    const older = caseIn('archived', { visitResult: '满意', spotCheckResult: '不满意', spotCheckCount: 1 });
    expect(caseFigures(older)).toMatchObject({ finalVisited: 1, finalSatisfied: 0 });
  });
});

describe('WF25/WF15: 告知企业 and 延期次数', () => {
  it('WF25: the notice date and method are required; a date in the future is refused', () => {
    const c = caseIn('handling');
    const base = { amount: 1, reason: '需现场核查' };
    expect(code(run(lead, c, 'extension-request', { ...base, toldOn: '2026-10-12' }))).toBe('REQUIRED');
    expect(code(run(lead, c, 'extension-request', { ...base, toldBy: '电话' }))).toBe('REQUIRED');
    expect(code(run(lead, c, 'extension-request', { ...base, toldOn: '2026-10-12', toldBy: '微信' }))).toBe(
      'INVALID_CHOICE',
    );
    const future = run(lead, c, 'extension-request', { ...base, toldOn: '2026-10-13', toldBy: '当面' });
    expect(future.ok ? 'ok' : [future.error.code, future.error.field]).toEqual(['DATE_IN_FUTURE', 'toldOn']);
  });
  it('WF15: each approval adds one to 延期次数', () => {
    const c = caseIn('handling', { extensionPending: 1, extensionCount: 2 });
    expect(applied(run(office, c, 'extension-decision', { approve: true })).changes.extensionCount).toBe(3);
    expect(applied(run(office, c, 'extension-decision', { approve: false })).changes.extensionCount).toBeUndefined();
  });
});

describe('WF26: 要求书面答复', () => {
  const input = {
    findings: '经查属实',
    measures: '已办结',
    feedbackAt: '2026-10-12',
    feedbackMethod: '电话',
    companyVerdict: '满意',
  };
  it('WF26: required; 是 needs 书面; recorded', () => {
    const c = caseIn('handling');
    expect(code(run(lead, c, 'feedback', input))).toBe('REQUIRED');
    const phone = run(lead, c, 'feedback', { ...input, writtenReply: '是' });
    expect(phone.ok ? 'ok' : [phone.error.code, phone.error.field]).toEqual(['INVALID_CHOICE', 'feedbackMethod']);
    expect(phone.ok ? '' : phone.error.message).toContain('书面');
    const a = applied(run(lead, c, 'feedback', { ...input, feedbackMethod: '书面', writtenReply: '是' }));
    expect(a.changes).toMatchObject({ writtenReply: '是', feedbackMethod: '书面' });
  });
});

describe('WF27/WF17: one 督办单 at a time', () => {
  const open = {
    supervisionCount: 1,
    supervisionDueAt: '2026-10-14T23:59:59+08:00',
    supervision: '〔2026〕督3号 2026-10-09 督办：请加快；请于 2026-10-14 前回复',
  };
  it('WF27: a new 督办 while one is open is refused, naming it', () => {
    const r = run(office, caseIn('handling', open), 'supervise', { note: '再次督办' }, ctx(undefined, 4));
    expect(r.ok ? 'ok' : r.error.code).toBe('SUPERVISION_OPEN');
    expect(r.ok ? '' : r.error.message).toContain('〔2026〕督3号');
  });
  it('WF27: archive is refused while a 督办单 is open; allowed once replied', () => {
    const c = caseIn('closed', open);
    const r = run(office, c, 'archive', {});
    expect(r.ok ? 'ok' : r.error.code).toBe('SUPERVISION_OPEN');
    expect(r.ok ? '' : r.error.message).toContain('〔2026〕督3号');
    const replied = withChanges(c, applied(run(lead, c, 'supervise-reply', { note: '已办结' })).changes);
    expect(applied(run(office, replied, 'archive', {})).changes.status).toBe('archived');
  });
  it('WF17: a late reply adds one to 督办逾期回复次数, an on-time one does not', () => {
    const c = caseIn('explained', open);
    const late = applied(run(lead, c, 'supervise-reply', { note: '已办' }, ctx('2026-10-15T08:00:00+08:00')));
    expect(late.changes.supervisionLateCount).toBe(1);
    const onTime = applied(run(lead, c, 'supervise-reply', { note: '已办' }));
    expect(onTime.changes.supervisionLateCount).toBeUndefined();
  });
});

describe('WF27/WF17: a 督办单 keeps room in 督办情况 for its reply', () => {
  // the 督办 line around its 督办事项, and the longest reply line: a late one of 1000 characters
  const issued = (note: string) => `〔2026〕督4号 2026-10-12 督办：${note}；请于 2026-10-17 前回复`;
  const ISSUE_OVERHEAD = [...issued('')].length;
  const longestReply = (note: string) => `2026-10-18 督办回复（逾期）：${note}`;
  const RESERVE = 1 + [...longestReply('复'.repeat(1000))].length;
  const logOf = (chars: number) => caseIn('handling', { supervisionCount: 3, supervision: '记'.repeat(chars) });
  const supervise = (c: CaseData, note: string) => run(office, c, 'supervise', { note }, ctx(undefined, 4));
  const len = (v: unknown) => [...String(v)].length;

  it('WF27: a 督办 that would leave no room for the longest reply is refused on 督办事项 with the room left', () => {
    const used = 4000 - RESERVE - 1 - ISSUE_OVERHEAD - 100; // room for a 督办事项 of 100 characters
    const r = supervise(logOf(used), '督'.repeat(101));
    expect(code(r)).toBe('TOO_LONG');
    expect(r.ok ? null : r.error.field).toBe('note');
    expect(r.ok ? '' : r.error.message).toContain(`“督办情况”已记录 ${used} 字`);
    expect(r.ok ? '' : r.error.message).toContain(`督办回复留出 ${RESERVE} 字`);
    expect(r.ok ? '' : r.error.message).toContain('最多还可写 100 字');
  });

  it('WF27: with no room left for a reply at all, the refusal says no 督办单 can be issued', () => {
    const r = supervise(logOf(4000 - RESERVE - ISSUE_OVERHEAD), '督');
    expect(code(r)).toBe('TOO_LONG');
    expect(r.ok ? null : r.error.field).toBe('note');
    expect(r.ok ? '' : r.error.message).toContain('已没有为承办单位回复留出的空间，不能再下发督办单');
  });

  it('WF27/WF17: after the longest 督办 that fits, the longest (late) reply still fits whole', () => {
    const c = logOf(4000 - RESERVE - 1 - ISSUE_OVERHEAD - 100);
    expect(code(supervise(c, '督'.repeat(101)))).toBe('TOO_LONG');
    const a = applied(supervise(c, '督'.repeat(100)));
    expect(len(a.changes.supervision)).toBe(4000 - RESERVE);
    const open = withChanges(c, a.changes);
    const reply = '复'.repeat(1000);
    const r = applied(run(lead, open, 'supervise-reply', { note: reply }, ctx('2026-10-18T09:00:00+08:00')));
    expect(r.changes.supervision).toBe(`${String(a.changes.supervision)}\n${longestReply(reply)}`);
    expect(len(r.changes.supervision)).toBe(4000);
    expect(r.changes.supervisionDueAt).toBeNull();
  });

  // a 督办单 issued before WF27 kept room for its reply: its 督办情况 may hold too little for it
  const wedged = (room: number) => {
    const line = issued('请加快');
    const log = `${'记'.repeat(4000 - room - line.length - 1)}\n${line}`;
    return caseIn('closed', { supervisionCount: 4, supervisionDueAt: '2026-10-17T23:59:59+08:00', supervision: log });
  };

  it('WF17: a reply to a 督办单 left without room is cut to fit with a mark, closes it, and the case can be archived', () => {
    const c = wedged(100);
    const reply = '复'.repeat(1000);
    const r = applied(run(lead, c, 'supervise-reply', { note: reply }));
    const added = String(r.changes.supervision).slice(String(c.fields.supervision).length);
    // 100 less the line break, the 16 characters of '2026-10-12 督办回复：' and the 14 of the mark
    expect(added).toBe(`\n2026-10-12 督办回复：${'复'.repeat(100 - 1 - 16 - 14)}…（已截断，全文见办理记录）`);
    expect(len(r.changes.supervision)).toBe(4000);
    expect(r.changes.supervisionDueAt).toBeNull();
    // the whole reply is the command's note in the 办理记录
    expect(r.audit.find((e) => e.field === null)?.note).toBe(reply);
    expect(applied(run(office, withChanges(c, r.changes), 'archive', {})).changes.status).toBe('archived');
  });

  it('WF17: when not even the date and the mark fit, the reply still closes the 督办单 and leaves 督办情况 as it is', () => {
    const c = wedged(5);
    const r = applied(run(lead, c, 'supervise-reply', { note: '已整改' }));
    expect(r.changes.supervisionDueAt).toBeNull();
    expect(r.changes.supervision).toBeUndefined();
    expect(r.audit.find((e) => e.field === null)?.note).toBe('已整改');
    expect(applied(run(office, withChanges(c, r.changes), 'archive', {})).changes.status).toBe('archived');
  });
});

function earlier(id: string, fields: Record<string, string | number | null>): CaseData {
  return { id, fields: { status: 'handling', company: '枣阳市某某机械有限公司', ...fields } };
}

describe('WF29: 重复投诉 warning', () => {
  it('WF29: bigram Jaccard: the same text 1, unrelated 0, punctuation and spaces ignored', () => {
    expect(similarity('施工许可久拖不办', '施工许可久拖不办。')).toBe(1);
    expect(similarity('施工许可 久拖不办', '施工许可久拖不办')).toBe(1);
    expect(similarity('施工许可久拖不办', '税务发票问题')).toBe(0);
    expect(similarity('', '施工')).toBe(0);
  });
  it('WF29: an open or recent similar case of the same company is named; others are not', () => {
    const cases = [
      earlier('a', { code: '〔2026〕3号', summary: '施工许可久拖不办，多次补材料', receivedAt: '2026-01-01' }),
      earlier('b', { code: '〔2026〕4号', summary: '施工许可久拖不办', status: 'closed', receivedAt: '2026-08-01' }),
      earlier('c', { code: '〔2026〕5号', summary: '施工许可久拖不办', status: 'archived', receivedAt: '2026-05-01' }),
      earlier('d', { code: '〔2026〕6号', summary: '施工许可久拖不办', company: '另一家公司' }),
      earlier('e', { code: '〔2026〕7号', summary: '税务发票开具难' }),
    ];
    const found = similarCases(cases, ' 枣阳市某某机械有限公司 ', '施工许可久拖不办', '2026-10-12');
    expect(found.map((f) => f.code)).toEqual(['〔2026〕4号', '〔2026〕3号']);
    expect(duplicateWarning(found)).toContain('〔2026〕4号、〔2026〕3号');
    expect(duplicateWarning([])).toBeNull();
  });
});

describe('WF30: the 回头看 sample', () => {
  const cases = Array.from({ length: 30 }, (_, i) =>
    earlier(`c${i}`, {
      seq: i + 1,
      status: i % 3 === 0 ? 'handling' : i % 3 === 1 ? 'closed' : 'archived',
      receivedAt: `2026-0${1 + (i % 9)}-15`,
    }),
  );
  it('WF30: the same seed gives the same sample; only closed or archived cases in the range, in 序号 order', () => {
    const range = { from: '2026-02-01', to: '2026-08-31' };
    const a = drawSample(cases, range, 5, 42).map((c) => c.id);
    expect(drawSample([...cases].reverse(), range, 5, 42).map((c) => c.id)).toEqual(a);
    expect(a).toHaveLength(5);
    for (const id of a) {
      const c = cases.find((x) => x.id === id);
      expect(['closed', 'archived']).toContain(c?.fields.status);
      expect(String(c?.fields.receivedAt) >= '2026-02-01' && String(c?.fields.receivedAt) <= '2026-08-31').toBe(true);
    }
    const seqs = a.map((id) => Number(id.slice(1)));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const draws = new Set(
      [1, 2, 3, 4, 5, 6].map((seed) =>
        drawSample(cases, range, 5, seed)
          .map((c) => c.id)
          .join(),
      ),
    );
    expect(draws.size).toBeGreaterThan(1);
    expect(drawSample(cases, { from: null, to: null }, 100, 1)).toHaveLength(20);
  });
});

describe('WF22/WF23/WF24: hostile input (VAL5, VAL6)', () => {
  it('WF22: formula-looking and markup text is stored verbatim as text; odd keys and values are refused', () => {
    const c = caseIn('unsatisfied');
    const formula = '=HYPERLINK("http://x","点我")<script>alert(1)</script>';
    const a = applied(run(lead, c, 'explain', { text: formula }));
    expect(a.changes.explanation).toBe(`2026-10-12 第1轮情况说明：${formula}`);
    expect(code(run(lead, c, 'explain', JSON.parse('{"text":"说明","__proto__":1}')))).toBe('INVALID_INPUT');
    expect(code(run(lead, c, 'explain', { text: '\ud800' }))).toBe('INVALID_INPUT');
    expect(code(run(lead, c, 'explain', { text: ['数组'] }))).toBe('INVALID_INPUT');
  });
  it('WF23/WF24: a decision or a 回头看 result outside the list is refused, prototype names included', () => {
    for (const decision of ['toString', '__proto__', 'constructor', 'ACCEPT', '采纳说明']) {
      const r = run(office, caseIn('explained'), 'explanation-decision', { decision });
      expect(r.ok ? 'ok' : [r.error.code, r.error.field]).toEqual(['INVALID_CHOICE', 'decision']);
    }
    const spot = run(office, caseIn('closed'), 'spot-check', { result: 'hasOwnProperty', method: '电话回访' });
    expect(spot.ok ? 'ok' : [spot.error.code, spot.error.field]).toEqual(['INVALID_CHOICE', 'result']);
  });
});
