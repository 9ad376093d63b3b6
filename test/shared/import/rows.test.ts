// IMP1: the header found wherever it is and however it is written; blank, note and repeated header rows skipped.
import { describe, expect, it } from 'vitest';
import { ANNEX4_HEADERS } from '../../../shared/annex4';
import { isLedgerGrid, readLedger } from '../../../shared/import/read-ledger';
import type { Grid, GridCell } from '../../../shared/import/types';
import { annexRow, sheet, TITLE } from './grids';

const codes = (g: Grid) => readLedger(g).drafts.map((d) => d.code);

describe('IMP1: finding the header', () => {
  it('IMP1: title rows, a 填报单位 row and a merged title repeated in every cell come before the header', () => {
    const grid: Grid = [
      Array<GridCell>(12).fill(TITLE),
      [],
      ['填报单位：枣阳市营商办（盖章）', null, null, null, null, null, null, null, '填报时间：2025年12月'],
      [...ANNEX4_HEADERS],
      annexRow({ code: '〔2025〕7号' }),
    ];
    const read = readLedger(grid);
    expect(read.header?.row).toBe(4);
    expect(read.drafts.map((d) => [d.row, d.code])).toEqual([[5, '〔2025〕7号']]);
  });

  it('IMP1: spaced, line-broken and full-width headers, 诉求企业（个人）; the original keeps them without line breaks', () => {
    const header = [
      '序 号',
      '诉求\n编号',
      '诉求企业（个人）',
      '联系人及\n联系方式',
      '主要诉求',
      '办理单位',
      '联系人及联系方式',
      '办理情况',
      '督办情况',
      '移送纪检\r\n监察情况',
      '回访情况',
      '是否办结\n归档',
    ];
    const read = readLedger([header, annexRow({ archived: '是', visit: '2025-11-03回访，满意' })]);
    expect(read.header?.row).toBe(1);
    expect(read.drafts[0]?.status).toBe('archived');
    expect(read.drafts[0]?.original.split('\n').slice(0, 2)).toEqual(['序 号：1', '诉求编号：〔2025〕1号']);
    expect(read.drafts[0]?.original).toContain('是否办结归档：是');
  });

  it('IMP1: columns in any order, an extra column before them; the unit contact is the one after 办理单位', () => {
    const order = [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((i) => (i === 3 ? 6 : i === 6 ? 3 : i));
    const header = ['备用', ...order.map((i) => ANNEX4_HEADERS[i] ?? '')];
    const row = annexRow({ contact: '王立新 13972560001', handlerContact: '刘科长 0710-6221345' });
    const read = readLedger([header, ['x', ...order.map((i) => row[i] ?? null)]]);
    expect(read.problems).toEqual([]);
    expect(read.drafts[0]?.fields).toMatchObject({ contactName: '王立新', handler: '刘科长' });
    expect(read.drafts[0]?.original.split('\n')[0]).toBe('备用：x');
  });

  it('IMP1: a grid without the 附件4 headers is not a 台账: no drafts, one IMPORT_NO_HEADER problem', () => {
    const grid: Grid = [
      ['姓名', '电话', '地址'],
      ['王立新', '13972560001', '枣阳'],
    ];
    expect(isLedgerGrid(grid)).toBe(false);
    expect(isLedgerGrid(sheet())).toBe(true);
    const read = readLedger(grid);
    expect(read).toMatchObject({ header: null, drafts: [], rows: 0 });
    expect(read.problems.map((p) => [p.code, p.severity])).toEqual([['IMPORT_NO_HEADER', 'error']]);
  });
});

describe('IMP1: rows below the header', () => {
  it('IMP1: blank rows and rows with nothing but 序号 are skipped and not counted', () => {
    const grid = sheet(
      annexRow({ code: '〔2025〕1号' }),
      [],
      [null, '', '  '],
      [2],
      annexRow({ seq: 3, code: '〔2025〕3号' }),
    );
    const read = readLedger(grid);
    expect(read.rows).toBe(2);
    expect(read.drafts.map((d) => [d.row, d.code])).toEqual([
      [3, '〔2025〕1号'],
      [7, '〔2025〕3号'],
    ]);
  });

  it('IMP1: trailing 合计, 备注 and 填表说明 rows, and the numbered lines under them, are notes', () => {
    const grid = sheet(
      annexRow({ code: '〔2025〕1号' }),
      ['合计', '共 1 件'],
      ['备注：1.本表每月5日前报送；'],
      [null, '2. 诉求编号按年度顺序编号'],
      ['填表说明：办理单位写全称'],
      ['注：回访由承办单位完成'],
      [null, null, '填表人：张三', null, '审核人：李四'],
      ['制表：市营商办'],
    );
    const read = readLedger(grid);
    expect(read.rows).toBe(1);
    expect(read.problems).toEqual([]);
    expect(codes(grid)).toEqual(['〔2025〕1号']);
  });

  it('IMP1: a case row after the notes is still read', () => {
    const grid = sheet(annexRow({ code: '〔2025〕1号' }), ['小计：1'], annexRow({ code: '〔2025〕2号' }));
    expect(codes(grid)).toEqual(['〔2025〕1号', '〔2025〕2号']);
  });

  it('IMP1: the header repeated (a sheet printed page by page) is skipped', () => {
    const grid = sheet(annexRow({ code: '〔2025〕1号' }), [...ANNEX4_HEADERS], annexRow({ code: '〔2025〕2号' }));
    const read = readLedger(grid);
    expect(read.rows).toBe(2);
    expect(read.problems).toEqual([]);
  });

  it('IMP1: a row with text but no code is read, and is an error, not silently dropped', () => {
    const read = readLedger(sheet(annexRow({ seq: 1, code: null })));
    expect(read.rows).toBe(1);
    expect(read.problems.map((p) => [p.row, p.code])).toEqual([[3, 'REQUIRED']]);
  });
});
