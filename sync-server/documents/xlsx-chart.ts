// ANX14: a native clustered column chart added to an exceljs package (exceljs writes no charts) as DrawingML parts.
import JSZip from 'jszip';
import { xmlSafe } from '../../shared/forms/xml-safe';

/**
 * The parts and their links follow ECMA-376 Part 1 (5th ed.): §21.2 DrawingML Charts (chartSpace, barChart, catAx,
 * valAx), §20.5 DrawingML SpreadsheetML Drawing (wsDr, twoCellAnchor, graphicFrame), §18.3.1.36 the worksheet's
 * `drawing` element, and Part 2 (OPC) for relationships and content types — laid out as in the Open XML SDK's "How to:
 * Insert a chart into a spreadsheet document" (https://learn.microsoft.com/office/open-xml/spreadsheet/how-to-insert-a-chart-into-a-spreadsheet).
 */
export interface ColumnChart {
  /** 1-based sheet number of the worksheet part (xl/worksheets/sheetN.xml) and its name for the references. */
  sheetPart: number;
  sheetName: string;
  title: string;
  /** Category labels in column A, rows firstRow.. (1-based). */
  categories: string[];
  firstRow: number;
  /** Each series: its header cell's text, its 0-based column and the values (null = no value, a gap). */
  series: { name: string; column: number; values: (number | null)[] }[];
  /** Where the chart sits: 0-based top-left cell and size in cells. */
  anchor: { col: number; row: number; cols: number; rows: number };
}

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL_DRAWING = `${NS_R}/drawing`;
const REL_CHART = `${NS_R}/chart`;
export const CHART_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const COLOURS = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'];

function esc(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function colName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function ref(sheet: string, col: number, from: number, to = from): string {
  const q = `'${sheet.replace(/'/g, "''")}'`;
  const c = `$${colName(col)}$`;
  return esc(from === to ? `${q}!${c}${from}` : `${q}!${c}${from}:${c}${to}`);
}

function strCache(values: readonly string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join('');
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

function numCache(values: readonly (number | null)[]): string {
  const pts = values.map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('');
  return `<c:numCache><c:formatCode>0.0%</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function rich(text: string, size: number): string {
  const font = '<a:latin typeface="宋体"/><a:ea typeface="宋体"/>';
  return (
    `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1">${font}</a:defRPr></a:pPr>` +
    `<a:r><a:rPr lang="zh-CN" sz="${size}" b="1">${font}</a:rPr><a:t>${esc(text)}</a:t></a:r></a:p></c:rich>`
  );
}

/** ECMA-376 §21.2.2.16 barChart (barDir col, grouping clustered) with one ser per rate, over a catAx and a valAx. */
export function chartXml(c: ColumnChart): string {
  const last = c.firstRow + Math.max(0, c.categories.length - 1);
  const series = c.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${ref(c.sheetName, s.column, c.firstRow - 1)}</c:f>${strCache([s.name])}</c:strRef></c:tx>` +
        `<c:spPr><a:solidFill><a:srgbClr val="${COLOURS[i % COLOURS.length]}"/></a:solidFill></c:spPr>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${ref(c.sheetName, 0, c.firstRow, last)}</c:f>${strCache(c.categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${ref(c.sheetName, s.column, c.firstRow, last)}</c:f>${numCache(s.values)}</c:numRef></c:val>` +
        `</c:ser>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:lang val="zh-CN"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title><c:tx>${rich(c.title, 1400)}</c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `${series}<c:gapWidth val="150"/><c:axId val="50010"/><c:axId val="50020"/></c:barChart>` +
    `<c:catAx><c:axId val="50010"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="@" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="50020"/>` +
    `<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="50020"/><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling>` +
    `<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="0%" sourceLinked="0"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="50010"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/>` +
    `<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function marker(tag: 'from' | 'to', col: number, row: number): string {
  return `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
}

/** ECMA-376 §20.5.2.33 twoCellAnchor holding a graphicFrame whose graphicData is the chart (r:id rId1). */
export function drawingXml(c: ColumnChart): string {
  const { col, row, cols, rows } = c.anchor;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}"><xdr:twoCellAnchor>` +
    `${marker('from', col, row)}${marker('to', col + cols, row + rows)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${esc(c.title)}"/><xdr:cNvGraphicFramePr/>` +
    `</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="rId1"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

function rels(items: readonly { id: string; type: string; target: string }[]): string {
  const body = items.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${body}</Relationships>`;
}

/** The worksheet's `drawing` goes before the elements CT_Worksheet lists after it (§18.3.1.99), else before the end. */
const AFTER_DRAWING = [
  '<legacyDrawing',
  '<legacyDrawingHF',
  '<picture',
  '<oleObjects',
  '<controls',
  '<webPublishItems',
  '<tableParts',
  '<extLst',
  '</worksheet>',
];

function withDrawing(sheet: string, relId: string): string {
  const at = Math.min(...AFTER_DRAWING.map((t) => sheet.indexOf(t)).filter((i) => i >= 0));
  return `${sheet.slice(0, at)}<drawing r:id="${relId}"/>${sheet.slice(at)}`;
}

async function text(zip: JSZip, path: string): Promise<string | null> {
  const f = zip.file(path);
  return f === null ? null : f.async('string');
}

/** Adds xl/charts/chart1.xml and xl/drawings/drawing1.xml, their relationships and content types, to a package. */
export async function addColumnChart(xlsx: Uint8Array, c: ColumnChart): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  const sheetPath = `xl/worksheets/sheet${c.sheetPart}.xml`;
  const relsPath = `xl/worksheets/_rels/sheet${c.sheetPart}.xml.rels`;
  const sheet = await text(zip, sheetPath);
  const types = await text(zip, '[Content_Types].xml');
  if (sheet === null || types === null || zip.file('xl/drawings/drawing1.xml') !== null)
    throw new Error(`addColumnChart: no ${sheetPath} or a drawing already there`);
  const relId = 'rIdChartDrawing1';
  const drawingRel = `<Relationship Id="${relId}" Type="${REL_DRAWING}" Target="../drawings/drawing1.xml"/>`;
  const sheetRels = await text(zip, relsPath);
  zip.file(
    relsPath,
    sheetRels === null
      ? rels([{ id: relId, type: REL_DRAWING, target: '../drawings/drawing1.xml' }])
      : sheetRels.replace('</Relationships>', `${drawingRel}</Relationships>`),
  );
  zip.file(sheetPath, withDrawing(sheet, relId));
  zip.file('xl/drawings/drawing1.xml', drawingXml(c));
  zip.file(
    'xl/drawings/_rels/drawing1.xml.rels',
    rels([{ id: 'rId1', type: REL_CHART, target: '../charts/chart1.xml' }]),
  );
  zip.file('xl/charts/chart1.xml', chartXml(c));
  const overrides =
    `<Override PartName="/xl/drawings/drawing1.xml" ContentType="${DRAWING_TYPE}"/>` +
    `<Override PartName="/xl/charts/chart1.xml" ContentType="${CHART_TYPE}"/>`;
  zip.file('[Content_Types].xml', types.replace('</Types>', `${overrides}</Types>`));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
