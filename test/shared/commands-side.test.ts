// WF14–WF20: extensions, 督办, audit entries and refusals that change nothing.
import { describe, expect, it } from 'vitest';
import { applied, caseIn, co, code, ctx, lead, office, run, viewer } from './command-helpers';
import { withChanges } from '../../shared/commands';
import { mayRun } from '../../shared/workflow';
import { LEAD, actors } from './fixtures';

const TOLD = { toldOn: '2026-10-12', toldBy: '电话' };

describe('WF14 extension request / WF15 extension decision', () => {
  it('WF14: the lead unit asks before the deadline; a dated line is appended', () => {
    const a = applied(run(lead, caseIn('handling'), 'extension-request', { amount: 3, reason: '需现场核查', ...TOLD }));
    expect(a.changes).toEqual({
      extensionPending: 3,
      extension: '2026-10-12 申请延期3个工作日：需现场核查；已于 2026-10-12 以电话方式告知企业',
    });
    const consult = caseIn('handling', { kind: 'consult', dueAt: '2026-10-13T09:00:00+08:00' });
    expect(
      applied(run(lead, consult, 'extension-request', { amount: 12, reason: '待查', ...TOLD })).changes.extension,
    ).toContain('12小时');
  });
  it('WF14: DEADLINE_PASSED, EXTENSION_PENDING, EXTENSION_TOO_LONG, INVALID_NUMBER', () => {
    const late = ctx('2026-10-14T00:00:00+08:00');
    expect(code(run(lead, caseIn('handling'), 'extension-request', { amount: 1, reason: 'x', ...TOLD }, late))).toBe(
      'DEADLINE_PASSED',
    );
    expect(
      code(
        run(lead, caseIn('handling', { extensionPending: 2 }), 'extension-request', {
          amount: 1,
          reason: 'x',
          ...TOLD,
        }),
      ),
    ).toBe('EXTENSION_PENDING');
    expect(
      code(
        run(lead, caseIn('handling', { extensionGranted: 3 }), 'extension-request', {
          amount: 3,
          reason: 'x',
          ...TOLD,
        }),
      ),
    ).toBe('EXTENSION_TOO_LONG');
    expect(code(run(lead, caseIn('handling'), 'extension-request', { amount: 6, reason: 'x', ...TOLD }))).toBe(
      'EXTENSION_TOO_LONG',
    );
    expect(code(run(lead, caseIn('handling'), 'extension-request', { amount: 0, reason: 'x', ...TOLD }))).toBe(
      'INVALID_NUMBER',
    );
    expect(code(run(lead, caseIn('handling'), 'extension-request', { amount: 2, ...TOLD }))).toBe('REQUIRED');
  });
  it('WF15: approval moves dueAt by the granted working days from assignedAt (round 1)', () => {
    const c = caseIn('handling', { extensionPending: 2, extension: '2026-10-12 申请延期2个工作日：x' });
    const a = applied(run(office, c, 'extension-decision', { approve: true }));
    expect(a.changes).toMatchObject({
      extensionPending: null,
      extensionGranted: 2,
      dueAt: '2026-10-15T23:59:59+08:00',
      warning: 'normal',
    });
    expect(a.changes.extension).toBe(
      '2026-10-12 申请延期2个工作日：x\n2026-10-12 同意延期2个工作日，办结时限延至 2026-10-15',
    );
    const part = applied(run(office, c, 'extension-decision', { approve: true, amount: 1 }));
    expect(part.changes).toMatchObject({ extensionGranted: 1, dueAt: '2026-10-14T23:59:59+08:00' });
  });
  it('WF15: round 2 counts from the second-round start: the current dueAt moves on', () => {
    const c = caseIn('handling', { round: 2, dueAt: '2026-10-21T23:59:59+08:00', extensionPending: 2 });
    expect(applied(run(office, c, 'extension-decision', { approve: true })).changes.dueAt).toBe(
      '2026-10-23T23:59:59+08:00',
    );
  });
  it('WF15: refusal closes the request and keeps the deadline', () => {
    const c = caseIn('handling', { extensionPending: 2 });
    const a = applied(run(office, c, 'extension-decision', { approve: false, note: '理由不充分' }));
    expect(a.changes).toEqual({
      extensionPending: null,
      extension: '2026-10-12 不同意延期（申请2个工作日）：理由不充分',
    });
  });
  it('WF15: NO_PENDING_EXTENSION, amount above the request, bad input', () => {
    expect(code(run(office, caseIn('handling'), 'extension-decision', { approve: true }))).toBe('NO_PENDING_EXTENSION');
    const c = caseIn('handling', { extensionPending: 2 });
    expect(code(run(office, c, 'extension-decision', { approve: true, amount: 3 }))).toBe('INVALID_NUMBER');
    expect(code(run(office, c, 'extension-decision', { approve: 'yes' }))).toBe('INVALID_INPUT');
    expect(
      code(
        run(office, caseIn('handling', { extensionPending: 3, extensionGranted: 3 }), 'extension-decision', {
          approve: true,
        }),
      ),
    ).toBe('EXTENSION_TOO_LONG');
  });
});

