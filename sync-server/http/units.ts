// /api/units: the office creates handling units; every signed-in user lists them (contacts for the office only).
import { Hono } from 'hono';
import { InputReader } from '../../shared/validation';
import { actorOf, requireRole } from './auth';
import { readJsonObject } from './body';
import type { AppDeps, AppEnv } from './env';
import { refuse, unwrap } from './errors';
import { readQuery } from './query';
import { sendJson } from './respond';

export const UNIT_NAME_MAX = 50;
export const UNIT_CONTACT_MAX = 100;

export function unitsApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    readQuery(c, []);
    const withContact = actorOf(c).role === 'office';
    const units = ledger.unitList().map((u) => (withContact ? { id: u.id, name: u.name, contact: u.contact } : { id: u.id, name: u.name }));
    return sendJson(c, units);
  });

  /** HTTP11: name 1–50 characters (trimmed), unique (409 CONFLICT); contact optional, ≤ 100. */
  app.post('/', requireRole('office'), async (c) => {
    const r = new InputReader(await readJsonObject(c));
    r.allowKeys(['name', 'contact']);
    const name = r.text('name', '单位名称', UNIT_NAME_MAX, true);
    const contact = r.text('contact', '联系方式', UNIT_CONTACT_MAX, false);
    const input = unwrap(r.result({ name, contact }));
    if (input.name === null) return refuse('REQUIRED', '“单位名称”为必填项', 'name');
    const taken = input.name;
    if (ledger.unitList().some((u) => u.name === taken)) refuse('CONFLICT', `单位名称已存在：${taken}`, 'name');
    const unit = await ledger.createUnit(taken, input.contact);
    return sendJson(c, { id: unit.id }, 201);
  });

  return app;
}
