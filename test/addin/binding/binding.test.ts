// BIND1–BIND6, VIEW1–VIEW4: the binding between the room's Y.Doc and the 台账 table, on the Excel simulator.
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { COLUMN_OF, ID_COLUMN } from '../../../addin/binding/columns';
import { serialOfTime } from '../../../addin/binding/excel-time';
import { casesOf, readCase, writeFields } from '../../../shared/ydoc-layout';
import { columnLetters, effectiveFill } from '../../excel-sim';
import { actors } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

let s: BoundSheet | null = null;
afterEach(() => s?.binding.stop());

const caseMap = (doc: Y.Doc, id: string) => casesOf(doc).get(id) as Y.Map<unknown>;

/** A clerk who knows how removes the sheet's protection (Review ▸ Unprotect Sheet; it has no password). */
async function unprotectByHand(b: BoundSheet): Promise<void> {
  await b.excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(SHEET).protection.unprotect();
    await ctx.sync();
  });
}

describe('initial render', () => {
  it('VIEW1/BIND2: every case is a row, codes as labels, units by name, derived 附件4 columns, hidden id', async () => {
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'registered', extra: { leadUnit: null, coUnits: null } },
    ]);
    expect(s.value(0, 'company')).toBe('枣阳市某某机械有限公司');
    expect(s.value(0, 'status')).toBe('办理中');
    expect(s.value(1, 'status')).toBe('已登记');
    expect(s.value(0, 'dueAt')).toBe(serialOfTime('2026-10-13T23:59:59+08:00')); // BIND43: a real date-time
    expect(s.workbook.values(SHEET, 'D3')[0]?.[0]).toBe('刘先生 13812345678');
    expect(s.workbook.values(SHEET, 'F3')[0]?.[0]).toBe('市市场监督管理局（配合：市住房和城乡建设局）');
    expect(s.workbook.values(SHEET, `${columnLetters(ID_COLUMN)}3`)[0]?.[0]).toBe('c-1');
    expect(s.sent).toEqual([]);
  });
});

describe('hostile text', () => {
  it('VIEW2: text that looks like a formula stays text in the sheet (text-formatted columns), never a formula', async () => {
    const hostile = '=HYPERLINK("http://example.invalid","点我")';
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling', extra: { company: hostile, summary: "+cmd|' /C calc'!A0", findings: '-1+1' } },
    ]);
    expect(s.value(0, 'company')).toBe(hostile);
    expect(s.value(0, 'summary')).toBe("+cmd|' /C calc'!A0");
    expect(s.value(0, 'findings')).toBe('-1+1');
    expect(s.workbook.cell(SHEET, s.cell(0, 'company')).format.numberFormat).toBe('@');
  });
});

describe('remote changes', () => {
  it('BIND3: one remote cell change is one Excel.run with one range write, and nothing is echoed back', async () => {
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'handling' },
    ]);
    s.workbook.resetStats();
    writeFields(s.server, 'c-2', { handler: '周强' });
    await s.settle();
    expect(s.value(1, 'handler')).toBe('周强');
    // the derived 联系人及联系方式（办理单位） column changes too: one row, two cells
    console.log(
      `[figures] one remote change: ${s.workbook.stats.runs} Excel.run, ${s.workbook.stats.rangeWrites} range writes, ${s.sent.length} echoes`,
    );
    expect(s.workbook.stats.runs).toBe(1);
    expect(s.workbook.stats.rangeWrites).toBeLessThanOrEqual(3); // + the kept state's row (BIND12)
    expect(s.sent).toEqual([]);
    expect(s.binding.counters.localWrites).toBe(0);
  });

  it('BIND3: many remote changes in one burst are coalesced into one batch; new and removed cases add and drop rows', async () => {
    s = await bound(actors.lead, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'handling' },
    ]);
    s.workbook.resetStats();
    writeFields(s.server, 'c-1', { handler: '甲' });
    writeFields(s.server, 'c-2', { handler: '乙' });
    writeFields(s.server, 'c-3', { ...readCase(s.server, 'c-1')?.fields, seq: 3, company: '新交办的企业' });
    s.server.transact(() => casesOf(s!.server).delete('c-1'));
    await s.settle();
    expect(s.workbook.stats.runs).toBe(1);
    expect(s.binding.rowOf('c-1')).toBeNull();
    expect(s.value(s.binding.rowOf('c-3') as number, 'company')).toBe('新交办的企业');
    expect(s.value(s.binding.rowOf('c-2') as number, 'handler')).toBe('乙');
    expect(s.sent).toEqual([]);
  });
});

