// STORE40: a batch of units' writes as one SQL script (BEGIN … COMMIT, values as literals): one trip to sqlite3's thread.
import type { Params } from './sqlite-db';
import {
  AUDIT_COLUMNS,
  auditParams,
  holidayYearParams,
  supervisionParams,
  unitParams,
  userParams,
} from './sqlite-rows';
import { CASE_STATES_SQL } from './case-states';
import type { WriteOp } from './write-op';

/*
 * sqlite3 runs every call of a prepared statement as its own trip to its thread pool, and calls on different
 * statements may run in any order, so the writer awaited BEGIN, the INSERTs and COMMIT one after the other: three trips,
 * each a wake-up of sqlite3's thread and then of the event loop. `Database#exec` runs a whole script in one trip
 * (`sqlite3_exec`, statements in order, stopping at the first error). Values cannot be bound there, so they are
 * written as literals that cannot be anything but a value: bytes as X'…', text quoted ('' for '), or as
 * CAST(X'…' AS TEXT) when it holds NUL (sqlite3_exec reads the script as a C string), safe integers as digits
 * (with '.0' beyond 32 bits: sqlite3 binds those as REAL).
 */

/** Scripts larger than this (a big import, a snapshot) keep the bound statements: no second copy of their data. */
export const MAX_SCRIPT_CHARS = 512 * 1024;
/** Rows per multi-row INSERT in a script. */
const ROWS_PER_INSERT = 500;

/** The one-trip batch and how it ends: COMMIT on success, ROLLBACK on any error (see runBatch). */
export const SCRIPT_BEGIN = 'BEGIN IMMEDIATE;\n';
export const SCRIPT_COMMIT = 'COMMIT;';

/** Thrown inside rendering: the batch has a write the script does not take (the caller binds it instead). */
class NotScriptable extends Error {}

/** The SQL literal of a value as sqlite3 would bind it. */
export function sqlLiteral(v: unknown): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') {
    if (v.includes('\0')) return `CAST(X'${Buffer.from(v, 'utf8').toString('hex')}' AS TEXT)`;
    return `'${v.replaceAll("'", "''")}'`;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v)) return (v | 0) === v ? String(v) : `${v}.0`; // as bound: int32 or REAL
  if (v instanceof Uint8Array) return `X'${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}'`;
  throw new NotScriptable();
}

const tuple = (params: Params): string => `(${params.map(sqlLiteral).join(',')})`;

/** One statement from a template whose only `?` are its parameters. */
function render(template: string, params: Params): string {
  const parts = template.split('?');
  if (parts.length !== params.length + 1) throw new NotScriptable();
  let out = parts[0] as string;
  for (let i = 0; i < params.length; i++) out += sqlLiteral(params[i]) + (parts[i + 1] as string);
  return out;
}

/** Statement templates of the single-row writes, as the bound writer has them (WRITE_SQL). */
export interface ScriptTemplates {
  counter: string;
  unit: string;
  user: string;
  supervision: string;
  holidayYear: string;
  meta: string;
}

function multiInsert(head: string, tuples: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tuples.length; i += ROWS_PER_INSERT)
    out.push(`${head}${tuples.slice(i, i + ROWS_PER_INSERT).join(',')};`);
  return out;
}

/**
 * The batch as one script, or null when it must take the bound statements: a write outside a unit (its error must
 * undo it alone, STORE6), a kind of write the script does not know, a value without an exact literal, or a script
 * over MAX_SCRIPT_CHARS. Rows land as the bound writer puts them: the other writes in queue order, then the room
 * updates, the audit rows and the case states (STORE32), each table in queue order.
 */
export function batchScript(ops: readonly WriteOp[], t: ScriptTemplates): string | null {
  const others: string[] = [];
  const updates: string[] = [];
  const audits: string[] = [];
  const states: string[] = [];
  let chars = 0;
  try {
    for (const op of ops) {
      if (op.kind !== 'all') return null;
      for (const w of op.writes) {
        let s: string;
        switch (w.kind) {
          case 'update':
            if (w.data.byteLength * 2 > MAX_SCRIPT_CHARS) return null;
            updates.push((s = `(${sqlLiteral(w.room)},0,${sqlLiteral(w.data)})`));
            break;
          case 'audit':
            s = '';
            for (const row of w.rows) {
              const one = tuple(auditParams(row));
              audits.push(one);
              s += one;
            }
            break;
          case 'caseState':
            // STORE32: in queue order, so a later state of a case replaces an earlier one (INSERT OR REPLACE)
            states.push((s = `(${sqlLiteral(w.row.id)},${sqlLiteral(w.row.json)})`));
            break;
          case 'counter':
            others.push((s = `${render(t.counter, [w.name, w.value])};`));
            break;
          case 'unit':
            others.push((s = `${render(t.unit, unitParams(w.row))};`));
            break;
          case 'user':
            others.push((s = `${render(t.user, userParams(w.row))};`));
            break;
          case 'supervision':
            others.push((s = `${render(t.supervision, supervisionParams(w.row))};`));
            break;
          case 'holidayYear':
            others.push((s = `${render(t.holidayYear, holidayYearParams(w.row))};`));
            break;
          case 'meta':
            others.push((s = `${render(t.meta, [w.key, w.value])};`));
            break;
          default:
            return null;
        }
        chars += s.length;
        if (chars > MAX_SCRIPT_CHARS) return null;
      }
    }
  } catch (e) {
    if (e instanceof NotScriptable) return null;
    throw e;
  }
  if (others.length + updates.length + audits.length + states.length === 0) return null;
  return [
    SCRIPT_BEGIN,
    ...others,
    ...multiInsert('INSERT INTO room_updates (room, snapshot, data) VALUES ', updates),
    ...multiInsert(`INSERT INTO audit (${AUDIT_COLUMNS}) VALUES `, audits),
    ...multiInsert(CASE_STATES_SQL.insertHead, states),
    SCRIPT_COMMIT,
  ].join('\n');
}
