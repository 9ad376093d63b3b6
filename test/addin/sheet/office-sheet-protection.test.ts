// The Office sheet port and sheet protection, cell-edit mode and failures: it unprotects only around its own writes.
import { describe, expect, it } from 'vitest';
import { LAYOUT } from '../../../addin/binding/columns';
import { columnLetters } from '../../excel-sim';
import { readyHarness, SHEET } from './harness';
import { ledgerRows } from './ledger-fixture';

const LOCKED = LAYOUT.columns.findIndex((c) => c.locked);
const TEXT = LAYOUT.columns.findIndex((c) => !c.locked && c.format === 'text' && c.choices === undefined);
const CHOICE = LAYOUT.columns.findIndex((c) => !c.locked && (c.choices?.length ?? 0) > 0);

describe('protection', () => {
  it('VIEW3: writes locked columns while users cannot, and leaves the sheet protected', async () => {
    const { port, workbook } = await readyHarness();
    await port.write({ cells: [], rows: [], append: ledgerRows(2), remove: [] });
    await port.write({ cells: [{ row: 1, column: LOCKED, value: 777 }], rows: [], append: [], remove: [] });
    expect((await port.readRange(1, 1))[0]?.[LOCKED]).toBe(777);
    expect(workbook.sheet(SHEET).protection).not.toBeNull();
    expect(() => workbook.user.type(SHEET, `${columnLetters(LOCKED)}4`, 1)).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
    expect(() => workbook.user.type(SHEET, `${columnLetters(TEXT)}4`, '可以改')).not.toThrow();
    expect(() => workbook.user.type(SHEET, 'A1', '标题')).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
    expect(() => workbook.user.type(SHEET, `${columnLetters(TEXT)}9`, '表格下方')).toThrow(
      expect.objectContaining({ code: 'AccessDenied' }),
    );
  });

  it('VIEW1: offers the dropdown choices and refuses other typed values', async () => {
    const { port, workbook } = await readyHarness();
    await port.write({ cells: [], rows: [], append: ledgerRows(1), remove: [] });
    const choices = LAYOUT.columns[CHOICE]?.choices ?? [];
    expect(() => workbook.user.type(SHEET, `${columnLetters(CHOICE)}3`, choices[1] ?? '')).not.toThrow();
    expect(() => workbook.user.type(SHEET, `${columnLetters(CHOICE)}3`, '不在列表里')).toThrow(/data validation/);
    const long = LAYOUT.columns.findIndex((c) => (c.choices?.join(',').length ?? 0) > 255);
    const last = LAYOUT.columns[long]?.choices?.at(-1) ?? '';
    expect(() => workbook.user.type(SHEET, `${columnLetters(long)}3`, last)).not.toThrow();
  });

  it('VIEW3, BIND7: re-protects the sheet and re-reads its shape when a request fails half way through a write', async () => {
    // Excel on the web refuses requests over its payload limit; here the limit is small and one row is too big.
    const { port, workbook } = await readyHarness({
      workbook: { payloadLimit: 80_000 },
      port: { requestBudgetBytes: 20_000 },
    });
    await port.write({ cells: [], rows: [], append: ledgerRows(3), remove: [] });
    const rows = ledgerRows(30, 10);
    (rows[25] as unknown[])[TEXT] = '很长的文字'.repeat(5_000);
    await expect(port.write({ cells: [], rows: [], append: rows, remove: [] })).rejects.toMatchObject({
      code: 'RequestPayloadSizeLimitExceeded',
    });
    expect(workbook.sheet(SHEET).protection).not.toBeNull();
    expect(await port.readRows()).toEqual([...ledgerRows(3), ...rows.slice(0, 25)]);
    await port.write({ cells: [], rows: [], append: ledgerRows(1, 99), remove: [] });
    expect((await port.readRows()).at(-1)).toEqual(ledgerRows(1, 99)[0]);
  });

  it('VIEW3: fails cleanly when someone protected the sheet with their own password', async () => {
    const { port, workbook } = await readyHarness();
    const sheet = workbook.sheet(SHEET);
    sheet.protection = { options: sheet.protection?.options ?? ({} as never), password: 'secret' };
    await expect(port.write({ cells: [], rows: [], append: ledgerRows(1), remove: [] })).rejects.toThrow(/password/);
    expect(sheet.protection?.password).toBe('secret');
  });
});

describe('cell-edit mode', () => {
  it('BIND7: waits while the user edits a cell, then writes', async () => {
    const { port, workbook, edits } = await readyHarness();
    await port.write({ cells: [], rows: [], append: ledgerRows(2), remove: [] });
    workbook.user.startEdit(SHEET, `${columnLetters(TEXT)}3`);
    let done = false;
    const writing = port
      .write({ cells: [{ row: 1, column: TEXT, value: '等待' }], rows: [], append: [], remove: [] })
      .then(() => {
        done = true;
      });
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    workbook.user.finishEdit('用户输入');
    await writing;
    await workbook.settle();
    expect((await port.readRows()).map((r) => r[TEXT])).toEqual(['用户输入', '等待']);
    expect(edits).toEqual([[{ row: 0, rowCount: 1, column: TEXT, columnCount: 1, value: '用户输入' }]]);
  });
});
