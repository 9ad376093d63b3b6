// /api/users (office only): create a user and show its token once, list users (never hashes), revoke a user.
import { Hono } from 'hono';
import { InputReader } from '../../shared/validation';
import { ROLES } from '../../shared/vocabulary';
import type { UserRow } from '../store/store';
import { actorOf, requireRole } from './auth';
import { readJsonObject } from './body';
import type { AppDeps, AppEnv } from './env';
import { refuse, unwrap } from './errors';
import { storedName } from './names';
import { readQuery } from './query';
import { sendJson } from './respond';

export const USER_NAME_MAX = 50;

function noParameters(body: Record<string, unknown>) {
  const r = new InputReader(body);
  r.allowKeys([]);
  return r.result(true);
}

/** What the API tells about a user: never the token hash. */
function publicUser(u: UserRow) {
  return { id: u.id, name: u.name, role: u.role, unitId: u.unitId, createdAt: u.createdAt, revokedAt: u.revokedAt };
}

export function usersApp({ ledger, accounts }: Pick<AppDeps, 'ledger' | 'accounts'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', requireRole('office'));

  app.get('/', (c) => {
    readQuery(c, []);
    return sendJson(c, accounts.list().map(publicUser));
  });

  /**
   * HTTP12: role unit needs an existing unitId (UNKNOWN_UNIT); office and viewer take none (INVALID_INPUT).
   * AUTH5: the name is stored normalised (names of people need not be unique).
   */
  app.post('/', async (c) => {
    const r = new InputReader(await readJsonObject(c));
    r.allowKeys(['name', 'role', 'unitId']);
    const name = r.text('name', '姓名', USER_NAME_MAX, true);
    const role = r.choice('role', '角色', ROLES, true);
    const unitId = r.text('unitId', '所属单位', 64, false);
    const input = unwrap(r.result({ name, role, unitId }));
    if (input.name === null || input.role === null) return refuse('REQUIRED', '“姓名”和“角色”为必填项');
    const stored = storedName(input.name, 'name', '姓名', USER_NAME_MAX);
    if (input.role === 'unit') {
      if (input.unitId === null) refuse('REQUIRED', '承办单位用户必须指定所属单位', 'unitId');
      if (ledger.unit(input.unitId) === null)
        refuse('UNKNOWN_UNIT', `承办单位不存在：${input.unitId.slice(0, 64)}`, 'unitId');
    } else if (input.unitId !== null) {
      refuse('INVALID_INPUT', '仅承办单位用户可以指定所属单位', 'unitId');
    }
    const { user, token } = await accounts.create(stored, input.role, input.unitId);
    return sendJson(c, { id: user.id, token }, 201);
  });

  /** HTTP13: revoking is idempotent; an unknown user is 404 NOT_FOUND; nobody revokes their own account (409). */
  app.post('/:id/revoke', async (c) => {
    const id = c.req.param('id');
    unwrap(noParameters(await readJsonObject(c)));
    if (accounts.get(id) === null) refuse('NOT_FOUND', '用户不存在');
    if (id === actorOf(c).userId) refuse('CONFLICT', '不能停用自己的账号');
    const revoked = await accounts.revoke(id);
    if (revoked === null) return refuse('NOT_FOUND', '用户不存在');
    return sendJson(c, { id: revoked.id, revokedAt: revoked.revokedAt });
  });

  return app;
}
