// IMP7: an .xlsx that would make exceljs expand ranges or inflate without end is refused before exceljs reads it.
import { deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ANNEX4_HEADERS } from '../../../shared/annex4';
import { readWorkbookGrids } from '../../../sync-server/import/xlsx-grid';
import { refusal } from './xlsx-refusal';
import { MAX_PART_BYTES, rangeCells } from '../../../sync-server/import/xlsx-bounds';

const SAMPLE = join(import.meta.dirname, '../../fixtures/ledger-sample.xlsx');
const SHEET = 'xl/worksheets/sheet1.xml';

/** A small valid 台账 (header and one case) whose parts `patch` may rewrite, and files it may add. */
async function ledgerWith(
  patch: (part: string, xml: string) => string,
  extra: Record<string, Uint8Array> = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow([...ANNEX4_HEADERS]);
  ws.addRow([1, '〔2025〕1号', '枣阳市某公司', '王立新 13972560001', '诉求', '市市场监管局', '', '', '', '', '', '否']);
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  for (const part of [SHEET, 'xl/workbook.xml']) {
    const xml = await zip.file(part)?.async('string');
    if (xml === undefined) throw new Error(`no ${part}`);
    zip.file(part, patch(part, xml));
  }
  for (const [name, data] of Object.entries(extra)) zip.file(name, data, { compression: 'STORE' });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const inSheet = (add: string) => (part: string, xml: string) =>
  part === SHEET ? xml.replace('</sheetData>', `</sheetData>${add}`) : xml;

describe('IMP7: bounds measured before exceljs reads a workbook', () => {
  it('IMP7: a few-KB file merging A4:XFD1048576 is refused with a Chinese message, and the reader goes on', async () => {
    const bomb = await ledgerWith(inSheet('<mergeCells count="1"><mergeCell ref="A4:XFD1048576"/></mergeCells>'));
    expect(bomb.length).toBeLessThan(20_000);
    const e = await refusal(bomb);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('合并单元格');
    expect((await readWorkbookGrids(readFileSync(SAMPLE))).length).toBeGreaterThan(0);
  });

  it('IMP7: a defined name over a whole sheet is refused; print titles and a whole-sheet print area (page setup to exceljs) are read', async () => {
    const named = (text: string) => (part: string, xml: string) =>
      part === 'xl/workbook.xml'
        ? xml.replace(
            /<\/sheets>/,
            `</sheets><definedNames><definedName name="区域">${text}</definedName></definedNames>`,
          )
        : xml;
    const e = await refusal(await ledgerWith(named("'台账'!$A$1:$XFD$1048576")));
    expect(e.message).toContain('名称');
    const titles = await ledgerWith(named("'台账'!$1:$2,'台账'!$A:$L"));
    const [sheet] = await readWorkbookGrids(titles);
    expect(sheet?.grid[1]?.[1]).toBe('〔2025〕1号');
    const print = (part: string, xml: string) =>
      part === 'xl/workbook.xml'
        ? xml.replace(
            /<\/sheets>/,
            '</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">' +
              "'台账'!$A$1:$XFD$1048576</definedName></definedNames>",
          )
        : xml;
    expect((await readWorkbookGrids(await ledgerWith(print)))[0]?.grid[1]?.[2]).toBe('枣阳市某公司');
  });

  it('IMP7: a data validation over a whole sheet is not expanded: the workbook is read with its cells', async () => {
    const dv =
      '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A2:XFD1048576">' +
      '<formula1>"是,否"</formula1></dataValidation></dataValidations>';
    // exceljs would walk 17 billion addresses for this sqref; skipped, the workbook reads at once
    const [sheet] = await readWorkbookGrids(await ledgerWith(inSheet(dv)));
    expect(sheet?.grid[1]?.[2]).toBe('枣阳市某公司');
  });

  it('IMP7: a part inflating past its bound (a 1 MB deflate bomb in xl/media) is refused', async () => {
    const bomb = deflateRawSync(Buffer.alloc(MAX_PART_BYTES + 1024 * 1024));
    expect(bomb.length).toBeLessThan(1_000_000);
    const bytes = await ledgerWith((_p, xml) => xml);
    // the bomb goes in as a raw deflate entry: rebuild the archive with JSZip, which keeps given compressed data
    const zip = await JSZip.loadAsync(bytes);
    zip.file('xl/media/image1.png', bomb, { compression: 'STORE' });
    const stored = await zip.generateAsync({ type: 'nodebuffer' });
    const withBomb = markDeflated(stored, 'xl/media/image1.png', MAX_PART_BYTES + 1024 * 1024);
    const e = await refusal(withBomb);
    expect(e.message).toContain('解压后超过导入上限');
  });

  it('IMP7: 200,001 row elements are refused before exceljs builds them; 2,000 with content are read', async () => {
    const rows = (n: number, from: number) =>
      Array.from(
        { length: n },
        (_, i) => `<row r="${from + i}"><c r="A${from + i}" t="inlineStr"><is><t>x</t></is></c></row>`,
      ).join('');
    const tall = await ledgerWith((part, xml) =>
      part === SHEET ? xml.replace('</sheetData>', `${rows(200_001, 3)}</sheetData>`) : xml,
    );
    expect((await refusal(tall)).message).toContain('200000 行以上');
    const fine = await ledgerWith((part, xml) =>
      part === SHEET ? xml.replace('</sheetData>', `${rows(2_000, 3)}</sheetData>`) : xml,
    );
    const [sheet] = await readWorkbookGrids(fine);
    expect(sheet?.grid.length).toBe(2_002);
  });

  it('IMP7: the cells a range costs exceljs', () => {
    expect(rangeCells('A1')).toBe(1);
    expect(rangeCells('$A$1:$L$9')).toBe(108);
    expect(rangeCells("'台账'!$1:$3")).toBe(3);
    expect(rangeCells('Sheet1!$A:$L')).toBe(0);
    expect(rangeCells('A4:XFD1048576')).toBe(16_384 * 1_048_573);
  });
});

/**
 * Makes the stored entry `name` of a zip a deflated one: the data in the archive is already raw deflate, so only the
 * method (8) and the inflated size change, in the local header and in the central directory.
 */
function markDeflated(zip: Buffer, name: string, inflated: number): Buffer {
  const out = Buffer.from(zip);
  const key = Buffer.from(name);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.subarray(i + 30, i + 30 + key.length).equals(key)) {
      out.writeUInt16LE(8, i + 8);
      out.writeUInt32LE(inflated, i + 22);
    } else if (sig === 0x02014b50 && out.subarray(i + 46, i + 46 + key.length).equals(key)) {
      out.writeUInt16LE(8, i + 10);
      out.writeUInt32LE(inflated, i + 24);
    }
  }
  return out;
}
