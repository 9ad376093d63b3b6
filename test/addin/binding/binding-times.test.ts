// BIND43, BIND44: the server's times are real Excel date-times; the deadline rules read them; old workbooks convert.
import { afterEach, describe, expect, it } from 'vitest';
import { serialOfDate } from '../../../addin/binding/excel-date';
import { TIME_FORMAT, serialOfTime, timeOfSerial } from '../../../addin/binding/excel-time';
import { COLUMN_OF, displayValue } from '../../../addin/binding/columns';
import { STATE_SHEET } from '../../../addin/sheet/office-state';
import { createCalendar } from '../../../shared/calendar';
import type { CaseKind } from '../../../shared/deadlines';
import { warningFor } from '../../../shared/deadlines';
import { FIELDS } from '../../../shared/fields';
import { readCase, writeFields } from '../../../shared/ydoc-layout';
import { effectiveFill } from '../../excel-sim';
import { withFormat } from '../../excel-sim/format';
import { actors } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

const RED = '#FFC7CE';
const AMBER = '#FFEB9C';
const TIME_COLUMNS = FIELDS.filter((f) => f.type === 'time').map((f) => COLUMN_OF.get(f.id) as number);
let s: BoundSheet | null = null;
afterEach(() => s?.binding.stop());

/** What `Range.text` and `valueTypes` give for a case field's cell. */
async function shown(sheet: BoundSheet, row: number, field: 'dueAt' | 'assignedAt' | 'fedBackAt') {
  return sheet.excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem(SHEET).getRange(sheet.cell(row, field)).load('text, valueTypes');
    await ctx.sync();
    return [r.text[0]?.[0], r.valueTypes[0]?.[0]];
  });
}

function fillAt(sheet: BoundSheet, at: string, r: number): string | null {
  sheet.workbook.clock.nowMs = Date.parse(at);
  return effectiveFill(sheet.workbook.sheet(SHEET), 2 + r, 2);
}

/** The deadline rule as the version before BIND44 wrote it: 办结时限 as 'YYYY-MM-DD HH:mm' text, read through MID. */
function oldRule(formula: string): string {
  const m = /^(=AND\(.*?),IF\(ISNUMBER\((\$[A-Z]+\d+)\),(.*)\)\)$/u.exec(formula);
  if (m === null) return formula;
  const [, head, cell, check] = m as unknown as [string, string, string, string];
  const part = (start: number, length: number): string => `VALUE(MID(${cell},${start},${length}))`;
  const due = `(DATE(${part(1, 4)},${part(6, 2)},${part(9, 2)})+TIME(${part(12, 2)},${part(15, 2)},59))`;
  const test = check.startsWith('NOW()') ? `NOW()>${due}` : `${due}<${check.slice(check.indexOf('<') + 1)}`;
  return `${head},LEN(${cell})=16,${test})`;
}

/** Turns the closed workbook into one an earlier version left: text times in '@' cells, text in the kept state, old rules. */
function makeOld(sheet: BoundSheet, rows: number, keepState: boolean): void {
  const ws = sheet.workbook.sheet(SHEET);
  for (let r = 0; r < rows; r++)
    for (const c of TIME_COLUMNS) {
      const cell = ws.cell(2 + r, c);
      const text = typeof cell.v === 'number' ? (timeOfSerial(cell.v) ?? '') : cell.v;
      ws.put(2 + r, c, { v: text, f: withFormat(cell.f, { numberFormat: '@' }) });
    }
  for (const cf of ws.conditionalFormats) cf.formula = cf.formula === null ? null : oldRule(cf.formula);
  const state = sheet.workbook.sheet(STATE_SHEET);
  for (let r = 0; r < state.extent; r++) {
    const json = state.cell(r, 1).v;
    if (typeof json !== 'string' || !json.startsWith('~')) continue;
    if (!keepState) {
      for (let c = 0; c < 9; c++) state.put(r, c, { v: '', f: state.cell(r, c).f });
      continue;
    }
    const values = JSON.parse(json.slice(1)) as unknown[];
    for (const c of TIME_COLUMNS) if (typeof values[c] === 'number') values[c] = timeOfSerial(values[c] as number);
    state.put(r, 1, { v: `~${JSON.stringify(values)}`, f: state.cell(r, 1).f });
  }
}

