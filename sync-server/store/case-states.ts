// STORE32: the accepted state of each case kept beside the rooms (table case_states), so a start needs no Yjs.
import type { CaseStateRow, CaseStateValue } from './store';

/** A case's state as queued and stored: its fields as JSON text. */
export interface CaseStateRecord {
  id: string;
  json: string;
}

/** STORE34: the meta key saying case_states holds every case (set when it was filled from the ledger room). */
export const CASE_STATES_KEY = 'case_states';
export const CASE_STATES_COMPLETE = 'complete';

export const CASE_STATES_SQL = {
  /** Several cases in one statement (a unit's, or a batch's); a later row for the same case replaces an earlier one. */
  insertHead: 'INSERT OR REPLACE INTO case_states (id, fields_json) VALUES ',
  tuple: '(?, ?)',
  read: 'SELECT id, fields_json FROM case_states ORDER BY id',
} as const;

function isValue(v: unknown): v is CaseStateValue {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** Checks and copies one case's state (a plain object of strings, finite numbers, booleans or null) into JSON text. */
export function caseStateRecord(id: unknown, fields: unknown): CaseStateRecord {
  if (typeof id !== 'string' || id === '') throw new TypeError('诉求编号必须是非空字符串');
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw new TypeError(`诉求 ${id} 的字段必须是对象`);
  const copy: Record<string, CaseStateValue> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (!isValue(value)) throw new TypeError(`诉求 ${id} 的字段 ${key} 的值无效`);
    Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return { id, json: JSON.stringify(copy) };
}

/** A stored case state as the interface returns it (a key like `__proto__` stays an own field). */
export function caseStateRow(id: string, json: string): CaseStateRow {
  return { id, fields: JSON.parse(json) as Record<string, CaseStateValue> };
}
