// /api/units: the office creates handling units; every signed-in user lists them (contacts for the office only).
import { Hono } from 'hono';
import type { UnitCreated, UnitInfo } from '../../shared/contract/http';
import { InputReader } from '../../shared/validation';
import { actorOf, requireRole } from './auth';
import { readJsonObject } from './body';
import type { AppDeps, AppEnv } from './env';
import { refuse, unwrap } from './errors';
import { nameTaken } from '../../shared/text';
import { storedName } from './names';
import { readQuery } from './query';
import { sendJson } from './respond';

export const UNIT_NAME_MAX = 50;
export const UNIT_CONTACT_MAX = 100;

export function unitsApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', (c) => {
    readQuery(c, []);
    const withContact = actorOf(c).role === 'office';
    const units = ledger
      .unitList()
      .map((u): UnitInfo =>
        withContact ? { id: u.id, name: u.name, contact: u.contact } : { id: u.id, name: u.name },
      );
    return sendJson(c, units);
  });

  /**
   * HTTP11: name 1–50 characters, unique (409 CONFLICT); contact optional, ≤ 100. AUTH5: the name is stored normalised
   * and compared by nameKey, so a twin that differs only by invisible characters, white space or case is a conflict.
   */
  app.post('/', requireRole('office'), async (c) => {
    const r = new InputReader(await readJsonObject(c));
    r.allowKeys(['name', 'contact']);
    const rawName = r.text('name', '单位名称', UNIT_NAME_MAX, true);
    const contact = r.text('contact', '联系方式', UNIT_CONTACT_MAX, false);
    const input = unwrap(r.result({ rawName, contact }));
    if (input.rawName === null) return refuse('REQUIRED', '“单位名称”为必填项', 'name');
    const name = storedName(input.rawName, 'name', '单位名称', UNIT_NAME_MAX);
    if (
      nameTaken(
        name,
        ledger.unitList().map((u) => u.name),
      )
    )
      refuse('CONFLICT', `单位名称已存在：${name}`, 'name');
    const unit = await ledger.createUnit(name, input.contact);
    return sendJson(c, { id: unit.id } satisfies UnitCreated, 201);
  });

  return app;
}
