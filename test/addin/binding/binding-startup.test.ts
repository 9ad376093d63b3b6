// BIND12: edits typed while the add-in was closed are compared with the state kept in the workbook: sent or listed.
import { afterEach, describe, expect, it } from 'vitest';
import { readCase, writeFields } from '../../../shared/ydoc-layout';
import { actors } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

let s: BoundSheet | null = null;
afterEach(() => s?.binding.stop());

describe('BIND12: start after edits made while closed', () => {
  it('BIND12: a cell typed while the add-in was closed is sent at the next start, the server’s other changes shown', async () => {
    s = await bound(actors.lead, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'handling' },
    ]);
    const reopen = s.close();
    s.workbook.user.type(SHEET, s.cell(1, 'findings'), '关闭期间填写的核查情况');
    s.workbook.user.type(SHEET, s.cell(0, 'handler'), '周强');
    writeFields(s.server, 'c-1', { summary: '服务器在关闭期间改了诉求' });
    await s.workbook.settle();
    await reopen();
    expect(readCase(s.server, 'c-2')?.fields.findings).toBe('关闭期间填写的核查情况');
    expect(readCase(s.server, 'c-1')?.fields.handler).toBe('周强');
    expect(s.value(1, 'findings')).toBe('关闭期间填写的核查情况');
    expect(s.value(0, 'summary')).toBe('服务器在关闭期间改了诉求');
    expect(s.refusals).toEqual([]);
  });

  it('BIND12: what the rules refuse while closed (bad phone, a locked column once unprotected) is listed with a reason', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    const reopen = s.close();
    s.workbook.user.type(SHEET, s.cell(0, 'handlerPhone'), '12345');
    s.workbook.sheet(SHEET).protection = null; // someone unprotected the sheet (no password) and changed the status
    s.workbook.user.type(SHEET, s.cell(0, 'status'), '已办结');
    await s.workbook.settle();
    await reopen();
    expect(s.refusals.map((r) => r.field).sort()).toEqual(['handlerPhone', 'status']);
    expect(s.refusals.find((r) => r.field === 'handlerPhone')?.code).toBe('INVALID_PHONE');
    expect(s.value(0, 'handlerPhone') ?? '').toBe('');
    expect(s.value(0, 'status')).toBe('办理中');
    expect(s.sent).toEqual([]);
  });

  it('BIND12: a row longer than one Excel cell holds (32,767 characters) still has its closed-time edit sent', async () => {
    const long = {
      importOriginal: '原'.repeat(20_000),
      coOpinions: '配'.repeat(10_000),
      supervision: '督'.repeat(4_000),
    };
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling', extra: long }]);
    const reopen = s.close();
    s.workbook.user.type(SHEET, s.cell(0, 'findings'), '关闭期间填写');
    await s.workbook.settle();
    await reopen();
    expect(readCase(s.server, 'c-1')?.fields.findings).toBe('关闭期间填写');
    expect(s.refusals).toEqual([]);
  });

  it('BIND12: the state is kept in a very hidden sheet of the workbook, not visible to the office', async () => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling' }]);
    const state = s.workbook.sheets.find((w) => w.name !== SHEET && w.visibility === 'VeryHidden' && w.name !== '选项');
    expect(state?.name).toBeDefined();
  });
});
