// The Office sheet port against the Excel simulator: setup, write/read round trips, and the events it reports.
import { describe, expect, it } from 'vitest';
import { LAYOUT, WARNING_COLUMN } from '../../../addin/binding/columns';
import { DATE_FORMAT } from '../../../addin/binding/excel-date';
import { TIME_FORMAT } from '../../../addin/binding/excel-time';
import { FIELDS } from '../../../shared/fields';
import { widthPoints } from '../../../addin/sheet/office-setup';
import { columnLetters, effectiveFill } from '../../excel-sim';
import { harness, readyHarness, SHEET } from './harness';
import { ledgerRows } from './ledger-fixture';

const TIME_HEADERS = new Set(FIELDS.filter((f) => f.type === 'time').map((f) => f.header));

const N = LAYOUT.columns.length;
const LAST = columnLetters(N - 1);
const TEXT = LAYOUT.columns.findIndex((c) => c.format === 'text' && !c.locked && c.choices === undefined);

describe('setup', () => {
  it('VIEW1–VIEW4: creates the sheet, title, table, formats, lists, highlighting and protection', async () => {
    const { workbook, port } = harness();
    await port.setup(LAYOUT);
    const sheet = workbook.sheet(SHEET);
    expect(workbook.activeSheet).toBe(sheet);
    expect(workbook.values(SHEET, 'A1')).toEqual([[LAYOUT.title]]);
    expect(sheet.merges).toEqual([{ row: 0, col: 0, rows: 1, cols: N }]);
    expect(workbook.cell(SHEET, 'A1').format.bold).toBe(true);
    const table = workbook.findTable('LedgerTable');
    expect(table?.rect).toEqual({ row: 1, col: 0, rows: 2, cols: N });
    expect(workbook.values(SHEET, `A2:${LAST}2`)).toEqual([LAYOUT.columns.map((c) => c.header)]);
    LAYOUT.columns.forEach((spec, i) => {
      const f = sheet.cell(2, i).f;
      // BIND40 dates, BIND43 the server's times: real dates in their Chinese formats
      const dateFormat = TIME_HEADERS.has(spec.header) ? TIME_FORMAT : DATE_FORMAT;
      expect(f.numberFormat).toBe(spec.format === 'text' ? '@' : spec.format === 'date' ? dateFormat : 'General');
      expect(f.locked).toBe(spec.locked);
      expect(f.wrap).toBe(spec.wrap === true);
      expect(sheet.columnWidths.get(i)).toBe(widthPoints(spec.width));
      expect(sheet.hiddenColumns.has(i)).toBe(spec.hidden);
      const joined = spec.choices?.join(',');
      if (joined === undefined) expect(f.validation).toBeNull();
      else if (joined.length <= 255) expect(f.validation?.source).toBe(joined);
      else expect(f.validation?.source).toMatch(/^='选项'!\$A\$1:\$A\$\d+$/);
    });
    const category = LAYOUT.columns.findIndex((c) => (c.choices?.join(',').length ?? 0) > 255);
    const choices = LAYOUT.columns[category]?.choices ?? [];
    expect(workbook.sheet('选项').visibility).toBe('VeryHidden');
    expect(workbook.values('选项', `A1:A${choices.length}`).flat()).toEqual([...choices]);
    const rules = sheet.conditionalFormats.map((cf) => [cf.formula, cf.fill, cf.font]);
    expect(rules.map((r) => r.slice(1))).toEqual([
      ['#FFC7CE', '#9C0006'],
      ['#FFC7CE', '#9C0006'],
      ['#FFEB9C', '#9C5700'],
      ['#FFEB9C', '#9C5700'],
    ]);
    expect(rules[0]?.[0]).toBe(`=$${columnLetters(WARNING_COLUMN)}3="超期"`);
    expect(rules[1]?.[0]).toMatch(/^=AND\(OR\(.*NOW\(\)>/);
    expect(rules[2]?.[0]).toBe(`=$${columnLetters(WARNING_COLUMN)}3="临期"`);
    expect(rules[3]?.[0]).toMatch(/WORKDAY\(TODAY\(\),1\)/);
    expect(
      sheet.conditionalFormats.every(
        (cf) => JSON.stringify(cf.rect) === JSON.stringify({ row: 2, col: 0, rows: 1, cols: N }),
      ),
    ).toBe(true);
    expect(sheet.protection?.password).toBeUndefined();
    expect(sheet.protection?.options).toMatchObject({
      allowAutoFilter: true,
      allowSort: true,
      allowFormatCells: false,
      allowInsertRows: false,
    });
  });

  it('BIND2: is idempotent and does not activate an existing sheet', async () => {
    const { workbook, port } = harness();
    await port.setup(LAYOUT);
    await port.write({ cells: [], rows: [], append: ledgerRows(3), remove: [] });
    workbook.user.select('Sheet1', 'B2');
    const state = (): string =>
      JSON.stringify([
        workbook.tables.map((t) => [t.name, t.sheet.name, t.rect]),
        workbook.sheets.map((sh) => ({
          ...sh,
          widths: [...sh.columnWidths],
          hidden: [...sh.hiddenColumns],
          conditionalFormats: sh.conditionalFormats.map(({ id: _id, ...rule }) => rule),
        })),
      ]);
    const before = state();
    await port.setup(LAYOUT);
    expect(state() === before).toBe(true);
    expect(workbook.activeSheet.name).toBe('Sheet1');
    expect(await port.readRows()).toEqual(ledgerRows(3));
  });

  it('BIND2, VIEW1: rewrites headers that differ and adds missing columns', async () => {
    const { workbook, port, excel } = harness();
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add(SHEET);
      const t = ws.tables.add(`A2:${columnLetters(N - 3)}2`, true);
      t.name = 'LedgerTable';
      t.getHeaderRowRange().values = [LAYOUT.columns.slice(0, N - 2).map((c, i) => (i === 1 ? '旧表头' : c.header))];
      await ctx.sync();
    });
    await port.setup(LAYOUT);
    expect(workbook.values(SHEET, `A2:${LAST}2`)).toEqual([LAYOUT.columns.map((c) => c.header)]);
    expect(workbook.findTable('LedgerTable')?.rect.cols).toBe(N);
    expect(workbook.activeSheet.name).toBe('Sheet1');
  });
});

