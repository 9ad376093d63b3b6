// BIND38: one add-in session writes a workbook: another person's add-in that finds it held writes nothing, ever.
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/case';
import { LedgerBinding } from '../../../addin/binding/binding';
import { createOfficeSheet } from '../../../addin/sheet/office-sheet';
import type { SessionClaim } from '../../../addin/sheet/port';
import { writeFields } from '../../../shared/ydoc-layout';
import { ID_COLUMN } from '../../../addin/binding/columns';
import { columnLetters } from '../../excel-sim';
import { CLOUD_SETTLE_MS, claimSettleFor } from '../../../addin/taskpane/claim-settle';
import { CO_AUTHORED, coAuthoredMessage } from '../../../addin/taskpane/pane';
import { actors, caseIn } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

let s: BoundSheet | null = null;
const others: LedgerBinding[] = [];
afterEach(() => {
  s?.binding.stop();
  for (const b of others.splice(0)) b.stop();
});

const STATE = '台账同步状态';

/** Another person's add-in on the same workbook (same server document), its co-author reports collected. */
async function second(sheet: BoundSheet, actor: Actor, extra: { now?: () => number; claimSettleMs?: number } = {}) {
  const holders: (SessionClaim | null | undefined)[] = [];
  const b = await LedgerBinding.start({
    doc: sheet.local,
    port: createOfficeSheet({ excel: sheet.excel }),
    actor,
    onRefusal: () => undefined,
    onCoAuthored: (h) => void holders.push(h),
    reconcileIntervalMs: 0,
    ...extra,
  });
  others.push(b);
  return { binding: b, holders };
}

/** The case ids in the table's rows as the sheet holds them, top to bottom (data rows start at sheet row 3). */
function ids(sheet: BoundSheet): unknown[] {
  const rows = (sheet.workbook.findTable('LedgerTable')?.rect.rows ?? 1) - 1;
  const column = columnLetters(ID_COLUMN);
  return sheet.workbook.values(SHEET, `${column}3:${column}${2 + rows}`).map((r) => r[0]);
}

function addCase(sheet: BoundSheet, id: string, seq: number): void {
  writeFields(sheet.server, id, { ...caseIn('handling').fields, seq, code: `〔2026〕${seq}号` });
}

describe('BIND38: the session claim', () => {
  it('BIND38: a second person’s add-in finds the workbook held, says by whom, and writes nothing', async () => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling' }]);
    const before = s.workbook.values(SHEET, 'A1:Z4');
    s.workbook.resetStats();
    const other = await second(s, actors.lead);
    await s.settle();
    expect(other.holders).toHaveLength(1);
    expect(other.holders[0]?.user).toBe(actors.office.name);
    expect(s.workbook.values(SHEET, 'A1:Z4')).toEqual(before);
    // the first add-in goes on alone: a new case is appended once, not once per add-in
    addCase(s, 'c-2', 2);
    await s.settle();
    await other.binding.idle();
    expect(ids(s)).toEqual(['c-1', 'c-2']);
    expect(s.coAuthored.count).toBe(0);
  });

  it('BIND38: a claim left for 10 minutes is taken over; the old session stops at its next write, no row twice', async () => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling' }]);
    const later = () => Date.now() + 11 * 60_000;
    const other = await second(s, actors.lead, { now: later });
    expect(other.holders).toEqual([]);
    addCase(s, 'c-2', 2);
    await s.settle();
    await other.binding.idle();
    await s.settle();
    expect(s.coAuthored.count).toBe(1);
    expect(ids(s)).toEqual(['c-1', 'c-2']);
  });

  it('BIND38: the same person opening the workbook again takes it without a word', async () => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling' }]);
    const other = await second(s, { ...actors.office });
    expect(other.holders).toEqual([]);
    s.binding.stop();
    addCase(s, 'c-2', 2);
    await other.binding.idle();
    await s.workbook.settle();
    await other.binding.idle();
    expect(other.binding.caseAtRow(1)?.id).toBe('c-2');
  });

  it('BIND38: two people starting at the same moment: the later claim wins after the wait, the other writes nothing', async () => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling' }]);
    s.binding.stop();
    const [a, b] = await Promise.all([
      second(s, actors.office, { claimSettleMs: 30 }),
      second(s, actors.lead, { claimSettleMs: 30 }),
    ]);
    const stopped = [a, b].filter((x) => x.holders.length > 0);
    expect(stopped).toHaveLength(1);
    addCase(s, 'c-2', 2);
    await a.binding.idle();
    await b.binding.idle();
    await s.workbook.settle();
    await a.binding.idle();
    await b.binding.idle();
    expect(ids(s)).toEqual(['c-1', 'c-2']);
  });

  it.each([
    ['a formula', '=HYPERLINK("http://x","点我")'],
    ['prototype keys', '~{"__proto__":{"session":"x"},"constructor":1}'],
    ['a huge name', `~${JSON.stringify({ session: 's', userId: 'u9', user: '名'.repeat(30_000), at: 'x' })}`],
    ['broken JSON', '~{"session":'],
  ])('BIND38: a claim cell holding %s is no claim: the add-in takes the workbook', async (_what, value) => {
    s = await bound(actors.office, [{ id: 'c-1', status: 'handling' }]);
    s.binding.stop();
    const sheet = s.workbook.sheet(STATE);
    sheet.put(0, 10, { ...sheet.cell(0, 10), v: value });
    const other = await second(s, actors.lead);
    expect(other.holders).toEqual([]);
    addCase(s, 'c-2', 2);
    await s.workbook.settle();
    await other.binding.idle();
    expect(ids(s)).toEqual(['c-1', 'c-2']);
  });
});

describe('BIND38: where the workbook is', () => {
  it('BIND38: a workbook on OneDrive/SharePoint waits before its first write; a local file or no URL does not', () => {
    expect(claimSettleFor({ context: { document: { url: 'https://contoso.sharepoint.com/台账.xlsx' } } })).toBe(
      CLOUD_SETTLE_MS,
    );
    expect(claimSettleFor({ context: { document: { url: 'C:\\Users\\clerk\\台账.xlsx' } } })).toBe(0);
    expect(claimSettleFor({ context: { document: { url: null } } })).toBe(0);
    expect(claimSettleFor(undefined)).toBe(0);
  });

  it('BIND38: the message names whose add-in holds the workbook, in Beijing time', () => {
    const text = coAuthoredMessage({ session: 's', userId: 'o1', user: '营商办张三', at: '2026-11-30T01:02:00.000Z' });
    expect(text).toContain('“营商办张三”');
    expect(text).toContain('2026-11-30 09:02');
    expect(coAuthoredMessage(null)).toBe(CO_AUTHORED);
  });
});
