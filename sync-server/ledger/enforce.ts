// Per-operation enforcement of a client's Yjs update: apply, find every changed (case, field), compensate refusals.
import * as Y from 'yjs';
import type { Actor, CaseData } from '../../shared/case';
import type { ErrorCode } from '../../shared/errors';
import { ERROR_CODES } from '../../shared/errors';
import type { FieldValue } from '../../shared/fields';
import { CASE_SET_REFUSALS, checkCellEdit } from '../../shared/permissions';
import type { CaseMap } from '../../shared/ydoc-layout';
import { casesOf, isFieldValue, metaOf, unitsOf } from '../../shared/ydoc-layout';

export interface Rejection {
  caseId: string | null;
  field: string | null;
  code: ErrorCode;
  message: string;
}

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
  /** Rewrites the `units` and `meta` maps to the server's values (clients never write them). */
  restoreServerMaps(doc: Y.Doc): void;
}

export interface EnforcementResult {
  edits: AcceptedEdit[];
  rejections: Rejection[];
}

export const COMPENSATED = 'compensated';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyType = Y.AbstractType<any>;

function reject(out: Rejection[], caseId: string | null, field: string | null, code: ErrorCode, message?: string): void {
  out.push({ caseId, field, code, message: message ?? ERROR_CODES[code] });
}

/** Deletes every item of a type no client may write (unknown root types, stray nested content). */
function wipe(type: AnyType, tr: Y.Transaction): void {
  type._map.forEach((item) => {
    if (!item.deleted) item.delete(tr);
  });
  for (let item = type._start; item !== null; item = item.right) {
    if (!item.deleted) item.delete(tr);
  }
}

function isInside(type: AnyType, root: AnyType): boolean {
  for (let t: AnyType | null = type; t !== null; ) {
    if (t === root) return true;
    const parent: unknown = t._item?.parent ?? null;
    t = parent instanceof Y.AbstractType ? parent : null;
  }
  return false;
}

function isDeleted(type: AnyType): boolean {
  for (let t: AnyType | null = type; t !== null; ) {
    if (t._item === null) return false;
    if (t._item.deleted) return true;
    const parent: unknown = t._item.parent;
    t = parent instanceof Y.AbstractType ? parent : null;
  }
  return false;
}

function freshCase(c: CaseData): CaseMap {
  const map = new Y.Map<FieldValue>();
  for (const [k, v] of Object.entries(c.fields)) if (v !== undefined) map.set(k, v);
  return map;
}

/**
 * SYNC3: applies `update` to `doc` inside one transaction with `origin`, checks every changed case and field
 * with the shared rules and compensates each refusal in the same transaction, so the document emits a single
 * update holding only the net result. Throws (leaving the document unchanged) when the update cannot be decoded.
 */
export function applyWithEnforcement(
  doc: Y.Doc, actor: Actor, origin: object, update: Uint8Array, scope: EnforcementScope, today: string,
): EnforcementResult {
  const edits: AcceptedEdit[] = [];
  const rejections: Rejection[] = [];
  const cases = casesOf(doc);
  const casesType = cases as unknown as AnyType;
  const units = unitsOf(doc) as unknown as AnyType;
  const meta = metaOf(doc) as unknown as AnyType;
  // decode first: a malformed update throws here, before anything is applied
  const decoded = Y.decodeUpdate(update);
  // the server writes compensations under its own client id: if a client sent items under that id
  // (a clash or a forgery), the server takes a new id first, as Yjs itself would
  if (decoded.structs.some((s) => s.id.client === doc.clientID)) doc.clientID = Math.floor(Math.random() * 0xffffffff) >>> 0;
  doc.transact((tr) => {
    Y.applyUpdate(doc, update, origin);
    // compensations below are the server's own writes: without this Yjs would take them for another client
    // using our id and give the document a new id on every refusal (the state vector would grow forever)
    tr.local = true;
    // SYNC3: a well-behaved client never sends content whose prerequisites the server lacks. Parts that
    // could not be applied would wait in the document and apply later, outside any check (e.g. deletions
    // aimed at the server's future writes), and be served to other clients: they are dropped.
    const store = doc.store;
    const incomplete = store.pendingStructs !== null || store.pendingDs !== null;
    if (incomplete) {
      store.pendingStructs = null;
      store.pendingDs = null;
      reject(rejections, null, null, 'INVALID_INPUT', '更新缺少前置内容，未能应用的部分已忽略');
    }
    const restoredCases = new Set<string>();
    const working = new Map<string, CaseData>();
    let serverMapsTouched = false;
    let compensated = false;

    for (const [type, keys] of tr.changed) {
      if (type === casesType) {
        for (const id of keys) {
          if (id === null) continue;
          const known = scope.caseInRoom(id);
          const current = cases.get(id);
          if (known !== null) {
            // PERM8: a known case was deleted or replaced: put the accepted one back
            cases.set(id, freshCase(known));
            restoredCases.add(id);
            reject(rejections, id, null, CASE_SET_REFUSALS.delete);
          } else if (current !== undefined) {
            // PERM8: a case born outside the register command
            cases.delete(id);
            reject(rejections, id, null, CASE_SET_REFUSALS.create);
          }
          compensated = true;
        }
        continue;
      }
      const parentItem = type._item;
      if (parentItem !== null && parentItem.parent === casesType && typeof parentItem.parentSub === 'string') {
        const caseId = parentItem.parentSub;
        if (restoredCases.has(caseId) || (cases.get(caseId) as unknown) !== type) continue; // a dead map: its changes show nowhere
        const map = type as unknown as CaseMap;
        for (const field of keys) {
          if (field === null) continue;
          const c = working.get(caseId) ?? scope.caseInRoom(caseId);
          if (c === null) continue;
          const old = c.fields[field as keyof CaseData['fields']];
          const present = map.has(field);
          const raw: unknown = present ? map.get(field) : null;
          if (present && raw === old) continue;
          if (!present && (old === undefined || old === null)) continue;
          const check = checkCellEdit(actor, c, field, raw, today);
          if (check.ok && isFieldValue(raw)) {
            if (!present) map.set(field, null); // a deleted key is stored as an empty value
            edits.push({ caseId, field, old, value: raw });
            working.set(caseId, { id: caseId, fields: { ...c.fields, [field]: raw } });
          } else {
            if (old === undefined) map.delete(field);
            else map.set(field, old);
            const error = check.ok ? { code: 'INVALID_INPUT' as const, message: ERROR_CODES.INVALID_INPUT } : check.error;
            reject(rejections, caseId, field, error.code, error.message);
            compensated = true;
          }
        }
        continue;
      }
      if (type === units || type === meta || isInside(type, units) || isInside(type, meta)) {
        serverMapsTouched = true;
        continue;
      }
      if (isInside(type, casesType) && isDeleted(type)) continue;
      // anything else (unknown root types, nested content inside a field) is not part of the layout
      if (!isDeleted(type)) {
        wipe(type, tr);
        reject(rejections, null, null, 'UNKNOWN_FIELD', '文档中出现了台账之外的内容，已撤销');
        compensated = true;
      }
    }
    if (serverMapsTouched) {
      scope.restoreServerMaps(doc);
      reject(rejections, null, null, 'FIELD_SERVER_OWNED', '单位名单和台账信息由系统维护，不能修改');
      compensated = true;
    }
    if (compensated) tr.meta.set(COMPENSATED, true);
  }, origin);
  return { edits, rejections };
}
