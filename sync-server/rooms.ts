// Room names: `ledger` for the office and viewers, `unit:<unitId>` for a unit's projection.
import type { Actor } from '../shared/case';

export const LEDGER_ROOM = 'ledger';
const UNIT_PREFIX = 'unit:';

export function unitRoom(unitId: string): string {
  return `${UNIT_PREFIX}${unitId}`;
}

/** The unit id of a unit room, or null for the ledger room and anything else. */
export function unitOfRoom(room: string): string | null {
  return room.startsWith(UNIT_PREFIX) && room.length > UNIT_PREFIX.length ? room.slice(UNIT_PREFIX.length) : null;
}

/** The one room an actor works in (SYNC1). */
export function roomOf(actor: Actor): string | null {
  if (actor.role === 'office' || actor.role === 'viewer') return LEDGER_ROOM;
  return actor.unitId === null ? null : unitRoom(actor.unitId);
}

export function mayJoinRoom(actor: Actor, room: string): boolean {
  return roomOf(actor) === room;
}
