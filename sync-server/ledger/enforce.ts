// Per-operation enforcement of a client's Yjs update: apply, find every changed (case, field), compensate refusals.
import * as Y from 'yjs';
import type { Actor, CaseData } from '../../shared/case';
import type { Rejection } from '../../shared/contract/sync';
import type { ErrorCode } from '../../shared/errors';
import { ERROR_CODES } from '../../shared/errors';
import type { FieldValue } from '../../shared/fields';
import { checkCellEdit, mayEdit } from '../../shared/permissions';
import type { CaseMap } from '../../shared/ydoc-layout';
import { casesOf, isFieldValue } from '../../shared/ydoc-layout';

export interface AcceptedEdit {
  caseId: string;
  field: string;
  old: FieldValue | undefined;
  value: FieldValue;
}

/** What the room knows beyond its document: the accepted state and the server-owned maps. */
export interface EnforcementScope {
  /** The accepted state of a case visible in this room, or null when the room must not hold it. */
  caseInRoom(caseId: string): CaseData | null;
}

export interface EnforcementResult {
  edits: AcceptedEdit[];
  rejections: Rejection[];
  /** Writes that changed nothing (a value set to itself): harmless, but each costs the room a struct, so they are charged. */
  noops: number;
}

/** Transaction meta key: the net update carries a compensation, so its sender must receive it too. */
export const COMPENSATED = 'compensated';

type AnyType = Y.AbstractType<unknown>;

/** Thrown when the document shows what the structure check should have refused: the caller rolls the room back. */
export class EnforcementError extends Error {
  override name = 'EnforcementError';
}

/** The accepted value of a field, looked up among the case's own keys only (never `toString`, `__proto__`…). */
function ownValue(c: CaseData, field: string): FieldValue | undefined {
  return Object.hasOwn(c.fields, field) ? (c.fields as Record<string, FieldValue | undefined>)[field] : undefined;
}

/** One transaction's checks and compensations. */
class Enforcement {
  readonly edits: AcceptedEdit[] = [];
  readonly rejections: Rejection[] = [];
  compensated = false;
  noops = 0;
  private readonly working = new Map<string, CaseData>();
  private readonly cases: Y.Map<CaseMap>;
  private readonly casesType: AnyType;

  constructor(
    private readonly actor: Actor,
    doc: Y.Doc,
    private readonly scope: EnforcementScope,
    private readonly today: string,
  ) {
    this.cases = casesOf(doc);
    this.casesType = this.cases as unknown as AnyType;
  }

  /** Only case fields may change (SYNC10 refused everything else before it was applied); anything else rolls back. */
  run(changed: ReadonlyArray<readonly [AnyType, readonly (string | null)[]]>): void {
    for (const [type, keys] of changed) {
      const holder = type._item;
      if (
        keys.includes(null) ||
        holder === null ||
        holder.parent !== this.casesType ||
        typeof holder.parentSub !== 'string'
      ) {
        throw new EnforcementError('a change outside the case fields passed the structure check');
      }
      this.fields(holder.parentSub, type, keys as string[]);
    }
  }

  private reject(caseId: string | null, field: string | null, code: ErrorCode, message?: string): void {
    this.rejections.push({ caseId, field, code, message: message ?? ERROR_CODES[code] });
  }

