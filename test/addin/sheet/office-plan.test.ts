// Planning writes for Excel: coalescing, ordering, the empty-table row, and chunking under a byte budget.
import { describe, expect, it } from 'vitest';
import type { Geometry } from '../../../addin/sheet/office-plan';
import { chunkSteps, planWrite, stepBytes } from '../../../addin/sheet/office-plan';
import { parseAddress } from '../../../addin/sheet/office-a1';
import { selectedRow, userEdits } from '../../../addin/sheet/office-events';
import type { WriteBatch } from '../../../addin/sheet/port';

const geom = (rows: number, blank = false): Geometry => ({ headerRow: 1, firstColumn: 0, columns: 3, rows, blank });
const batch = (b: Partial<WriteBatch>): WriteBatch => ({ cells: [], rows: [], append: [], remove: [], ...b });

describe('BIND7: planWrite', () => {
  it('writes consecutive whole rows as one block and adjacent cells of a row as one range; null becomes empty', () => {
    const { steps } = planWrite(
      batch({
        rows: [
          { row: 3, values: [1, 2, 3] },
          { row: 1, values: [4, null, 6] },
          { row: 2, values: [7, 8, 9] },
        ],
        cells: [
          { row: 0, column: 2, value: 'c' },
          { row: 0, column: 1, value: null },
          { row: 5, column: 0, value: 'x' },
          { row: 5, column: 2, value: 'z' },
          { row: 2, column: 0, value: 'in-row' },
        ],
      }),
      geom(6),
    );
    expect(steps.map((s) => (s.kind === 'values' ? [s.row, s.column, s.values] : s.kind))).toEqual([
      [
        1,
        0,
        [
          [4, '', 6],
          ['in-row', 8, 9],
          [1, 2, 3],
        ],
      ],
      [0, 1, [['', 'c']]],
      [5, 0, [['x']]],
      [5, 2, [['z']]],
    ]);
  });

  it('fills the empty row of a table without data before appending, and deletes bottom-up in runs', () => {
    const first = planWrite(
      batch({
        append: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      }),
      geom(0, true),
    );
    expect(first.steps.map((s) => s.kind)).toEqual(['values', 'append']);
    expect(first).toMatchObject({ rows: 2, blank: false });
    const second = planWrite(batch({ remove: [1, 5, 4, 2, 1] }), geom(6));
    expect(second.steps.map((s) => (s.kind === 'delete' ? [s.row, s.count] : s.kind))).toEqual([
      [4, 2],
      [1, 2],
    ]);
    expect(second.rows).toBe(2);
  });

  it('empties the last row instead of deleting it', () => {
    const plan = planWrite(batch({ remove: [0, 1, 2] }), geom(3));
    expect(
      plan.steps.map((s) =>
        s.kind === 'delete' ? ['delete', s.row, s.count] : [s.kind, s.kind === 'values' ? s.values : null],
      ),
    ).toEqual([
      ['delete', 1, 2],
      ['values', [['', '', '']]],
    ]);
    expect(plan).toMatchObject({ rows: 0, blank: true });
  });

  it('refuses rows of the wrong width and indexes outside the table', () => {
    expect(() => planWrite(batch({ rows: [{ row: 0, values: [1] }] }), geom(2))).toThrow(RangeError);
    expect(() => planWrite(batch({ cells: [{ row: 2, column: 0, value: 1 }] }), geom(2))).toThrow(RangeError);
    expect(() => planWrite(batch({ remove: [3] }), geom(2))).toThrow(RangeError);
    expect(() => planWrite(batch({ append: [[1, 2]] }), geom(2))).toThrow(RangeError);
  });
});

describe('BIND7: chunkSteps', () => {
  it('splits big blocks by rows so that each chunk stays within the budget, keeping the order', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [i, '文字'.repeat(60), null]);
    const { steps } = planWrite(batch({ append: rows, remove: [0] }), geom(5));
    // appended rows carry the operations that format them (BIND21), about 2 kB for three columns
    const chunks = chunkSteps(steps, 6_000);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) expect(chunk.reduce((a, s) => a + stepBytes(s), 0)).toBeLessThanOrEqual(6_000);
    const appended = chunks.flat().flatMap((s) => (s.kind === 'append' ? s.values : []));
    expect(appended.map((r) => r[0])).toEqual(rows.map((r) => r[0]));
    expect(chunks.flat().at(-1)?.kind).toBe('delete');
  });

  it('sends a row larger than the budget on its own', () => {
    const { steps } = planWrite(
      batch({
        append: [
          [1, 'x'.repeat(5_000), 2],
          [3, 4, 5],
        ],
      }),
      geom(1),
    );
    expect(chunkSteps(steps, 1_000).map((c) => c.length)).toEqual([1, 1]);
  });
});

describe('BIND4: event addresses', () => {
  it('parses the addresses Excel reports', () => {
    expect(parseAddress("'台账'!C5:D6")).toEqual([{ row: 4, column: 2, rows: 2, columns: 2 }]);
    expect(parseAddress('$A$3')).toEqual([{ row: 2, column: 0, rows: 1, columns: 1 }]);
    expect(parseAddress('3:4')[0]).toMatchObject({ row: 2, rows: 2, column: 0 });
    expect(parseAddress('nonsense')).toEqual([]);
  });

  it('clips edits to the data rows and keeps a value only for one cell', () => {
    expect(userEdits('B3', geom(2), 'v')).toEqual([{ row: 0, rowCount: 1, column: 1, columnCount: 1, value: 'v' }]);
    expect(userEdits('B2:D9', geom(2), undefined)).toEqual([{ row: 0, rowCount: 2, column: 1, columnCount: 2 }]);
    expect(userEdits('A1', geom(2), 'title')).toEqual([]);
    expect(userEdits('A3', geom(0, true), 'typed into the empty row')).toEqual([
      { row: 0, rowCount: 1, column: 0, columnCount: 1, value: 'typed into the empty row' },
    ]);
    expect(selectedRow('C4:D5', geom(2))).toBe(1);
    expect(selectedRow('C5', geom(2))).toBeNull();
  });
});
