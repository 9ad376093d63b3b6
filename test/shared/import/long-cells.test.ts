// IMP1/IMP2: long cells are read in linear time, a cell longer than Excel allows is an error on its row, and a long
// header is never copied into every row. No test here is timed: the pathological cells are parsed in a worker thread
// (in-worker.ts), so a parser that backtracks or rescans — minutes to hours on these cells — fails by vitest's own
// test timeout instead of blocking the run.
import { describe, expect, it } from 'vitest';
import { ANNEX4_HEADERS } from '../../../shared/annex4';
import { HEADER_TEXT_MAX } from '../../../shared/import/header';
import { readLedger } from '../../../shared/import/read-ledger';
import { CELL_TEXT_MAX } from '../../../shared/import/read-row';
import { annexRow, sheet } from './grids';
import { inWorker } from './in-worker';

/** Excel's most characters in a cell. */
const N = CELL_TEXT_MAX;
/** Ten times as many: the parsers must not rely on the reader's cap to stay linear. */
const TEN_N = 10 * N;

describe('IMP2: the cell parsers are linear on cells of 32,767 characters (Excel’s limit) and beyond', () => {
  it('IMP2: 联系人及联系方式 of “(” × 32,766 then “x” → the name x, no phone', async () => {
    const cell = `${'('.repeat(N - 1)}x`;
    expect(await inWorker('plain', 'balanced', cell)).toBe('x');
    expect(await inWorker('contact', 'splitContact', cell)).toEqual({ name: 'x', phone: null });
  });

  it('IMP2: 联系人及联系方式 of a name, a phone and “(” × 327,655 → the name and the phone', async () => {
    const cell = `王立新 13972560001${'('.repeat(TEN_N - 15)}`;
    expect(await inWorker('contact', 'splitContact', cell)).toEqual({ name: '王立新', phone: '13972560001' });
  });

  it('IMP2: a name with 327,668 dots inside keeps them; only dots at its ends are trimmed', async () => {
    const inside = `王${'.'.repeat(TEN_N - 2)}新`;
    expect(await inWorker('contact', 'splitContact', inside)).toEqual({ name: inside, phone: null });
    expect(await inWorker('contact', 'splitContact', `-王立新${'.'.repeat(TEN_N)}`)).toEqual({
      name: '王立新',
      phone: null,
    });
  });

  it('IMP2: 办理单位 “（配合” then 32,764 spaces, never closed, is one unit named as written', async () => {
    expect(await inWorker('units', 'splitUnits', `（配合${' '.repeat(N - 3)}`)).toEqual({ lead: '(配合', co: [] });
    expect(await inWorker('units', 'splitUnits', `市住建局（配合：${' '.repeat(N - 16)}市消防救援大队）`)).toEqual({
      lead: '市住建局',
      co: ['市消防救援大队'],
    });
  });

  it('IMP2/IMP3: 办理情况 of 327,669 dots then “x” is a text, not a label; “办理中” then dots is the label', async () => {
    const cell = `${'.'.repeat(TEN_N - 1)}x`;
    expect(await inWorker('handling', 'readHandling', cell)).toMatchObject({ label: null, measures: cell });
    expect(await inWorker('handling', 'readHandling', `办理中${'。'.repeat(TEN_N)}`)).toMatchObject({
      label: 'handling',
    });
  });

  it('IMP2: rows whose 联系人及联系方式 or 办理单位 holds 19,000 brackets or spaces are read', async () => {
    const grid = sheet(
      annexRow({ contact: `${'('.repeat(19_000)}x` }),
      annexRow({ code: '〔2025〕2号', units: `（配合${' '.repeat(19_000)}` }),
    );
    const read = (await inWorker('read-ledger', 'readLedger', grid)) as ReturnType<typeof readLedger>;
    expect(read.drafts.map((d) => [d.fields.contactName, d.leadUnitName])).toEqual([
      ['x', '市财政局'],
      ['王立新', '(配合'],
    ]);
  });
});