describe('WF16 supervise / WF17 supervise-reply', () => {
  it('WF16: issues a numbered 督办单 with a 5-day reply deadline', () => {
    const c = caseIn('handling', { supervisionCount: 1, supervision: '〔2026〕督1号 2026-10-10 督办：前次' });
    const a = applied(run(office, c, 'supervise', { note: '请加快办理' }, ctx('2026-10-14T09:00:00+08:00', 3)));
    expect(a.changes).toMatchObject({
      supervisionCount: 2,
      supervisionDueAt: '2026-10-19T23:59:59+08:00',
      supervision:
        '〔2026〕督1号 2026-10-10 督办：前次\n〔2026〕督3号 2026-10-14 督办：请加快办理；请于 2026-10-19 前回复',
    });
    expect(a.supervision).toEqual({
      code: '〔2026〕督3号',
      issuedAt: '2026-10-14T09:00:00+08:00',
      replyDueAt: '2026-10-19T23:59:59+08:00',
      note: '请加快办理',
    });
  });
  it('WF16: without a 督办单 number the server is at fault (INTERNAL)', () => {
    expect(code(run(office, caseIn('handling'), 'supervise', { note: 'x' }))).toBe('INTERNAL');
  });
  it('WF17: the lead unit replies and closes the 督办单; NO_OPEN_SUPERVISION otherwise', () => {
    const c = caseIn('fedBack', { supervisionDueAt: '2026-10-19T23:59:59+08:00', supervision: 'S' });
    const a = applied(run(lead, c, 'supervise-reply', { note: '已办结' }, ctx('2026-10-16T09:00:00+08:00')));
    expect(a.changes).toEqual({ supervisionDueAt: null, supervision: 'S\n2026-10-16 督办回复：已办结' });
    const lateReply = applied(run(lead, c, 'supervise-reply', { note: '已办结' }, ctx('2026-10-20T09:00:00+08:00')));
    expect(lateReply.changes.supervision).toContain('督办回复（逾期）');
    expect(code(run(lead, caseIn('fedBack'), 'supervise-reply', { note: 'x' }))).toBe('NO_OPEN_SUPERVISION');
  });
});

describe('WF19 audit / WF20 refusal changes nothing / warning', () => {
  it('WF19: one entry for the command (status before → after, note) plus one per changed field', () => {
    const a = applied(run(lead, caseIn('handling'), 'return', { reason: '非本单位职责' }));
    expect(a.audit).toEqual([
      {
        at: '2026-10-12T10:00:00+08:00',
        actorId: 'l1',
        actorName: '市场监管李四',
        role: 'unit',
        unitId: LEAD,
        caseId: 'c-1',
        command: 'return',
        field: null,
        old: 'handling',
        new: 'returned',
        note: '非本单位职责',
      },
      expect.objectContaining({ field: 'status', old: 'handling', new: 'returned', note: null }),
      expect.objectContaining({ field: 'returnReason', old: null, new: '非本单位职责' }),
      expect.objectContaining({ field: 'returnedBy', old: null, new: LEAD }),
      expect.objectContaining({ field: 'warning', old: 'dueSoon', new: 'normal' }),
    ]);
    expect(a.audit.map((e) => e.field)).toEqual([null, ...Object.keys(a.changes)]);
  });
  it('WF19: changes hold only changed fields; warning recomputed and included when it changes', () => {
    const overdue = caseIn('assigned', { warning: 'normal' });
    const a = applied(run(lead, overdue, 'accept', {}, ctx('2026-10-14T08:00:00+08:00')));
    expect(a.changes).toEqual({ status: 'handling', warning: 'overdue' });
    const fed = applied(
      run(lead, caseIn('handling', { warning: 'overdue' }), 'feedback', {
        findings: 'a',
        measures: 'b',
        feedbackAt: '2026-10-12',
        feedbackMethod: '书面',
        companyVerdict: '满意',
        writtenReply: '是',
      }),
    );
    expect(fed.changes.warning).toBe('normal');
  });
  it('WF20: a refusal returns no changes and leaves the (frozen) case untouched', () => {
    const c = caseIn('handling', { extensionPending: 2 });
    const before = JSON.stringify(c);
    const r = run(lead, c, 'extension-request', { amount: 1, reason: 'x', ...TOLD });
    expect(r.ok).toBe(false);
    expect('value' in r).toBe(false);
    expect(JSON.stringify(c)).toBe(before);
    expect(withChanges(c, {}).fields).toEqual(c.fields);
  });
  it('WF1: INVALID_STATE names the current state and the command in Chinese', () => {
    const r = mayRun(lead, caseIn('fedBack'), 'accept');
    expect(r.ok ? '' : r.error.message).toBe('当前办理状态为“已反馈”，不能执行“签收”');
  });
  it('WF2: refusal order: viewer, unrelated unit, wrong role, not lead, not co', () => {
    const c = caseIn('handling');
    expect(code(run(viewer, c, 'accept', {}))).toBe('READ_ONLY');
    expect(code(run(actors.other, c, 'feedback', {}))).toBe('CASE_NOT_FOUND');
    expect(code(run(actors.other, c, 'archive', {}))).toBe('CASE_NOT_FOUND');
    expect(code(run(lead, c, 'archive', {}))).toBe('FORBIDDEN_ROLE');
    expect(code(run(office, c, 'feedback', {}))).toBe('FORBIDDEN_ROLE');
    expect(code(run(co, c, 'return', { reason: 'x' }))).toBe('NOT_LEAD_UNIT');
    expect(code(run(lead, c, 'co-opinion', { text: 'x' }))).toBe('NOT_CO_UNIT');
  });
});
