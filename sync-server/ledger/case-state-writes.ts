// STORE32: each unit of work stores the accepted state of every case it changed, once per case, with its room updates.
import type { CaseFields } from '../../shared/case';
import type { StoreWrite } from '../store/store';
import type { UnitOfWork } from './unit-of-work';

type CaseStateWrite = Extract<StoreWrite, { kind: 'caseState' }>;

const pending = new WeakMap<UnitOfWork, Map<string, CaseStateWrite>>();

/** Queues (or brings up to date) the unit's write of the case's state: the last state the unit gave it is stored. */
export function writeCaseState(unit: UnitOfWork, id: string, fields: CaseFields): void {
  let writes = pending.get(unit);
  if (writes === undefined) pending.set(unit, (writes = new Map()));
  const queued = writes.get(id);
  if (queued !== undefined) {
    queued.row = { id, fields };
    return;
  }
  const write: CaseStateWrite = { kind: 'caseState', row: { id, fields } };
  writes.set(id, write);
  unit.write(write);
}
