// ANX6: a form (附件1–3, shared/forms) rendered as an A4 .docx with `docx`: title, head line, the annex's table, notes.
import {
  AlignmentType,
  Document,
  HeightRule,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { FormBlock, FormCell, FormDoc, FormRow } from '../../shared/forms/form';
import { xmlSafe } from '../../shared/forms/xml-safe';

/** A4 in twentieths of a point (210 × 297 mm), margins 2.5 cm / 2.2 cm. */
export const A4_TWIPS = { width: 11906, height: 16838 } as const;
const MARGIN = { top: 1417, bottom: 1417, left: 1247, right: 1247 };
const TEXT_WIDTH = A4_TWIPS.width - MARGIN.left - MARGIN.right;

/** The fonts a Chinese office expects; LibreOffice, which has neither, falls back to a CJK font (Noto CJK). */
export const SONG = '宋体';
export const FANGSONG = '仿宋_GB2312';
const LATIN = 'Times New Roman';
/** 附件2: what the handling unit must fill in is red in the annex. */
const RED = 'C00000';

/** East-asian font set explicitly (w:eastAsia), so Word and WPS pick it for Chinese text. */
function run(text: string, font: string, halfPoints: number, extra: { bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({
    text: xmlSafe(text),
    font: { ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia: font, hint: 'eastAsia' },
    size: halfPoints,
    language: { value: 'zh-CN', eastAsia: 'zh-CN' },
    ...extra,
  });
}

/** One paragraph per line of the text (a blank line stays a blank line). */
function lines(
  text: string,
  font: string,
  size: number,
  align: (typeof AlignmentType)[keyof typeof AlignmentType],
  extra: { bold?: boolean; color?: string } = {},
): Paragraph[] {
  return text.split('\n').map((line) => new Paragraph({ alignment: align, children: [run(line, font, size, extra)] }));
}

function cell(c: FormCell, widths: readonly number[], column: number): TableCell {
  const span = c.span ?? 1;
  const share = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
  const total = widths.reduce((a, b) => a + b, 0);
  return new TableCell({
    columnSpan: span,
    rowSpan: c.rowSpan ?? 1,
    width: { size: Math.round((TEXT_WIDTH * share) / total), type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: c.label
      ? lines(c.text, SONG, 24, AlignmentType.CENTER, { bold: span === widths.length })
      : lines(c.text, FANGSONG, 24, AlignmentType.LEFT, c.unitFills === true ? { color: RED } : {}),
  });
}

/** Cells are placed left to right; a column still covered by a rowSpan from above is skipped. */
function row(r: FormRow, widths: readonly number[], covered: Map<number, number>): TableRow {
  const cells: TableCell[] = [];
  let column = 0;
  for (const c of r) {
    while ((covered.get(column) ?? 0) > 0) column += 1;
    cells.push(cell(c, widths, column));
    if ((c.rowSpan ?? 1) > 1) covered.set(column, c.rowSpan ?? 1);
    column += c.span ?? 1;
  }
  for (const [col, left] of covered) covered.set(col, left - 1);
  const tall = Math.max(1, ...r.map((c) => c.lines ?? 1));
  return new TableRow({
    height: { value: 160 + tall * 300, rule: HeightRule.ATLEAST },
    children: cells,
  });
}

function table(widths: readonly number[], rows: readonly FormRow[]): Table {
  const covered = new Map<number, number>();
  const total = widths.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round((TEXT_WIDTH * w) / total)),
    layout: TableLayoutType.FIXED,
    rows: rows.map((r) => row(r, widths, covered)),
  });
}

function block(b: FormBlock): (Paragraph | Table)[] {
  if (b.kind === 'table') return [table(b.widths, b.rows)];
  if (b.kind === 'head') {
    return [
      new Paragraph({
        spacing: { after: 120 },
        tabStops: [{ type: 'right', position: TEXT_WIDTH }],
        children: [run(b.left, FANGSONG, 24), run(`\t${b.right}`, FANGSONG, 24)],
      }),
    ];
  }
  const align = b.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  return b.text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment: align,
        indent: b.align === 'indent' ? { firstLine: 640 } : undefined,
        spacing: b.note === true ? { before: 120 } : { before: 120, line: 480 },
        children: [run(line, FANGSONG, b.note === true ? 21 : 32)],
      }),
  );
}

/** ANX6: the form as .docx bytes — A4 portrait, title in 宋体, values in 仿宋_GB2312, Chinese language set. */
export async function renderFormDocx(doc: FormDoc): Promise<Uint8Array> {
  const file = new Document({
    creator: 'qiye-suqiu-ledger',
    title: xmlSafe(doc.title),
    sections: [
      {
        properties: {
          page: {
            size: { ...A4_TWIPS, orientation: PageOrientation.PORTRAIT },
            margin: MARGIN,
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [run(doc.title, SONG, 40, { bold: true })],
          }),
          ...doc.blocks.flatMap(block),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(file));
}
