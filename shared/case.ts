// A case as plain data (id + field values), the actor who acts on it, and typed accessors.
import type { FieldId, FieldValue } from './fields';
import type { CaseKind, Role, Status } from './vocabulary';
import { KINDS, STATUSES } from './vocabulary';

export type CaseFields = { readonly [K in FieldId]?: FieldValue };

export interface CaseData {
  readonly id: string;
  readonly fields: CaseFields;
}

/** Who acts: a signed-in user with a role and, for units, the unit. */
export interface Actor {
  readonly userId: string;
  readonly name: string;
  readonly role: Role;
  readonly unitId: string | null;
}

/** How an actor's unit relates to a case. */
export type UnitRelation = 'lead' | 'co' | 'other';

export function text(c: CaseData, id: FieldId): string | null {
  const v = c.fields[id];
  return typeof v === 'string' && v !== '' ? v : null;
}

export function num(c: CaseData, id: FieldId): number | null {
  const v = c.fields[id];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function statusOf(c: CaseData): Status {
  const s = c.fields.status;
  return (STATUSES as readonly unknown[]).includes(s) ? (s as Status) : 'registered';
}

export function kindOf(c: CaseData): CaseKind | null {
  const k = c.fields.kind;
  return (KINDS as readonly unknown[]).includes(k) ? (k as CaseKind) : null;
}

/** coUnits is stored as unit ids joined by commas. */
export function coUnitsOf(c: CaseData): string[] {
  return parseUnitList(c.fields.coUnits);
}

export function parseUnitList(v: FieldValue | undefined): string[] {
  if (typeof v !== 'string' || v === '') return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function formatUnitList(ids: readonly string[]): string | null {
  return ids.length === 0 ? null : ids.join(',');
}

/** STAT13: a unit list with one more entry (repeats kept: one entry per event); unchanged when there is no unit. */
export function appendUnit(list: FieldValue | undefined, unitId: string | null): string | null {
  const ids = parseUnitList(list);
  return formatUnitList(unitId === null ? ids : [...ids, unitId]);
}

export function relationOf(actor: Actor, c: CaseData): UnitRelation {
  if (actor.role !== 'unit' || actor.unitId === null) return 'other';
  if (c.fields.leadUnit === actor.unitId) return 'lead';
  return coUnitsOf(c).includes(actor.unitId) ? 'co' : 'other';
}

/** PERM3/SYNC2: the units that see a case: its lead and its cooperating units. */
export function unitsSeeing(fields: CaseFields): string[] {
  const out = new Set<string>();
  if (typeof fields.leadUnit === 'string' && fields.leadUnit !== '') out.add(fields.leadUnit);
  for (const u of parseUnitList(fields.coUnits)) out.add(u);
  return [...out];
}

/** A unit sees a case only while it is the lead or a cooperating unit. */
export function unitSeesCase(unitId: string, c: CaseData): boolean {
  return unitsSeeing(c.fields).includes(unitId);
}

export function maySeeCase(actor: Actor, c: CaseData): boolean {
  if (actor.role === 'office' || actor.role === 'viewer') return true;
  return actor.unitId !== null && unitSeesCase(actor.unitId, c);
}