describe('BIND43: server-owned times as Excel date-times', () => {
  it('BIND43: 办结时限, 交办日期 and technical times are numbers in a Chinese date-time format (Shanghai minutes)', async () => {
    s = await bound(actors.office, [
      {
        id: 'c-1',
        status: 'handling',
        extra: {
          assignedAt: '2026-11-02T09:05:41+08:00',
          dueAt: '2026-11-28T17:30:59+08:00',
          fedBackAt: '2026-11-20T16:00:00Z',
        },
      },
    ]);
    const due = s.workbook.cell(SHEET, s.cell(0, 'dueAt'));
    expect(due.value).toBe(serialOfTime('2026-11-28T17:30:00+08:00'));
    expect(Math.floor(due.value as number)).toBe(serialOfDate('2026-11-28'));
    expect(due.format.numberFormat).toBe(TIME_FORMAT);
    expect(await shown(s, 0, 'dueAt')).toEqual(['2026年11月28日 17:30', 'Double']);
    expect(await shown(s, 0, 'assignedAt')).toEqual(['2026年11月2日 09:05', 'Double']);
    // 16:00 UTC is the next day in Shanghai: the serial is the Shanghai day, never the computer's or UTC's
    expect(await shown(s, 0, 'fedBackAt')).toEqual(['2026年11月21日 00:00', 'Double']);
  });

  it('BIND43: every minute of 1900–2200 read back is the minute shown, and the serial is never below it', () => {
    let seed = 7;
    const next = (n: number): number => (seed = (seed * 48_271) % 2_147_483_647) % n;
    const instants = [Date.parse('1900-01-01T08:00:00+08:00'), Date.parse('2200-12-31T23:59:59+08:00')];
    for (let i = 0; i < 1440; i++)
      instants.push(Date.parse('2026-11-28T00:00:00+08:00') + i * 60_000 + next(60) * 1000);
    for (let i = 0; i < 20_000; i++) instants.push(Date.parse('1900-01-02T00:00:00Z') + next(2_147_483_646) * 4_400);
    for (const ms of instants) {
      const iso = new Date(ms).toISOString();
      const serial = serialOfTime(iso) as number;
      const minute = displayValue('dueAt', iso) as string;
      if (timeOfSerial(serial) !== minute) expect([iso, timeOfSerial(serial)]).toEqual([iso, minute]);
      if (Number(serial.toPrecision(15)) !== serial) expect(serial).toBe('15 significant digits');
      const minutes = Number(minute.slice(11, 13)) * 60 + Number(minute.slice(14, 16));
      const exact = (serialOfDate(minute.slice(0, 10)) as number) + minutes / 1440;
      if (serial < exact) expect([iso, serial]).toBe('never below the minute');
    }
    for (const bad of ['__proto__', 'toString', '2026-02-30T10:00:00+08:00', '\uD800', '9'.repeat(400), ''])
      expect(serialOfTime(bad)).toBeNull();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 0.5, 60.5, -1]) expect(timeOfSerial(bad)).toBeNull();
  });

  it('BIND43: the binding’s own time writes are never taken for edits: re-check, unprotected re-read, restart', async () => {
    s = await bound(actors.office, [
      { id: 'c-1', status: 'handling', extra: { dueAt: '2026-10-13T23:59:59+08:00' } },
      { id: 'c-2', status: 'assigned', extra: { kind: 'consult', dueAt: '2026-10-13T15:30:20+08:00' } },
    ]);
    for (const dueAt of ['2026-12-01T23:59:59+08:00', '2026-12-07T08:17:33Z', '2027-01-04T00:00:01+08:00']) {
      writeFields(s.server, 'c-1', { dueAt, assignedAt: '2026-11-30T10:01:02+08:00' });
      await s.settle();
      await s.binding.reconcile();
    }
    s.workbook.sheet(SHEET).protection = null; // the re-check then reads every column
    await s.binding.reconcile();
    await s.close()();
    await s.binding.reconcile();
    expect(s.refusals).toEqual([]);
    expect(s.sent).toEqual([]);
    expect(s.value(0, 'dueAt')).toBe(serialOfTime('2027-01-04T00:00:01+08:00'));
    expect(await shown(s, 0, 'dueAt')).toEqual(['2027年1月4日 00:00', 'Double']);
  });

  const typed: [string, string | number][] = [
    ['another date-time', '2026-12-31 23:59'],
    ['a serial', 46_000.5],
    ['明天', '明天'],
    ['__proto__', '__proto__'],
    ['a lone surrogate', '\uD800'],
    ['huge text', 'x'.repeat(5000)],
  ];
  for (const [name, value] of typed)
    it(`BIND43: ${name} typed into 办结时限 (protection removed) is refused and the server’s time comes back`, async () => {
      s = await bound(actors.office, [
        { id: 'c-1', status: 'handling', extra: { dueAt: '2026-10-13T23:59:59+08:00' } },
      ]);
      s.workbook.sheet(SHEET).protection = null;
      s.workbook.user.type(SHEET, s.cell(0, 'dueAt'), value);
      await s.settle();
      expect(s.refusals.map((r) => r.code)).toEqual(['FIELD_SERVER_OWNED']);
      expect(s.refusals[0]?.message).toMatch(/办结时限/u);
      expect(readCase(s.server, 'c-1')?.fields.dueAt).toBe('2026-10-13T23:59:59+08:00');
      expect(s.value(0, 'dueAt')).toBe(serialOfTime('2026-10-13T23:59:00+08:00'));
      expect(s.sent).toEqual([]);
    });
});

