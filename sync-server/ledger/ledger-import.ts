// IMP4/IMP5: imports an office's 台账 grid into the ledger: read, plan, create the units asked for, commit in one unit.
import type { Actor, CaseData } from '../../shared/case';
import { text } from '../../shared/case';
import type { Calendar } from '../../shared/calendar';
import type { ImportReport } from '../../shared/contract/http';
import type { Result } from '../../shared/errors';
import { fail, ok } from '../../shared/errors';
import type { ImportPlan, PlannedCase } from '../../shared/import/plan';
import { planImport } from '../../shared/import/plan';
import { readLedger } from '../../shared/import/read-ledger';
import type { Grid } from '../../shared/import/types';
import { normalizeName } from '../../shared/text';
import { mayRegister } from '../../shared/workflow';
import type { UnitRow } from '../store/store';

/** What the import needs of the ledger. */
export interface ImportTarget {
  readonly calendar: Calendar;
  clock(): number;
  unitList(): UnitRow[];
  allCases(): CaseData[];
  createUnit(name: string, contact: string | null): Promise<UnitRow>;
  commitImported(actor: Actor, cases: readonly PlannedCase[]): Promise<void>;
}

export interface ImportOptions {
  /** The file the grid came from, named in every imported case (导入来源) and its audit entry. */
  readonly source: string;
  readonly sheet: string;
  readonly dryRun: boolean;
  readonly createUnits: boolean;
  readonly skipInvalid: boolean;
}

/** The longest unit name the ledger accepts (HTTP11). */
const UNIT_NAME_MAX = 50;

function report(sheet: string, headerRow: number | null, rows: number, plan: ImportPlan): ImportReport {
  return {
    sheet,
    headerRow,
    rows,
    created: plan.cases.length,
    unchanged: plan.unchanged,
    skipped: plan.skipped,
    unknownUnits: [...plan.unknownUnits],
    toComplete: plan.toComplete,
    problems: plan.problems.map((p) => ({ ...p })),
  };
}

/**
 * IMP4/IMP5: office only (a unit FORBIDDEN_ROLE, a viewer READ_ONLY). A dry run plans and changes nothing; otherwise the
 * units asked for are created, the plan is made again against them and committed whole. Re-importing the same file
 * creates nothing (every row unchanged).
 */
export async function importLedger(
  target: ImportTarget,
  actor: Actor,
  grid: Grid,
  opts: ImportOptions,
): Promise<Result<ImportReport>> {
  const allowed = mayRegister(actor);
  if (!allowed.ok) return allowed;
  const read = readLedger(grid);
  if (read.header === null) {
    return fail(
      'IMPORT_NO_HEADER',
      `工作表“${opts.sheet}”中没有找到台账表头（诉求编号、诉求企业、办理单位等附件4的列名）`,
    );
  }
  const plan = (): ImportPlan => {
    const existing = new Map<string, CaseData>();
    for (const c of target.allCases()) {
      const code = text(c, 'code');
      if (code !== null) existing.set(code, c);
    }
    return planImport({
      drafts: read.drafts,
      rows: read.rows,
      problems: read.problems,
      columns: read.header?.columns ?? [],
      existing,
      units: target.unitList(),
      createUnits: opts.createUnits,
      skipInvalid: opts.skipInvalid,
      source: opts.source,
      now: target.clock(),
      calendar: target.calendar,
    });
  };
  let planned = plan();
  const done = (p: ImportPlan) => ok(report(opts.sheet, read.header?.row ?? null, read.rows, p));
  if (opts.dryRun || planned.refused || planned.cases.length === 0) return done(planned);
  const names = planned.unknownUnits.map(normalizeName);
  const tooLong = names.find((n) => n === '' || [...n].length > UNIT_NAME_MAX);
  if (tooLong !== undefined) return fail('TOO_LONG', `承办单位名称应为 1–${UNIT_NAME_MAX} 字：${tooLong.slice(0, 60)}`);
  for (const name of names) await target.createUnit(name, null);
  if (names.length > 0) planned = plan();
  await target.commitImported(actor, planned.cases);
  return done(planned);
}
