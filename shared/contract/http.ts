// CON3: the shapes of the HTTP API's answers, declared once for the server's handlers and the add-in's client.
import type { ErrorCode } from '../errors';
import { isErrorCode } from '../errors';
import type { FieldId, FieldValue } from '../fields';
import type { SimilarCase } from '../duplicates';
import type { GridCell } from '../import/types';
import type { GroupStats, StatsRow, UnitStats } from '../stats/report';
import type { Period } from '../stats/period';
import type { Role } from '../vocabulary';
import type { CommandName } from '../workflow';

/** HTTP3: every refusal `{"error":{code,message,field?}}`. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string };
}

/** HTTP18: GET /api/me. */
export interface Me {
  id: string;
  name: string;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  /** The sync room of this user (`ledger` or `unit:<unitId>`); null for a unit user without a unit. */
  room: string | null;
}

/** GET /api/units: one unit; `contact` for the office only. */
export interface UnitInfo {
  id: string;
  name: string;
  contact?: string | null;
}

/** HTTP11: POST /api/units (201). */
export interface UnitCreated {
  id: string;
}

/** HTTP14: every field of a case in sheet order, null when empty. */
export type CaseFields = Record<FieldId, FieldValue>;

/** A case as the API returns it after a command (HTTP15): its id and every field. */
export interface ApiCase {
  id: string;
  fields: CaseFields;
}

/** GET /api/cases/:id: the case and the commands the caller may run on it now. */
export interface CaseWithAllowed extends ApiCase {
  allowed: CommandName[];
}

/** GET /api/cases: the visible cases by 序号, each `{id, ...fields}`. */
export interface CaseList {
  cases: ({ id: string } & CaseFields)[];
}

/** WF3: POST /api/cases (201); HTTP31: with the earlier similar cases of the same company (重复投诉, WF29). */
export interface Registered {
  id: string;
  code: string | null;
  seq: number | null;
  duplicates: SimilarCase[];
  /** The Chinese warning naming the earlier cases; null when there are none. */
  warning: string | null;
}

/** HTTP30: GET /api/spot-check/sample — the parameters used (the seed too, so the draw can be repeated) and the cases. */
export interface SpotCheckSample {
  n: number;
  from: string | null;
  to: string | null;
  seed: number;
  /** WF31: the instant the frame was taken at (ISO, whole seconds): the same n, range, seed and asOf draw the same cases. */
  asOf: string;
  /** Closed or archived cases received in the range that were available to draw from. */
  available: number;
  cases: ({ id: string } & CaseFields)[];
}

export type StatsCounts = StatsRow;

/** HTTP17, HTTP35: GET /api/stats[?from&to | ?year[&quarter|&month]] (STAT1–STAT11). */
export interface Stats {
  /** The period counted, on 受理日期 (inclusive), with its Chinese label. */
  period: Period;
  /**
   * Per lead unit, with score and rank (STAT10, STAT11); a unit gets only its own row, unranked. STAT7:
   * `overdueSupervisions` — its 督办单 past their reply date and still unanswered now (not limited to the period).
   */
  units: (UnitStats & { overdueSupervisions: number })[];
  /** Every case of the period the caller may count (a unit: the cases it leads). */
  totals: StatsCounts;
  byCategory: GroupStats[];
  byChannel: GroupStats[];
  /** 督办单 past their reply date and still unanswered now (not limited to the period). */
  overdueSupervisions: number;
}

/** HTTP3: the refusal in a response body, or null when the body is not an error body (a proxy's page, garbage). */
export function readErrorBody(body: unknown): ErrorBody['error'] | null {
  const err = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof err !== 'object' || err === null) return null;
  const { code, message, field } = err as Record<string, unknown>;
  if (!isErrorCode(code) || typeof message !== 'string') return null;
  return typeof field === 'string' ? { code, message, field } : { code, message };
}

/** IMP5: POST /api/import/ledger with the 台账 as JSON (the add-in reads the sheet itself and sends its cells). */
export interface LedgerUpload {
  /** Shown in the audit entry of every imported case, with the row. */
  fileName: string;
  sheet: string;
  /** Row-major cells of the sheet from A1 (shared/import/types.ts GridCell). */
  cells: GridCell[][];
}

/** IMP5: the answer of POST /api/import/ledger (a dry run answers the same without changing anything). */
export interface ImportReport {
  sheet: string;
  /** Excel row of the header row; null when no sheet holds a 台账 header. */
  headerRow: number | null;
  /** Data rows read (blank and note rows excluded). */
  rows: number;
  /** Cases created (would be created, in a dry run). */
  created: number;
  /** Rows whose case is already in the ledger with the same content (a re-import). */
  unchanged: number;
  /** Rows left out because of an error (skipInvalid) — or, without skipInvalid, every row when any has an error. */
  skipped: number;
  /** Unit names the ledger does not know: created with createUnits=1, otherwise an error per row. */
  unknownUnits: string[];
  /** Open cases created without 交办日期 or 办理类型: shown as 待补全 until the office completes them. */
  toComplete: number;
  problems: { row: number; column: string | null; code: ErrorCode; message: string; severity: 'error' | 'warning' }[];
}

/** HTTP41: one year the working-day calendar covers, and where its data comes from (the last source wins). */
export interface CalendarYear {
  year: number;
  /** builtIn: the State Council data shipped with the server; file: HOLIDAYS_FILE; uploaded: loaded by the office. */
  source: 'builtIn' | 'file' | 'uploaded';
  /** uploaded: who loaded it (name) and when; null otherwise. */
  uploadedBy: string | null;
  uploadedAt: string | null;
  /** uploaded: how many days the notice lists; null otherwise. */
  days: number | null;
}

/** HTTP41: GET /api/calendar. `provisional` counts only the cases the caller can see (CAL7). */
export interface CalendarInfo {
  years: CalendarYear[];
  provisional: { cases: number; years: number[] };
}

/** HTTP40: one case whose 办结时限 moved when a notice was loaded (CAL6). */
export interface DeadlineChanged {
  caseId: string;
  /** 诉求编号 */
  code: string | null;
  /** CAL9: which deadline moved — 办结时限, or round 1's kept 首轮办结时限 of a case in 二次办理; WF34: 说明决定期限. */
  deadline: 'dueAt' | 'round1DueAt' | 'followupDueAt';
  oldDueAt: string;
  newDueAt: string;
  /** 时限说明 before and after (null when the deadline is firm). */
  oldNote: string | null;
  newNote: string | null;
}

/** HTTP40: the answer of PUT /api/calendar/:year. */
export interface CalendarLoaded {
  year: number;
  days: number;
  /** True when this replaced an earlier upload of the same year. */
  replaced: boolean;
  changed: DeadlineChanged[];
}
