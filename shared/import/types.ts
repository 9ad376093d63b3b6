// IMP1: what the 台账 reader takes (a grid of cells as Excel or an .xlsx library gives them) and what it yields.
import type { ErrorCode } from '../errors';
import type { FieldId, FieldValue } from '../fields';
import type { Status } from '../vocabulary';

/**
 * One cell, already freed of its host's objects by the adapter (exceljs on the server, the Office JavaScript API in the add-in):
 * a date cell as `{ date: 'YYYY-MM-DD' }` when the host knows it is a date (a bare number in a date column is read as
 * an Excel serial date), a formula as its text with the cached result when the file has one. Never evaluated.
 */
export type GridCell =
  | string
  | number
  | boolean
  | null
  | { readonly date: string }
  | { readonly formula: string; readonly cached?: string | number | boolean | null };

/** Row-major; index 0 is Excel row 1, column 0 is column A. Rows may be ragged. */
export type Grid = readonly (readonly GridCell[])[];

/** What a column of the 台账 holds: one of the 附件4 columns, or a case field found by its own header. */
export type ColumnRole =
  | 'seq'
  | 'code'
  | 'company'
  | 'contact'
  | 'summary'
  | 'units'
  | 'handlerContact'
  | 'handling'
  | 'supervision'
  | 'discipline'
  | 'visit'
  | 'archived'
  | { readonly field: FieldId };

export interface LedgerColumn {
  /** 0-based column index and its Excel letter ('A'). */
  readonly index: number;
  readonly letter: string;
  /** The header text as written (line breaks and spacing kept). */
  readonly header: string;
  readonly role: ColumnRole;
}

export interface HeaderMatch {
  /** Excel row number (1-based) of the header row. */
  readonly row: number;
  readonly columns: readonly LedgerColumn[];
}

/** A problem of the sheet, by Excel row and column letter; `error` rows are not imported, warnings are. */
export interface ImportProblem {
  readonly row: number;
  readonly column: string | null;
  readonly code: ErrorCode;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** One case as read from one row; units by name (the ledger resolves them), everything else as field values. */
export interface CaseDraft {
  /** Excel row number. */
  readonly row: number;
  /** Normalised 〔2025〕24号. */
  readonly code: string;
  readonly fields: Partial<Record<FieldId, FieldValue>>;
  readonly leadUnitName: string | null;
  readonly coUnitNames: readonly string[];
  /** IMP3: the status inferred by the written rules; `review` says why a person must look at it (null when sure). */
  readonly status: Status;
  readonly round: 1 | 2;
  readonly review: string | null;
  /** Every non-empty cell of the row verbatim, as `header：text` lines in column order. */
  readonly original: string;
  /** IMP2: the code is already in the ledger (`knownCodes`); the server decides unchanged or conflict. */
  readonly known?: boolean;
}

export interface LedgerRead {
  readonly header: HeaderMatch | null;
  readonly drafts: readonly CaseDraft[];
  readonly problems: readonly ImportProblem[];
  /** Data rows seen (blank and note rows excluded). */
  readonly rows: number;
}
