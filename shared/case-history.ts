// WF31: the cases as they stood at an instant, rebuilt from the audited history (the 回头看 sample's frame).
import type { CaseData } from './case';
import type { FieldValue } from './fields';

/** The fields the sample's frame needs: state, 受理日期 and 序号 (for the order). */
export const HISTORY_FIELDS = ['status', 'receivedAt', 'seq'] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** One accepted change of one of those fields, in the order it was recorded. */
export interface HistoryEntry {
  caseId: string;
  /** Epoch ms of the audit entry's time. */
  at: number;
  field: HistoryField;
  value: FieldValue;
}

/** A value an audit row holds for a field: a string or a number, anything else (damaged rows) as null. */
export function historyValue(v: unknown): FieldValue {
  return typeof v === 'string' || typeof v === 'number' ? v : null;
}

/**
 * WF31: every case with a state recorded at or before `asOf`, carrying the state, 受理日期 and 序号 recorded last by
 * then (entries in the order the changes were made, by audit time). A case born later, or changed later, is as it was at `asOf`; the
 * history is append-only, so the same `asOf` always gives the same cases.
 */
export function casesAsOf(history: readonly HistoryEntry[], asOf: number): CaseData[] {
  const byCase = new Map<string, Record<string, FieldValue>>();
  // in the order the changes were made: rows buffered apart (a unit room's edits, a command's rows) may be stored out
  // of that order, and a later stored but earlier made change must not override a newer one; ties keep stored order
  const ordered = history.filter((e) => e.at <= asOf).sort((a, b) => a.at - b.at);
  for (const e of ordered) {
    const fields = byCase.get(e.caseId) ?? {};
    fields[e.field] = e.value;
    byCase.set(e.caseId, fields);
  }
  return [...byCase.entries()].filter(([, f]) => typeof f.status === 'string').map(([id, fields]) => ({ id, fields }));
}
