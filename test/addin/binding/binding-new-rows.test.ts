// BIND21: rows appended for new cases get their text format, locking and dropdowns from the add-in, not from Excel.
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMN_OF, layoutFor } from '../../../addin/binding/columns';
import { DATE_FORMAT } from '../../../addin/binding/excel-date';
import { TIME_FORMAT } from '../../../addin/binding/excel-time';
import { FIELDS } from '../../../shared/fields';
import { readCase, writeFields } from '../../../shared/ydoc-layout';
import { columnLetters } from '../../excel-sim';
import { actors, caseIn } from '../../shared/fixtures';
import type { BoundSheet } from './binding-harness';
import { SHEET, bound } from './binding-harness';

/** BIND43: the server's times are date-times. */
const TIMES = new Set(FIELDS.filter((f) => f.type === 'time').map((f) => f.header));
let s: BoundSheet | null = null;
afterEach(() => s?.binding.stop());

const HOSTILE = '=HYPERLINK("http://example.invalid","点我")';

async function withNewCase(): Promise<BoundSheet> {
  s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
  writeFields(s.server, 'c-2', { ...caseIn('handling').fields, seq: 2, code: '〔2026〕2号', company: HOSTILE });
  await s.settle();
  return s;
}

describe('BIND21: appended rows', () => {
  it('BIND21: a new case row gets the layout’s number formats, locking and dropdowns, and = text stays text', async () => {
    const b = await withNewCase();
    expect(b.binding.rowOf('c-2')).toBe(1);
    expect(b.value(1, 'company')).toBe(HOSTILE);
    const sheet = b.workbook.sheet(SHEET);
    layoutFor(actors.lead.role).columns.forEach((spec, i) => {
      const f = sheet.cell(3, i).f;
      expect([spec.header, f.numberFormat]).toEqual([
        spec.header,
        spec.format === 'text'
          ? '@'
          : spec.format !== 'date'
            ? 'General'
            : TIMES.has(spec.header)
              ? TIME_FORMAT
              : DATE_FORMAT,
      ]);
      expect([spec.header, f.locked]).toEqual([spec.header, spec.locked]);
      expect([spec.header, f.validation !== null]).toEqual([spec.header, spec.choices !== undefined]);
    });
    expect(b.refusals).toEqual([]);
  });

  it('BIND21: a value starting with = typed into a newly appended row stays text and reaches the server', async () => {
    const b = await withNewCase();
    const col = COLUMN_OF.get('findings') as number;
    b.workbook.user.type(SHEET, `${columnLetters(col)}4`, '=1+1');
    await b.settle();
    expect(b.value(1, 'findings')).toBe('=1+1');
    expect(readCase(b.server, 'c-2')?.fields.findings).toBe('=1+1');
  });

  it('BIND21: new rows are written as values below the table, never with table.rows.add', async () => {
    s = await bound(actors.lead, [{ id: 'c-1', status: 'handling' }]);
    s.workbook.resetStats();
    writeFields(s.server, 'c-2', { ...caseIn('handling').fields, seq: 2, code: '〔2026〕2号' });
    await s.settle();
    expect(s.binding.rowOf('c-2')).toBe(1);
    expect(s.workbook.stats.rowsAdded).toBe(0);
  });

  it('BIND21: typing into the empty table row just before the first case is written there is reported, not lost silently', async () => {
    s = await bound(actors.lead, []);
    const col = COLUMN_OF.get('findings') as number;
    // the new case's write is scheduled first; the clerk's typing lands before it runs
    writeFields(s.server, 'c-1', { ...caseIn('handling').fields, seq: 1, code: '〔2026〕1号' });
    s.workbook.user.type(SHEET, `${columnLetters(col)}3`, '想新增一行');
    await s.settle();
    expect(s.binding.rowOf('c-1')).toBe(0);
    expect(s.value(0, 'findings')).not.toBe('想新增一行');
    expect(readCase(s.server, 'c-1')?.fields.findings).toBeUndefined();
    expect(s.refusals.map((r) => r.code)).toContain('CASE_CREATE_FORBIDDEN');
  });
});
