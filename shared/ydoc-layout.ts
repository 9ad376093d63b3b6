// The Y.Doc encoding shared by server and add-in (YDOC1): cases, units and meta maps.
import * as Y from 'yjs';
import type { CaseData, CaseFields } from './case';
import type { FieldValue } from './fields';
import { FIELD_BY_ID } from './fields';

export const CASES_KEY = 'cases';
export const UNITS_KEY = 'units';
export const META_KEY = 'meta';
export const SCHEMA_VERSION = 1;

export type CaseMap = Y.Map<FieldValue>;

export function casesOf(doc: Y.Doc): Y.Map<CaseMap> {
  return doc.getMap<CaseMap>(CASES_KEY);
}

export function unitsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(UNITS_KEY);
}

export function metaOf(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(META_KEY);
}

/** Y.Doc values are primitives; anything else (a nested type, an object) is not a field value. */
export function isFieldValue(v: unknown): v is FieldValue {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/** A case as plain data: only the known fields with primitive values (a key such as `__proto__` is never copied). */
export function caseFromMap(id: string, map: CaseMap): CaseData {
  const fields: Record<string, FieldValue> = {};
  map.forEach((v, k) => {
    if (isFieldValue(v) && FIELD_BY_ID.has(k)) fields[k] = v;
  });
  return { id, fields: fields as CaseFields };
}

export function readCase(doc: Y.Doc, id: string): CaseData | null {
  const map = casesOf(doc).get(id);
  return map instanceof Y.Map ? caseFromMap(id, map) : null;
}

export function readAllCases(doc: Y.Doc): CaseData[] {
  const out: CaseData[] = [];
  casesOf(doc).forEach((map, id) => {
    if (map instanceof Y.Map) out.push(caseFromMap(id, map));
  });
  return out;
}

/**
 * Writes field values into a case, creating the case map when it does not exist yet.
 * A null or undefined value deletes nothing: it stores null, so "cleared" is itself a value.
 * Unchanged values are not written (no needless Yjs operations).
 */
export function writeFields(
  doc: Y.Doc,
  id: string,
  fields: Readonly<Record<string, FieldValue | undefined>>,
  origin: unknown = null,
): void {
  doc.transact(() => {
    const cases = casesOf(doc);
    let map = cases.get(id);
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<FieldValue>();
      cases.set(id, map);
    }
    for (const [k, v] of Object.entries(fields)) {
      const value = v === undefined ? null : v;
      if (!map.has(k) || map.get(k) !== value) map.set(k, value);
    }
  }, origin);
}

/** Removes a case from a document (the server's projection uses it when a unit leaves a case). */
export function removeCase(doc: Y.Doc, id: string, origin: unknown = null): void {
  doc.transact(() => casesOf(doc).delete(id), origin);
}

export function writeUnit(doc: Y.Doc, id: string, name: string, origin: unknown = null): void {
  doc.transact(() => {
    const units = unitsOf(doc);
    let map = units.get(id);
    if (!(map instanceof Y.Map)) {
      map = new Y.Map<unknown>();
      units.set(id, map);
    }
    if (map.get('name') !== name) map.set('name', name);
  }, origin);
}

export function readUnits(doc: Y.Doc): Map<string, string> {
  const out = new Map<string, string>();
  unitsOf(doc).forEach((map, id) => {
    const name = map instanceof Y.Map ? map.get('name') : undefined;
    if (typeof name === 'string') out.set(id, name);
  });
  return out;
}

export function writeMeta(doc: Y.Doc, year: number, origin: unknown = null): void {
  doc.transact(() => {
    const meta = metaOf(doc);
    if (meta.get('schemaVersion') !== SCHEMA_VERSION) meta.set('schemaVersion', SCHEMA_VERSION);
    if (meta.get('year') !== year) meta.set('year', year);
  }, origin);
}
