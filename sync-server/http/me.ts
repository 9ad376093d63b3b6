// GET /api/me (HTTP18): who the token belongs to, the unit and the sync room the add-in joins.
import { Hono } from 'hono';
import type { Me } from '../../shared/contract/http';
import { roomOf } from '../rooms';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { readQuery } from './query';
import { sendJson } from './respond';

export function meApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/', (c) => {
    readQuery(c, []);
    const actor = actorOf(c);
    const unit = actor.unitId === null ? null : ledger.unit(actor.unitId);
    return sendJson(c, {
      id: actor.userId,
      name: actor.name,
      role: actor.role,
      unitId: actor.unitId,
      unitName: unit?.name ?? null,
      room: roomOf(actor),
    } satisfies Me);
  });
}
