// IMP1–IMP3 test helpers: 台账 grids built by hand, one 附件4 row at a time.
import { ANNEX4_HEADERS } from '../../../shared/annex4';
import { readLedger } from '../../../shared/import/read-ledger';
import type { CaseDraft, Grid, GridCell, LedgerRead } from '../../../shared/import/types';

export const ROLES = [
  'seq',
  'code',
  'company',
  'contact',
  'summary',
  'units',
  'handlerContact',
  'handling',
  'supervision',
  'discipline',
  'visit',
  'archived',
] as const;
export type AnnexRow = Partial<Record<(typeof ROLES)[number], GridCell>>;

export const TITLE = '枣阳市企业诉求“直通车”工作台账';

/** A complete, valid row: an assigned case of 市财政局. */
export const BASE: AnnexRow = {
  seq: 1,
  code: '〔2025〕1号',
  company: '湖北枣阳鑫达汽车零部件有限公司',
  contact: '王立新 13972560001',
  summary: '申请厂房扩建规划许可逾期未受理',
  units: '市财政局',
  handlerContact: '刘科长 0710-6221345',
  handling: '',
  supervision: '',
  discipline: '',
  visit: '',
  archived: '否',
};

/** The 12 cells of one 附件4 row: BASE overridden by `v`. */
export function annexRow(v: AnnexRow = {}): GridCell[] {
  const all = { ...BASE, ...v };
  return ROLES.map((r) => all[r] ?? null);
}

/** A sheet: the title in A1, the 附件4 header in row 2, then the rows (row 3 on). */
export function sheet(...rows: GridCell[][]): Grid {
  return [[TITLE], [...ANNEX4_HEADERS], ...rows];
}

/** Reads a sheet of one row built from BASE and `v`. */
export function readOne(v: AnnexRow): LedgerRead {
  return readLedger(sheet(annexRow(v)));
}

/** The draft of a one-row sheet (fails the test when the row had an error). */
export function draftOf(v: AnnexRow): CaseDraft {
  const read = readOne(v);
  const draft = read.drafts[0];
  if (draft === undefined) throw new Error(`no draft: ${JSON.stringify(read.problems)}`);
  return draft;
}