describe('write and read', () => {
  it('VIEW2: round-trips rows, keeping text as typed (leading zeros, dates) and numbers as numbers', async () => {
    const { port, workbook } = await readyHarness();
    const rows = ledgerRows(4);
    (rows[0] as unknown[])[TEXT] = '0710-1234567';
    (rows[1] as unknown[])[TEXT] = '2026-02-16';
    await port.write({ cells: [], rows: [], append: rows, remove: [] });
    expect(await port.readRows()).toEqual(rows);
    expect(await port.readRange(1, 2)).toEqual(rows.slice(1, 3));
    expect(workbook.findTable('LedgerTable')?.rect.rows).toBe(5);
  });

  it('BIND7: updates whole rows, single cells and coalesced runs of cells', async () => {
    const { port, workbook } = await readyHarness();
    await port.write({ cells: [], rows: [], append: ledgerRows(4), remove: [] });
    workbook.resetStats();
    const replaced = ledgerRows(1, 99)[0] ?? [];
    await port.write({
      rows: [{ row: 2, values: replaced }],
      cells: [
        { row: 0, column: TEXT, value: 'a' },
        { row: 0, column: TEXT + 1, value: 'b' },
        { row: 0, column: TEXT + 2, value: null },
        { row: 3, column: 5, value: 'c' },
      ],
      append: [],
      remove: [],
    });
    expect(workbook.stats).toMatchObject({ runs: 1, syncs: 1, rangeWrites: 3 });
    const after = await port.readRows();
    expect(after[2]).toEqual(replaced);
    expect(after[0]?.slice(TEXT, TEXT + 3)).toEqual(['a', 'b', null]);
    expect(after[3]?.[5]).toBe('c');
  });

  it('BIND7: appends after existing rows and deletes from the bottom up, down to an empty table', async () => {
    const { port, workbook } = await readyHarness();
    const rows = ledgerRows(5);
    await port.write({ cells: [], rows: [], append: rows, remove: [] });
    await port.write({ cells: [], rows: [], append: ledgerRows(1, 6), remove: [3, 0, 4] });
    expect(await port.readRows()).toEqual([rows[1], rows[2], ...ledgerRows(1, 6)]);
    await port.write({ cells: [], rows: [], append: [], remove: [0, 1, 2] });
    expect(await port.readRows()).toEqual([]);
    expect(workbook.findTable('LedgerTable')?.rect.rows).toBe(2);
    await port.write({ cells: [], rows: [], append: ledgerRows(2, 10), remove: [] });
    expect(await port.readRows()).toEqual(ledgerRows(2, 10));
    await expect(
      port.write({ cells: [{ row: 2, column: 0, value: 1 }], rows: [], append: [], remove: [] }),
    ).rejects.toThrow(RangeError);
  });

  it('BIND7: runs calls one after another, so a write may use rows an earlier, unfinished write adds', async () => {
    const { port } = await readyHarness();
    const first = port.write({ cells: [], rows: [], append: ledgerRows(2), remove: [] });
    const second = port.write({ cells: [{ row: 1, column: TEXT, value: '第二次' }], rows: [], append: [], remove: [] });
    const read = port.readRows();
    await Promise.all([first, second]);
    expect((await read).map((r) => r[TEXT])).toEqual([ledgerRows(1)[0]?.[TEXT], '第二次']);
  });

  it('VIEW4: keeps highlighting rows whose 预警 says 超期 or 临期, with the add-in not involved', async () => {
    const { port, workbook } = await readyHarness();
    const rows = ledgerRows(6);
    rows.forEach((r, i) => {
      r[WARNING_COLUMN] = ['超期', '临期', '正常'][i % 3] ?? null;
    });
    await port.write({ cells: [], rows: [], append: rows, remove: [1] });
    const sheet = workbook.sheet(SHEET);
    workbook.clock.nowMs = Date.parse('2026-11-30T08:00:00+08:00'); // a fixed day: the deadline rules (BIND30) too
    const fills = [0, 1, 2, 3, 4].map((r) => effectiveFill(sheet, 2 + r, 3));
    expect(fills).toEqual(['#FFC7CE', null, '#FFC7CE', '#FFEB9C', null]);
    workbook.sheet(SHEET).protection = null;
    workbook.user.type(SHEET, `${columnLetters(WARNING_COLUMN)}7`, '临期');
    expect(effectiveFill(sheet, 6, 0)).toBe('#FFEB9C');
  });
});

