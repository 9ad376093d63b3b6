// IMP1–IMP3: the exceljs adapter on the sample 台账 and on a messy workbook; non-xlsx and oversized files refused.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ANNEX4_HEADERS } from '../../../shared/annex4';
import { LedgerError } from '../../../shared/errors';
import { readLedger } from '../../../shared/import/read-ledger';
import type { Grid } from '../../../shared/import/types';
import { readWorkbookGrids } from '../../../sync-server/import/xlsx-grid';
import { refusal } from './xlsx-refusal';

const SAMPLE = join(import.meta.dirname, '../../fixtures/ledger-sample.xlsx');
const dir = mkdtempSync(join(tmpdir(), 'ztc-xlsx-grid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function roundTrip(wb: ExcelJS.Workbook): Promise<{ name: string; grid: Grid }[]> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
  await wb.xlsx.writeFile(file);
  return readWorkbookGrids(readFileSync(file));
}

/** A zip archive of stored (uncompressed) files: a valid zip that is not a workbook. */
function zipOf(files: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('IMP1–IMP3: the sample 台账 (test/fixtures/ledger-sample.xlsx)', () => {
  /** The status of each of the 15 rows by the IMP3 rules, in order (〔2025〕1号 … 15号). */
  const EXPECTED: readonly [string, 1 | 2][] = [
    ['archived', 1], // 1号 是否办结归档 是
    ['archived', 1], // 2号 是
    ['archived', 1], // 3号 是
    ['archived', 1], // 4号 是
    ['handling', 1], // 5号 办理中。 (督办 once)
    ['archived', 1], // 6号 是
    ['unsatisfied', 1], // 7号 回访 不满意
    ['handling', 1], // 8号 办理中。
    ['assigned', 1], // 9号 办理情况 empty
    ['archived', 1], // 10号 是
    ['handling', 2], // 11号 不满意 + 二次办理中
    ['assigned', 1], // 12号 办理情况 empty
    ['archived', 1], // 13号 是
    ['closed', 1], // 14号 基本满意, 否
    ['transferred', 1], // 15号 移送市纪委监委
  ];

  it('IMP1: one sheet 台账; the merged title only in A1; the header in row 2', async () => {
    const sheets = await readWorkbookGrids(readFileSync(SAMPLE));
    expect(sheets.map((s) => s.name)).toEqual(['台账']);
    const grid = sheets[0]?.grid ?? [];
    expect(grid[0]).toEqual(['枣阳市企业诉求“直通车”工作台账']);
    expect(grid[1]).toEqual([...ANNEX4_HEADERS]);
    expect(grid).toHaveLength(17);
  });

  it('IMP2, IMP3: all 15 cases with their codes and the statuses of the rules, without problems', async () => {
    const [sheet] = await readWorkbookGrids(readFileSync(SAMPLE));
    const read = readLedger(sheet?.grid ?? []);
    expect(read.header?.row).toBe(2);
    expect(read.rows).toBe(15);
    expect(read.problems).toEqual([]);
    expect(read.drafts.map((d) => d.code)).toEqual(Array.from({ length: 15 }, (_, i) => `〔2025〕${i + 1}号`));
    expect(read.drafts.map((d) => [d.status, d.round])).toEqual(EXPECTED);
    expect(read.drafts.every((d) => d.review === null)).toBe(true);
  });

  it('IMP2: the sample’s contacts, units, records and originals', async () => {
    const [sheet] = await readWorkbookGrids(readFileSync(SAMPLE));
    const drafts = readLedger(sheet?.grid ?? []).drafts;
    expect(drafts[1]?.fields).toMatchObject({
      contactName: '陈丽',
      contactPhone: '13972568890',
      handler: '张队',
      handlerPhone: '0710-6331120',
      supervisionCount: 1,
      visitResult: '基本满意',
      archived: '是',
    });
    expect([drafts[10]?.leadUnitName, drafts[10]?.coUnitNames]).toEqual(['市住房和城乡建设局', ['市消防救援大队']]);
    expect(drafts[14]?.fields).toMatchObject({ discipline: '2025-12-10移送市纪委监委', visitResult: '非常不满意' });
    expect(drafts[7]?.fields.contactPhone).toBe('0710-6512345');
    expect(drafts[0]?.original.split('\n')).toHaveLength(10);
  });
});

describe('IMP1, IMP2: a messy workbook built with exceljs', () => {
  async function messy(): Promise<{ name: string; grid: Grid }[]> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('说明').getCell('A1').value = '本工作簿由营商办维护';
    const ws = wb.addWorksheet('2025年 诉求台账');
    ws.getCell('A1').value = '枣阳市企业诉求“直通车”工作台账';
    ws.mergeCells('A1:M1');
    ws.getCell('A2').value = '填报单位：市营商办';
    ws.mergeCells('A2:F2');
    ws.getRow(3).values = [...ANNEX4_HEADERS.map((h, i) => (i === 1 ? '诉求\n编号' : h)), '受理日期'];
    ws.getRow(4).values = [
      1,
      '[2025]21号',
      '湖北鼎盛纺织有限公司',
      '孙伟/186 0710 1234',
      '投标文件排他',
      '市住建局、市消防救援大队',
    ];
    ws.getCell('H4').value = { richText: [{ text: '经查属实，' }, { text: '已整改。' }] };
    ws.getCell('K4').value = '2025-11-03实地回访，基本满意';
    ws.getCell('L4').value = '否';
    ws.getCell('M4').value = new Date(Date.UTC(2025, 9, 20));
    ws.getCell('A5').value = { formula: 'A4+1', result: 2 };
    ws.getCell('B5').value = { formula: '"〔2025〕"&(A5+20)&"号"', result: '〔2025〕22号' };
    ws.getCell('C5').value = { text: '枣阳市华宇建材有限公司', hyperlink: 'https://example.com/' };
    ws.getCell('D5').value = '陈丽 13972568890';
    ws.getCell('E5').value = '=HYPERLINK("x") 不是公式';
    ws.getCell('F5').value = '市财政局';
    ws.mergeCells('F5:F6');
    ws.getCell('H5').value = '办理中';
    ws.getCell('M5').value = { formula: 'M4+1', result: new Date(Date.UTC(2025, 9, 21)) };
    ws.getRow(6).values = [3, '2025-23', '枣阳市金穗米业有限公司', '郑芳 0710-6512345', '污水处理费'];
    ws.getCell('M6').value = { formula: 'M4+2' };
    ws.getRow(8).values = ['合计', { formula: 'COUNTA(B4:B6)', result: 3 }];
    ws.getRow(9).values = ['备注：本表每月报送'];
    return roundTrip(wb);
  }

  it('IMP1: every sheet by name; merged cells only in their master; formulas with and without cache', async () => {
    const sheets = await messy();
    expect(sheets.map((s) => s.name)).toEqual(['说明', '2025年 诉求台账']);
    const grid = sheets[1]?.grid ?? [];
    expect(grid[0]).toEqual(['枣阳市企业诉求“直通车”工作台账']);
    expect(grid[3]?.[7]).toBe('经查属实，已整改。');
    expect(grid[3]?.[12]).toEqual({ date: '2025-10-20' });
    expect(grid[4]?.slice(0, 3)).toEqual([
      { formula: '=A4+1', cached: 2 },
      { formula: '="〔2025〕"&(A5+20)&"号"', cached: '〔2025〕22号' },
      '枣阳市华宇建材有限公司',
    ]);
    expect(grid[4]?.[12]).toEqual({ formula: '=M4+1', cached: '2025-10-21' });
    expect(grid[5]?.[5]).toBeNull();
    expect(grid[5]?.[12]).toEqual({ formula: '=M4+2' });
    expect(grid[6]).toEqual([]);
  });

  it('IMP1–IMP3: three data rows, two drafts; the 合计 and 备注 rows and the blank row skipped', async () => {
    const sheets = await messy();
    expect(readLedger(sheets[0]?.grid ?? []).header).toBeNull();
    const read = readLedger(sheets[1]?.grid ?? []);
    expect(read.header?.row).toBe(3);
    expect(read.rows).toBe(3);
    expect(read.drafts.map((d) => [d.code, d.status, d.leadUnitName, d.fields.receivedAt])).toEqual([
      ['〔2025〕21号', 'closed', '市住建局', '2025-10-20'],
      ['〔2025〕22号', 'handling', '市财政局', '2025-10-21'],
    ]);
    expect(read.drafts[0]?.coUnitNames).toEqual(['市消防救援大队']);
    expect(read.drafts[1]?.fields.summary).toBe('=HYPERLINK("x") 不是公式');
    // row 6: the merged 办理单位 stays in F5; its uncached 受理日期 formula is not a date
    expect(read.problems.map((p) => [p.row, p.column, p.code])).toEqual([[6, 'M', 'INVALID_DATE']]);
  });
});

describe('IMP1: files that are not a 台账 workbook', () => {
  it('IMP1: garbage bytes and an empty file are INVALID_INPUT with a Chinese message', async () => {
    for (const bytes of [Buffer.from('hello, not a zip'), new Uint8Array(0)]) {
      const e = await refusal(bytes);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toContain('不是有效的 Excel 工作簿');
    }
  });

  it('IMP1: a zip that is not a workbook, and one with a broken workbook part, are INVALID_INPUT', async () => {
    expect((await refusal(zipOf({ 'a.txt': 'hi' }))).code).toBe('INVALID_INPUT');
    const broken = zipOf({ '[Content_Types].xml': '<x/>', 'xl/workbook.xml': 'garbage<' });
    expect((await refusal(broken)).code).toBe('INVALID_INPUT');
  });

  it('IMP1: an old .xls file is told to be saved as .xlsx', async () => {
    const e = await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(e.message).toContain('.xls');
  });

  it('IMP1: a sheet over 100000 rows or 200 columns is refused', async () => {
    const tall = new ExcelJS.Workbook();
    tall.addWorksheet('台账').getCell('A100001').value = 'x';
    const e1: unknown = await roundTrip(tall).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(LedgerError);
    expect((e1 as LedgerError).message).toMatch(/工作表“台账”.*超过导入上限/);
    const wide = new ExcelJS.Workbook();
    wide.addWorksheet('台账').getRow(1).getCell(201).value = 'x';
    const e2: unknown = await roundTrip(wide).catch((e: unknown) => e);
    expect((e2 as LedgerError).code).toBe('INVALID_INPUT');
  });
});