describe('IMP2: a cell longer than Excel allows, a row longer than 导入原文', () => {
  it('IMP2: 32,768 characters in 联系人及联系方式 is TOO_LONG naming row and column; the row is not read', async () => {
    const grid = sheet(annexRow({ contact: `${'('.repeat(N)}x` }));
    const read = (await inWorker('read-ledger', 'readLedger', grid)) as ReturnType<typeof readLedger>;
    expect(read.drafts).toEqual([]);
    expect(read.problems).toEqual([
      {
        row: 3,
        column: 'D',
        code: 'TOO_LONG',
        severity: 'error',
        message: `第3行 D列（联系人及联系方式）：单元格有 ${N + 1} 个字符，超过 Excel 单元格的上限 ${N} 个字符，本行未导入`,
      },
    ]);
  });

  it('IMP2: a long cell in a column the reader does not know is named by its letter; other rows are read', () => {
    const long = [...annexRow({ code: '〔2025〕2号' }), 'x'.repeat(N + 1)];
    const read = readLedger(sheet(annexRow(), long));
    expect(read.drafts.map((d) => d.code)).toEqual(['〔2025〕1号']);
    expect(read.problems.map((p) => [p.row, p.column, p.code, p.message.slice(0, 9)])).toEqual([
      [4, 'M', 'TOO_LONG', '第4行 M列：单元'],
    ]);
  });

  it('IMP2: the code of a row with a long cell still counts for duplicates (CONFLICT on both rows)', () => {
    const read = readLedger(sheet(annexRow(), [...annexRow(), 'x'.repeat(N + 1)]));
    expect(read.drafts).toEqual([]);
    expect(read.problems.map((p) => [p.row, p.code])).toEqual([
      [3, 'CONFLICT'],
      [4, 'TOO_LONG'],
      [4, 'CONFLICT'],
    ]);
  });

  it('IMP2/IMP4: a row whose 导入原文 would pass 20,000 characters is TOO_LONG on the row, before it is built', async () => {
    const grid = sheet(annexRow({ contact: `${'('.repeat(N - 1)}x` }));
    const read = (await inWorker('read-ledger', 'readLedger', grid)) as ReturnType<typeof readLedger>;
    expect(read.drafts).toEqual([]);
    expect(read.problems).toEqual([expect.objectContaining({ row: 3, column: null, code: 'TOO_LONG' })]);
    expect(read.problems[0]?.message).toMatch(/^第3行：“导入原文”（本行各列连同列名）不能超过 20000 字（现 \d+ 字）$/);
  });
});

describe('IMP1/IMP2: a long header cell', () => {
  it('IMP2: a header of a million characters is counted once, never copied into the rows under it', () => {
    const grid = [
      [...ANNEX4_HEADERS, 'h'.repeat(1_000_000)],
      ...Array.from({ length: 50 }, (_, i) => [...annexRow({ code: `〔2025〕${i + 1}号` }), 'x']),
    ];
    const read = readLedger(grid);
    expect(read.drafts).toEqual([]);
    expect(read.problems).toHaveLength(50);
    expect(new Set(read.problems.map((p) => [p.column, p.code].join()))).toEqual(new Set([',TOO_LONG']));
  });

  it('IMP1: a header cell over 100 characters is no column, however its text folds', () => {
    const padded: string[] = [...ANNEX4_HEADERS];
    padded[3] = `联系人及${' '.repeat(HEADER_TEXT_MAX)}联系方式`;
    const read = readLedger([padded, annexRow()]);
    expect(read.header?.columns.map((c) => c.index)).not.toContain(3);
    expect(read.header?.columns.find((c) => c.index === 6)?.role).toBe('handlerContact');
  });
});

describe('IMP2: one code on many rows', () => {
  it('IMP2: each CONFLICT message names at most 10 other rows and counts the rest', () => {
    const read = readLedger(sheet(...Array.from({ length: 300 }, () => annexRow())));
    expect(read.drafts).toEqual([]);
    expect(read.problems).toHaveLength(300);
    expect(read.problems[0]?.message).toBe('第3行：诉求编号〔2025〕1号与第4、5、6、7、8、9、10、11、12、13等299行重复');
    expect(read.problems[5]?.message).toBe('第8行：诉求编号〔2025〕1号与第3、4、5、6、7、9、10、11、12、13等299行重复');
    expect(Math.max(...read.problems.map((p) => p.message.length))).toBeLessThan(80);
  });

  it('IMP2: with 11 rows or fewer every other row is named', () => {
    const read = readLedger(sheet(...Array.from({ length: 11 }, () => annexRow())));
    expect(read.problems[10]?.message).toBe('第13行：诉求编号〔2025〕1号与第3、4、5、6、7、8、9、10、11、12行重复');
  });
});
