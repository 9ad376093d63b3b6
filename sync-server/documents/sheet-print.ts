// ANX8/ANX12: the print layout, font and border every exported sheet shares, so the 台账 and the assessment print alike.
import type { Borders, PageSetup } from 'exceljs';

/** A4 landscape, fitted to one page wide, title and header rows repeated on every page. */
export const A4_LANDSCAPE: Partial<PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:2',
  horizontalCentered: true,
  margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
/** A thin black border on all four sides. */
export const BORDER: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };
/** 宋体 10 pt with the GB2312 charset, as the plan's forms are printed. */
export const FONT = { name: '宋体', size: 10, charset: 134 };