describe('events', () => {
  it('BIND3, BIND4: does not report its own writes, and reports a typed cell with its value', async () => {
    const { port, workbook, edits } = await readyHarness();
    await port.write({ cells: [], rows: [], append: ledgerRows(3), remove: [1] });
    await port.write({ cells: [{ row: 0, column: TEXT, value: 'x' }], rows: [], append: [], remove: [] });
    await workbook.settle();
    expect(edits).toEqual([]);
    workbook.user.type(SHEET, `${columnLetters(TEXT)}4`, '新的企业名称');
    workbook.user.type(SHEET, `${columnLetters(TEXT)}3`, null);
    await workbook.settle();
    expect(edits).toEqual([
      [{ row: 1, rowCount: 1, column: TEXT, columnCount: 1, value: '新的企业名称' }],
      [{ row: 0, rowCount: 1, column: TEXT, columnCount: 1, value: null }],
    ]);
  });

  it('BIND4: reports a paste without a value, over the rows and columns it covers', async () => {
    const { port, workbook, edits } = await readyHarness();
    await port.write({ cells: [], rows: [], append: ledgerRows(3), remove: [] });
    const first = LAYOUT.columns.findIndex(
      (c, i) =>
        !c.locked &&
        LAYOUT.columns[i + 1]?.locked === false &&
        c.choices === undefined &&
        LAYOUT.columns[i + 1]?.choices === undefined,
    );
    workbook.user.paste(SHEET, `${columnLetters(first)}4`, [
      ['甲', '乙'],
      ['丙', '丁'],
    ]);
    await workbook.settle();
    expect(edits).toEqual([[{ row: 1, rowCount: 2, column: first, columnCount: 2 }]]);
    expect((await port.readRange(1, 2)).map((r) => r.slice(first, first + 2))).toEqual([
      ['甲', '乙'],
      ['丙', '丁'],
    ]);
  });

  it("BIND3: ignores a co-author's edits and edits outside the table", async () => {
    const { port, workbook, edits } = await readyHarness();
    await port.write({ cells: [], rows: [], append: ledgerRows(2), remove: [] });
    workbook.remote.type(SHEET, `${columnLetters(TEXT)}3`, '远程修改');
    workbook.user.type('Sheet1', 'A1', '别处');
    await workbook.settle();
    expect(edits).toEqual([]);
  });

  it('ADDIN2: maps selections to data rows and selects a row', async () => {
    const { port, workbook, selections } = await readyHarness();
    await port.write({ cells: [], rows: [], append: ledgerRows(3), remove: [] });
    workbook.user.select(SHEET, 'C5');
    workbook.user.select(SHEET, 'B2');
    workbook.user.select(SHEET, 'D3:F4');
    workbook.user.select(SHEET, 'A9');
    await workbook.settle();
    expect(selections).toEqual([2, null, 0, null]);
    workbook.user.select('Sheet1', 'A1');
    await port.selectRow(1);
    expect(workbook.activeSheet.name).toBe(SHEET);
    expect(workbook.selection.rect).toEqual({ row: 3, col: 0, rows: 1, cols: 1 });
  });

  it('BIND6: misses nothing it is told about, and a dropped event can be reconciled by reading', async () => {
    const { port, workbook, edits } = await readyHarness();
    await port.write({ cells: [], rows: [], append: ledgerRows(2), remove: [] });
    workbook.dropEvents(1);
    workbook.user.type(SHEET, `${columnLetters(TEXT)}3`, '丢失的事件');
    await workbook.settle();
    expect(edits).toEqual([]);
    expect((await port.readRange(0, 1))[0]?.[TEXT]).toBe('丢失的事件');
  });
});
