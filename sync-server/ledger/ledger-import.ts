// IMP4/IMP5: imports an office's 台账 grid into the ledger: read, plan, create the units asked for, commit in one unit.
import type { Actor, CaseData, CaseFields } from '../../shared/case';
import { text } from '../../shared/case';
import type { Calendar } from '../../shared/calendar';
import type { ImportReport } from '../../shared/contract/http';
import type { Result } from '../../shared/errors';
import { LedgerError, fail, ok } from '../../shared/errors';
import type { AuditEntry } from '../../shared/commands';
import type { FieldValue } from '../../shared/fields';
import { formatShanghai } from '../../shared/time';
import type { ImportPlan, PlannedCase } from '../../shared/import/plan';
import { planImport } from '../../shared/import/plan';
import { readLedger } from '../../shared/import/read-ledger';
import type { Grid } from '../../shared/import/types';
import { nameTaken, normalizeName } from '../../shared/text';
import { mayRegister } from '../../shared/workflow';
import type { UnitRow } from '../store/store';
import { auditRows } from './audit-rows';
import type { Counters } from './counters';
import { CASE_SEQ, caseYearCounter } from './counters';
import type { Projection } from './projection';
import type { HealthState } from './storage-health';
import type { UnitOfWork } from './unit-of-work';

/** What the import needs of the ledger. */
export interface ImportTarget {
  readonly calendar: Calendar;
  readonly counters: Counters;
  readonly projection: Pick<Projection, 'commit'>;
  clock(): number;
  newId(prefix: string): string;
  unitList(): UnitRow[];
  allCases(): CaseData[];
  createUnit(name: string, contact: string | null): Promise<UnitRow>;
  storageState(): HealthState;
  transaction<T>(fn: (unit: UnitOfWork) => T): { value: T; done: Promise<void> };
}

/** Imported cases per unit of work (IMP4). */
const IMPORT_BATCH = 100;

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

/** IMP4: the import running on each ledger; the next one waits for it (and plans against what it wrote). */
const running = new WeakMap<ImportTarget, Promise<unknown>>();

/**
 * IMP4/IMP5: office only (a unit FORBIDDEN_ROLE, a viewer READ_ONLY). A dry run plans and changes nothing; otherwise the
 * units asked for are created, the plan is made again against them and committed. Imports that write run one at a
 * time per ledger, so re-importing the same file, even twice at once, creates nothing the second time.
 */
export function importLedger(
  target: ImportTarget,
  actor: Actor,
  grid: Grid,
  opts: ImportOptions,
): Promise<Result<ImportReport>> {
  if (opts.dryRun) return importNow(target, actor, grid, opts);
  const before = running.get(target) ?? Promise.resolve();
  const next = before.catch(() => undefined).then(() => importNow(target, actor, grid, opts));
  running.set(target, next);
  return next;
}

async function importNow(
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
  for (const name of names) {
    // HTTP11/AUTH5: a unit of that name may have been created since the plan (by the office, or a twin in this list)
    const existing = target.unitList().map((u) => u.name);
    if (!nameTaken(name, existing)) await target.createUnit(name, null);
  }
  if (names.length > 0) planned = plan();
  await commitImported(target, actor, planned.cases);
  return done(planned);
}

/**
 * IMP4: planned cases in units of work of IMPORT_BATCH cases (numbers, cases and audit of each batch together), each
 * durable before the next begins, so a large 台账 never stalls the server; a failure keeps the batches before it, which
 * a re-import then finds unchanged. The first batch, written in the same turn as the plan, moves every year's number
 * counter past the import's numbers (NUM1), so a registration between two batches never takes a number a later batch
 * brings.
 */
async function commitImported(target: ImportTarget, actor: Actor, cases: readonly PlannedCase[]): Promise<void> {
  const highest = new Map<number, number>();
  for (const p of cases) highest.set(p.year, Math.max(highest.get(p.year) ?? 0, p.number));
  for (let i = 0; i < cases.length; i += IMPORT_BATCH) {
    if (!target.storageState().ok) throw new LedgerError('STORAGE_UNAVAILABLE');
    await target.transaction((unit) => {
      if (i === 0) for (const [year, n] of highest) target.counters.raise(unit, caseYearCounter(year), n);
      // WF31: each batch is recorded at the time it is written: a sample's frame taken between two batches holds the
      // first and never, on a later repeat, the second
      const at = formatShanghai(target.clock());
      for (const p of cases.slice(i, i + IMPORT_BATCH)) {
        const id = target.newId('c');
        const fields = { ...p.fields, seq: target.counters.bump(unit, CASE_SEQ) };
        target.counters.raise(unit, caseYearCounter(p.year), p.number);
        unit.audit(auditRows(importAudit(actor, id, fields, at)));
        target.projection.commit(id, fields, unit);
      }
    }).done;
  }
}

/** IMP4: an imported case is audited as an import by the office user: one entry for the case, one per value. */
function importAudit(actor: Actor, caseId: string, fields: CaseFields, at: string): AuditEntry[] {
  const entry = (field: string | null, value: FieldValue, note: string | null): AuditEntry => ({
    at,
    actorId: actor.userId,
    actorName: actor.name,
    role: actor.role,
    unitId: actor.unitId,
    caseId,
    command: 'import',
    field,
    old: null,
    new: value,
    note,
  });
  const values = Object.entries(fields).filter((e): e is [string, Exclude<FieldValue, null>] => e[1] != null);
  return [
    entry(null, fields.status ?? null, text({ id: caseId, fields }, 'importedFrom')),
    ...values.map(([k, v]) => entry(k, v, null)),
  ];
}
