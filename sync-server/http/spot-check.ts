// GET /api/spot-check/sample: the office's seeded random sample of closed or archived cases for a 回头看 (HTTP30, WF30).
import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import type { SpotCheckSample } from '../../shared/contract/http';
import { drawSample, sampleFrame } from '../../shared/sample';
import { isValidDate } from '../../shared/time';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { refuse } from './errors';
import { caseFields } from './cases';
import { intParam, readQuery } from './query';
import { sendJson } from './respond';

/** The largest sample and the largest seed (2^31 − 1, kept exact in every client). */
const MAX_N = 100;
const MAX_SEED = 2_147_483_647;

function dateParam(q: Map<string, string>, key: string, name: string): string | null {
  const raw = q.get(key);
  if (raw === undefined || raw === '') return null;
  if (!isValidDate(raw)) refuse('INVALID_DATE', `“${name}”应为 YYYY-MM-DD 格式的真实日期`, key);
  return raw;
}

/** HTTP30: office only; n, from, to, seed checked (400 with the parameter); the answer echoes them. */
export function spotCheckApp({ ledger }: Pick<AppDeps, 'ledger'>): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/sample', (c) => {
    const actor = actorOf(c);
    if (actor.role !== 'office') refuse('FORBIDDEN_ROLE', '仅市营商办可以抽取“回头看”样本');
    const q = readQuery(c, ['n', 'from', 'to', 'seed']);
    const n = intParam(q, 'n', '抽取数量', 1, MAX_N, 10) ?? 10;
    const from = dateParam(q, 'from', '受理日期起');
    const to = dateParam(q, 'to', '受理日期止');
    if (from !== null && to !== null && from > to) refuse('INVALID_INPUT', '“受理日期起”不能晚于“受理日期止”', 'from');
    const seed = intParam(q, 'seed', '随机种子', 0, MAX_SEED, null) ?? randomInt(MAX_SEED);
    const all = ledger.visibleCases(actor);
    const range = { from, to };
    const cases = drawSample(all, range, n, seed).map((x) => ({ id: x.id, ...caseFields(x) }));
    const available = sampleFrame(all, range).length;
    return sendJson(c, { n, from, to, seed, available, cases } satisfies SpotCheckSample);
  });
}