describe('BIND44: deadline rules on the numeric 办结时限', () => {
  it('BIND44: a deadline at 23:59:59 turns red only when the server calls it overdue (from 24:00:00)', async () => {
    const dueAt = '2026-10-13T23:59:59+08:00';
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling', extra: { dueAt } }]);
    s.binding.stop();
    const kind = readCase(s.server, 'c-1')?.fields.kind as CaseKind;
    const server = (at: string) => warningFor(createCalendar(), { status: 'handling', kind, dueAt }, Date.parse(at));
    for (const at of ['2026-10-13T23:59:00+08:00', '2026-10-13T23:59:59+08:00', '2026-10-13T23:59:59.999+08:00']) {
      expect(server(at)).toBe('dueSoon');
      expect(fillAt(s, at, 0)).toBe(AMBER);
    }
    expect(server('2026-10-14T00:00:01+08:00')).toBe('overdue');
    expect(fillAt(s, '2026-10-14T00:00:01+08:00', 0)).toBe(RED);
  });

  for (const keepState of [true, false])
    it(`BIND44: a workbook an earlier version left (text times, text rules${keepState ? '' : ', no kept state'}) is converted at setup`, async () => {
      s = await bound(actors.office, [
        { id: 'c-1', status: 'handling', extra: { dueAt: '2026-10-13T23:59:59+08:00' } },
        {
          id: 'c-2',
          status: 'handling',
          extra: { dueAt: '2026-12-31T23:59:59+08:00', assignedAt: '2026-11-02T09:05:00Z' },
        },
      ]);
      const reopen = s.close();
      makeOld(s, 2, keepState);
      expect(s.value(0, 'dueAt')).toBe('2026-10-13 23:59');
      expect(fillAt(s, '2026-10-16T09:00:00+08:00', 0)).toBe(RED); // the old rules read the old text
      await reopen();
      expect(s.refusals).toEqual([]);
      expect(s.sent).toEqual([]);
      expect(s.value(0, 'dueAt')).toBe(serialOfTime('2026-10-13T23:59:59+08:00'));
      expect(s.value(1, 'assignedAt')).toBe(serialOfTime('2026-11-02T09:05:00Z'));
      expect(await shown(s, 1, 'assignedAt')).toEqual(['2026年11月2日 17:05', 'Double']);
      expect(s.workbook.cell(SHEET, s.cell(1, 'dueAt')).format.numberFormat).toBe(TIME_FORMAT);
      expect(s.workbook.sheet(SHEET).conditionalFormats.filter((cf) => cf.formula?.includes('MID('))).toEqual([]);
      s.binding.stop();
      expect(fillAt(s, '2026-10-13T08:00:00+08:00', 0)).toBe(AMBER);
      expect(fillAt(s, '2026-10-16T09:00:00+08:00', 0)).toBe(RED);
      expect(fillAt(s, '2026-10-16T09:00:00+08:00', 1)).toBeNull();
    });
});
