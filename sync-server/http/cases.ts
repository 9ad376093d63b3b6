// /api/cases: register (登记), list and read cases scoped to the caller, and run every workflow command of §4.
import { Hono } from 'hono';
import type { CaseData } from '../../shared/case';
import { text } from '../../shared/case';
import { duplicateWarning, similarCases } from '../../shared/duplicates';
import type { ApiCase, CaseFields, CaseList, CaseWithAllowed, Registered } from '../../shared/contract/http';
import { FIELD_IDS } from '../../shared/fields';
import { COMMANDS, allowedCommands, isCommandName } from '../../shared/workflow';
import { actorOf } from './auth';
import { readJsonObject } from './body';
import type { AppDeps, AppEnv } from './env';
import { refuse, unwrap } from './errors';
import { readQuery } from './query';
import { sendJson } from './respond';

function bySeq(a: CaseData, b: CaseData): number {
  const x = typeof a.fields.seq === 'number' ? a.fields.seq : 0;
  const y = typeof b.fields.seq === 'number' ? b.fields.seq : 0;
  return x - y || a.id.localeCompare(b.id);
}

/** HTTP14: every field of §3 in sheet order, null when empty; nothing else. */
export function caseFields(c: CaseData): CaseFields {
  const out = {} as CaseFields;
  for (const id of FIELD_IDS) out[id] = c.fields[id] ?? null;
  return out;
}

export function casesApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** WF3: the office registers (a unit FORBIDDEN_ROLE, a viewer READ_ONLY, decided by the ledger); HTTP31: 重复投诉. */
  app.post('/', async (c) => {
    const actor = actorOf(c);
    const created = unwrap(await ledger.register(actor, await readJsonObject(c)));
    const code = created.fields.code;
    const seq = created.fields.seq;
    const others = ledger.visibleCases(actor).filter((x) => x.id !== created.id);
    const duplicates = similarCases(
      others,
      text(created, 'company') ?? '',
      text(created, 'summary') ?? '',
      text(created, 'receivedAt') ?? '',
    );
    const body: Registered = {
      id: created.id,
      code: typeof code === 'string' ? code : null,
      seq: typeof seq === 'number' ? seq : null,
      duplicates,
      warning: duplicateWarning(duplicates),
    };
    return sendJson(c, body, 201);
  });

  /** PERM3/HTTP14: only the cases the caller may see, ordered by 序号, each `{id, ...fields}`. */
  app.get('/', (c) => {
    readQuery(c, []);
    const cases = ledger
      .visibleCases(actorOf(c))
      .sort(bySeq)
      .map((x) => ({ id: x.id, ...caseFields(x) }));
    return sendJson(c, { cases } satisfies CaseList);
  });

  /** PERM3: a case the caller may not see is CASE_NOT_FOUND, exactly like one that does not exist. */
  app.get('/:id', (c) => {
    readQuery(c, []);
    const actor = actorOf(c);
    const found = ledger.caseFor(actor, c.req.param('id'));
    if (found === null) return refuse('CASE_NOT_FOUND');
    return sendJson(c, {
      id: found.id,
      fields: caseFields(found),
      allowed: allowedCommands(actor, found),
    } satisfies CaseWithAllowed);
  });

  /** WF1–WF20/HTTP15: POST /api/cases/:id/<command> for every command of COMMANDS; other names are 404 NOT_FOUND. */
  app.post('/:id/:command', async (c) => {
    const command = c.req.param('command');
    if (!isCommandName(command)) return refuse('NOT_FOUND', `不支持的操作；可用操作：${COMMANDS.join('、')}`);
    const input = await readJsonObject(c);
    const after = unwrap(await ledger.run(actorOf(c), c.req.param('id'), command, input));
    return sendJson(c, { id: after.id, fields: caseFields(after) } satisfies ApiCase);
  });

  return app;
}
