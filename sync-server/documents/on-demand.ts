// The file renderers and the .xlsx reader, loaded on first use: exceljs, docx and jszip add ~45 MiB and ~1 s to a start.
import type { renderFormDocx as RenderFormDocx } from './docx-form';
import type { renderLedgerXlsx as RenderLedgerXlsx } from './ledger-xlsx';
import type { renderAssessmentXlsx as RenderAssessmentXlsx } from './stats-xlsx';
import type { readWorkbookGrids as ReadWorkbookGrids } from '../import/xlsx-grid';

export const renderLedgerXlsx: typeof RenderLedgerXlsx = async (...args) =>
  (await import('./ledger-xlsx')).renderLedgerXlsx(...args);

export const renderAssessmentXlsx: typeof RenderAssessmentXlsx = async (...args) =>
  (await import('./stats-xlsx')).renderAssessmentXlsx(...args);

export const renderFormDocx: typeof RenderFormDocx = async (...args) =>
  (await import('./docx-form')).renderFormDocx(...args);

export const readWorkbookGrids: typeof ReadWorkbookGrids = async (...args) =>
  (await import('../import/xlsx-grid')).readWorkbookGrids(...args);
