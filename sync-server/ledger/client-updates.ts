// Client edits on the wire: structure check (SYNC10), enforcement in a unit of work (SYNC3), capped rejections, aggregated refusal audit.
import type { Rejection } from '../../shared/contract/sync';
import type { Actor } from '../../shared/case';
import { LedgerError } from '../../shared/errors';
import { mayChangeAnything } from '../../shared/permissions';
import { formatShanghai, shanghaiDate } from '../../shared/time';
import { unitOfRoom } from '../rooms';
import type { NewAudit } from '../store/store';
import type { EnforcementResult, EnforcementScope } from './enforce';
import { applyWithEnforcement } from './enforce';
import type { Projection } from './projection';
import type { RefusalAuditOptions } from './refusal-audit';
import { RefusalAudit } from './refusal-audit';
import type { RoomDocs } from './room-docs';
import type { StorageHealth } from './storage-health';
import type { StructureLimits } from './structure';
import { inspectUpdate } from './structure';
import type { ClientUpdateOutcome } from '../sync/backend';
import type { UnitOfWork } from './unit-of-work';

/** What the wire path answers: the transport's contract (sync/backend.ts), one definition for both sides. */
export type { ClientUpdateOutcome };

/** Rejection messages sent for one update: a flood of refused keys costs the sender one summary, not thousands of frames. */
export const MAX_REJECTIONS_PER_UPDATE = 20;

export interface ClientUpdateDeps {
  docs: RoomDocs;
  projection: Projection;
  health: StorageHealth;
  clock: () => number;
  structure?: StructureLimits;
  refusalAudit?: RefusalAuditOptions;
  transaction<T>(fn: (unit: UnitOfWork) => T): { value: T; done: Promise<void> };
  writeRefusals(rows: NewAudit[]): void;
  log(message: string, error?: unknown): void;
}

const INTERNAL_TEXT = '服务器处理这次修改时出错，修改未保存，请稍后重新连接后再试';
const DROPPED_TEXT = '修改的诉求已不在本台账中（可能已改派其他单位），这部分修改未保存';

function failed(r: Rejection): ClientUpdateOutcome {
  return { outcome: 'failed', rejections: [r], refused: 1 };
}

export class ClientUpdates {
  private readonly audit: RefusalAudit;

  constructor(private readonly deps: ClientUpdateDeps) {
    this.audit = new RefusalAudit((rows) => deps.writeRefusals(rows), deps.clock, formatShanghai, deps.refusalAudit);
  }

  /**
   * SYNC10 then SYNC3: an update outside the ledger's shape is refused whole before anything is applied; otherwise it
   * is applied with its permitted part in one unit of work (accepted edits and their audit rows commit with it). Any
   * exception rolls the room back and refuses the update. Throws only when the update cannot be decoded.
   */
  apply(room: string, actor: Actor, origin: object, update: Uint8Array): ClientUpdateOutcome {
    const { docs, health } = this.deps;
    if (!health.ok) return failed(rejection('STORAGE_UNAVAILABLE', new LedgerError('STORAGE_UNAVAILABLE').message));
    // SYNC14: an update of nothing (a fresh client's reply to the greeting) is not a reason to decode a cold room
    if (isEmptyUpdate(update)) return { outcome: 'applied', rejections: [], refused: 0 };
    const verdict = inspectUpdate(docs.get(room), update, this.deps.structure);
    // PERM1: a viewer changes nothing, so an update that would change anything is refused before it is applied
    const any = mayChangeAnything(actor);
    if (!any.ok && (!verdict.ok || verdict.writes > 0))
      return this.refuseWhole(actor, room, rejection(any.error.code, any.error.message));
    if (!verdict.ok) return this.refuseWhole(actor, room, rejection(verdict.code, verdict.message));
    // nothing new and nothing to delete (a reconnecting client's sync step 2, for one): nothing to apply
    if (verdict.writes === 0) return { outcome: 'applied', rejections: [], refused: 0 };
    let result: EnforcementResult;
    try {
      result = this.deps.transaction((unit) => this.enforce(room, actor, origin, verdict.update, unit)).value;
    } catch (e) {
      if (e instanceof LedgerError && e.code === 'STORAGE_UNAVAILABLE') return failed(rejection(e.code, e.message));
      this.deps.log(`[同步] 房间 ${room} 处理客户端更新时出错，已回滚到更新之前`, e);
      const r = rejection('INTERNAL', INTERNAL_TEXT);
      this.audit.record(actor, room, [r]);
      return failed(r);
    }
    const rejections =
      verdict.dropped > 0 ? [...result.rejections, rejection('CASE_NOT_FOUND', DROPPED_TEXT)] : result.rejections;
    this.audit.record(actor, room, rejections);
    return { outcome: 'applied', rejections: capped(rejections), refused: rejections.length + result.noops };
  }

  private refuseWhole(actor: Actor, room: string, r: Rejection): ClientUpdateOutcome {
    this.audit.record(actor, room, [r]);
    return { outcome: 'refused', rejections: [r], refused: 1 };
  }

  private enforce(room: string, actor: Actor, origin: object, update: Uint8Array, unit: UnitOfWork): EnforcementResult {
    const { docs, projection } = this.deps;
    const unitId = unitOfRoom(room);
    const scope: EnforcementScope = {
      caseInRoom: (id) => (unitId === null ? projection.case(id) : projection.caseForUnit(unitId, id)),
    };
    const now = this.deps.clock();
    const result = applyWithEnforcement(docs.get(room), actor, origin, update, scope, shanghaiDate(now));
    const base = {
      at: formatShanghai(now),
      actorId: actor.userId,
      actorName: actor.name,
      role: actor.role,
      unitId: actor.unitId,
    };
    unit.audit(
      result.edits.map((e): NewAudit => {
        projection.commit(e.caseId, { [e.field]: e.value }, unit);
        return {
          ...base,
          caseId: e.caseId,
          command: 'edit',
          field: e.field,
          old: e.old ?? null,
          new: e.value,
          accepted: true,
          code: null,
          note: null,
        };
      }),
    );
    return result;
  }

  /** Writes the refusal groups still open. */
  flushAudit(): void {
    this.audit.close();
  }
}

function rejection(code: Rejection['code'], message: string): Rejection {
  return { caseId: null, field: null, code, message };
}

function capped(rejections: Rejection[]): Rejection[] {
  if (rejections.length <= MAX_REJECTIONS_PER_UPDATE) return rejections;
  const kept = rejections.slice(0, MAX_REJECTIONS_PER_UPDATE - 1);
  const rest = rejections.length - kept.length;
  const first = rejections[kept.length] as Rejection;
  return [...kept, rejection(first.code, `另有 ${rest} 处修改被拒绝（${first.message}）`)];
}

/** Yjs' encoding of an update with no structs and no deletions (v1: zero clients, zero delete-set clients). */
function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