describe('local edits', () => {
  it('BIND4/BIND5: a permitted typed edit reaches the Y.Doc and the derived column follows', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    s.workbook.user.type(SHEET, s.cell(0, 'handler'), '周强');
    s.workbook.user.type(SHEET, s.cell(0, 'handlerPhone'), '0710-6331373');
    await s.settle();
    expect(readCase(s.server, 'c-1')?.fields.handler).toBe('周强');
    expect(readCase(s.server, 'c-1')?.fields.handlerPhone).toBe('0710-6331373');
    expect(s.workbook.values(SHEET, 'G3')[0]?.[0]).toBe('周强 0710-6331373');
    expect(s.refusals).toEqual([]);
  });

  it('BIND4: a multi-cell paste (no event details) is re-read and every cell applied', async () => {
    s = await bound(actors.lead, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'handling' },
    ]);
    const col = COLUMN_OF.get('findings') as number;
    expect(COLUMN_OF.get('measures')).toBe(col + 1);
    s.workbook.user.paste(SHEET, `${columnLetters(col)}3`, [
      ['核查一', '措施一'],
      ['核查二', '措施二'],
    ]);
    await s.settle();
    expect(readCase(s.server, 'c-1')?.fields).toMatchObject({ findings: '核查一', measures: '措施一' });
    expect(readCase(s.server, 'c-2')?.fields).toMatchObject({ findings: '核查二', measures: '措施二' });
  });

  it('BIND5: a forbidden edit is restored at once with a Chinese message and nothing is sent', async () => {
    s = await bound(actors.co, [{ id: 'c-1', status: 'handling' }]);
    // BIND42: the cell is locked for a cooperating unit; the restore is the backstop once protection is removed by hand
    expect(() => s?.workbook.user.type(SHEET, s.cell(0, 'handler'), '配合单位冒填')).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    await unprotectByHand(s);
    s.workbook.user.type(SHEET, s.cell(0, 'handler'), '配合单位冒填');
    await s.settle();
    expect(s.value(0, 'handler') ?? '').toBe('');
    expect(s.refusals).toMatchObject([
      { caseId: 'c-1', field: 'handler', code: 'FIELD_OWNED_BY_LEAD', source: 'local' },
    ]);
    expect(s.refusals[0]?.message).toMatch(/牵头/);
    expect(s.sent).toEqual([]);
  });

  it('BIND5: an invalid value (bad phone) is restored too; a lead before 签收 is told to accept first', async () => {
    s = await bound(actors.lead, [
      { id: 'c-1', status: 'handling' },
      { id: 'c-2', status: 'assigned' },
    ]);
    // BIND42: before 签收 the handling cells are locked; the restore is the backstop once protection is removed by hand
    expect(() => s?.workbook.user.type(SHEET, s.cell(1, 'handler'), '周强')).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    s.workbook.user.type(SHEET, s.cell(0, 'handlerPhone'), '12345');
    await unprotectByHand(s);
    s.workbook.user.type(SHEET, s.cell(1, 'handler'), '周强');
    await s.settle();
    expect(s.refusals.map((r) => r.code)).toEqual(['INVALID_PHONE', 'FIELD_LOCKED_IN_STATUS']);
    expect(s.refusals[1]?.message).toMatch(/签收/);
    expect(s.value(1, 'handler') ?? '').toBe('');
    expect(s.sent).toEqual([]);
  });

  it('BIND5: a server rejection shows in the pane and the cell ends with the server’s value', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    // the server has meanwhile moved the case on; it compensates the edit it refuses
    s.server.on('update', (_u: Uint8Array, origin: unknown) => {
      if (caseMap(s!.server, 'c-1').get('handler') === '迟到的修改' && origin !== 'server') {
        s!.server.transact(() => caseMap(s!.server, 'c-1').set('handler', null), 'server');
        s!.binding.serverRejected({
          caseId: 'c-1',
          field: 'handler',
          code: 'FIELD_LOCKED_IN_STATUS',
          message: '当前办理状态下不能修改',
        });
      }
    });
    s.workbook.user.type(SHEET, s.cell(0, 'handler'), '迟到的修改');
    await s.settle();
    expect(s.refusals).toMatchObject([{ code: 'FIELD_LOCKED_IN_STATUS', source: 'server' }]);
    expect(s.value(0, 'handler') ?? '').toBe('');
  });

  it('BIND6: an edit whose event was missed is picked up by the reconcile', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    s.workbook.dropEvents(1);
    s.workbook.user.type(SHEET, s.cell(0, 'findings'), '事件丢失也不丢的修改');
    await s.settle();
    expect(readCase(s.server, 'c-1')?.fields.findings).toBeUndefined();
    await s.binding.reconcile();
    await s.settle();
    expect(readCase(s.server, 'c-1')?.fields.findings).toBe('事件丢失也不丢的修改');
  });
});

describe('protection and highlighting', () => {
  it('VIEW3: a unit cannot type into locked columns (status, company); the add-in still writes them', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    expect(() => s!.workbook.user.type(SHEET, s!.cell(0, 'status'), '已办结')).toThrow();
    expect(() => s!.workbook.user.type(SHEET, s!.cell(0, 'company'), '改名')).toThrow();
    writeFields(s.server, 'c-1', { status: 'fedBack' });
    await s.settle();
    expect(s.value(0, 'status')).toBe('已反馈');
  });

  it('VIEW4: an overdue row is red and a due-soon row amber by conditional format alone', async () => {
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling', extra: { warning: 'overdue' } },
      { id: 'c-2', status: 'handling', extra: { warning: 'dueSoon' } },
      { id: 'c-3', status: 'handling' },
    ]);
    s.binding.stop();
    s.workbook.clock.nowMs = Date.parse('2026-10-01T09:00:00+08:00'); // before 办结时限: only 预警 decides
    const sheet = s.workbook.sheet(SHEET);
    expect([0, 1, 2].map((r) => effectiveFill(sheet, 2 + r, 2))).toEqual(['#FFC7CE', '#FFEB9C', null]);
    writeFields(s.server, 'c-3', { warning: 'overdue' });
    expect(effectiveFill(sheet, 4, 2)).toBeNull();
  });
});