  /** PERM1–PERM7: each changed field is checked; a permitted value is stored normalised (VAL6), a refused one restored. */
  private fields(caseId: string, type: AnyType, keys: readonly string[]): void {
    if ((this.cases.get(caseId) as unknown) !== type)
      throw new EnforcementError('a change in a case map that is not the case');
    const map = type as unknown as CaseMap;
    for (const field of keys) {
      const c = this.working.get(caseId) ?? this.scope.caseInRoom(caseId);
      if (c === null) throw new EnforcementError('a case the room must not hold');
      const old = ownValue(c, field);
      const present = map.has(field);
      const raw: unknown = present ? map.get(field) : null;
      if ((present && raw === old) || (!present && old === undefined)) {
        // nothing changes, but writing a field one may not edit is still refused (and charged)
        const allowed = mayEdit(this.actor, c, field);
        if (!allowed.ok) this.reject(caseId, field, allowed.error.code, allowed.error.message);
        else this.noops++;
        continue;
      }
      const value = this.checked(c, field, present, raw);
      if (value === undefined) {
        this.restore(map, field, old);
        continue;
      }
      if (value === null && old === undefined) {
        this.restore(map, field, undefined); // null where the case has no such key: keep the key absent, as in every room
        this.noops++;
        continue;
      }
      if (!present || value !== raw) this.write(map, field, value); // cleared keys hold null; text is stored trimmed
      if (value === (old ?? null)) {
        this.noops++;
        continue;
      }
      this.edits.push({ caseId, field, old, value });
      this.working.set(caseId, { id: caseId, fields: { ...c.fields, [field]: value } });
    }
  }

  /** The value to store, or undefined (refusal recorded) when it may not be: a removed key is a cleared (null) value. */
  private checked(c: CaseData, field: string, present: boolean, raw: unknown): FieldValue | undefined {
    const check = present
      ? checkCellEdit(this.actor, c, field, raw, this.today)
      : checkCellEdit(this.actor, c, field, null, this.today);
    if (check.ok && (!present || isFieldValue(raw))) return check.value;
    const error = check.ok ? { code: 'INVALID_INPUT' as const, message: ERROR_CODES.INVALID_INPUT } : check.error;
    this.reject(c.id, field, error.code, error.message);
    return undefined;
  }

  private restore(map: CaseMap, field: string, old: FieldValue | undefined): void {
    if (old === undefined) map.delete(field);
    else map.set(field, old);
    this.compensated = true;
    // the compensation must win: if Yjs placed it anywhere else (a crafted history), roll the whole update back
    if (old === undefined ? map.has(field) : map.get(field) !== old)
      throw new EnforcementError('a compensation did not take');
  }

  private write(map: CaseMap, field: string, value: FieldValue): void {
    map.set(field, value);
    this.compensated = true;
    if (map.get(field) !== value) throw new EnforcementError('a normalised value did not take');
  }
}

/**
 * SYNC3: applies `update` to `doc` inside one transaction with `origin`, checks every changed case and field with
 * the shared rules and compensates each refusal in the same transaction, so the document emits a single update
 * holding only the net result. The update must have passed `inspectUpdate` (SYNC10): anything outside the layout,
 * or parts Yjs could not apply, throw EnforcementError — the caller rolls the room back. Throws (leaving the
 * document unchanged) when the update cannot be decoded.
 */
export function applyWithEnforcement(
  doc: Y.Doc,
  actor: Actor,
  origin: object,
  update: Uint8Array,
  scope: EnforcementScope,
  today: string,
): EnforcementResult {
  const decoded = Y.decodeUpdate(update);
  // the server writes compensations under its own client id: if a client sent items under that id (a clash, or
  // a document from before a restore), the server takes a new id first, as Yjs itself would
  if (decoded.structs.some((s) => s.id.client === doc.clientID))
    doc.clientID = Math.floor(Math.random() * 0xffffffff) >>> 0;
  const run = new Enforcement(actor, doc, scope, today);
  doc.transact((tr) => {
    Y.applyUpdate(doc, update, origin);
    // compensations below are the server's own writes: without this Yjs would take them for another client
    // using our id and give the document a new id on every refusal (the state vector would grow forever)
    tr.local = true;
    const store = doc.store;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      throw new EnforcementError('parts of the update could not be applied (missing dependencies)');
    }
    const changed = [...tr.changed].map(([type, keys]) => [type as AnyType, [...keys]] as const);
    run.run(changed);
    if (run.compensated) tr.meta.set(COMPENSATED, true);
  }, origin);
  return { edits: run.edits, rejections: run.rejections, noops: run.noops };
}
