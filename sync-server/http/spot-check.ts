// GET /api/spot-check/sample: the office's seeded random sample of closed or archived cases for a 回头看 (HTTP30, WF30–WF32).
import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import type { SpotCheckSample } from '../../shared/contract/http';
import { isValidDate, parseIsoTime } from '../../shared/time';
import { drawAuditedSample } from '../ledger/sample-draw';
import { actorOf } from './auth';
import type { AppDeps, AppEnv } from './env';
import { refuse } from './errors';
import { caseFields } from './cases';
import { intParam, readQuery } from './query';
import { sendJson } from './respond';

/** The largest sample and the largest seed (2^31 − 1, kept exact in every client). */
const MAX_N = 100;
const MAX_SEED = 2_147_483_647;
const SECOND_MS = 1000;

function dateParam(q: Map<string, string>, key: string, name: string): string | null {
  const raw = q.get(key);
  if (raw === undefined || raw === '') return null;
  if (!isValidDate(raw)) refuse('INVALID_DATE', `“${name}”应为 YYYY-MM-DD 格式的真实日期`, key);
  return raw;
}

/**
 * WF31: the instant the frame is taken at: a whole second already past (default: the last one), so no change
 * recorded later can fall at or before it. Later, malformed or fractional → 400 INVALID_DATE naming `asOf`.
 */
function asOfParam(q: Map<string, string>, now: number): number {
  const latest = Math.floor(now / SECOND_MS) * SECOND_MS - SECOND_MS;
  const raw = q.get('asOf');
  if (raw === undefined || raw === '') return latest;
  const ms = raw.length > 40 ? null : parseIsoTime(raw);
  if (ms === null || ms % SECOND_MS !== 0) {
    refuse('INVALID_DATE', '“抽样截至时间”应为精确到秒的时间，如 2026-11-30T10:00:00+08:00', 'asOf');
  }
  if (ms > latest) refuse('INVALID_DATE', '“抽样截至时间”必须早于当前时间', 'asOf');
  return ms;
}

/** HTTP30: office only; n, from, to, seed, asOf checked (400 with the parameter); the answer echoes them (WF32: audited). */
export function spotCheckApp({ ledger, store }: Pick<AppDeps, 'ledger' | 'store'>): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/sample', async (c) => {
    const actor = actorOf(c);
    if (actor.role !== 'office') refuse('FORBIDDEN_ROLE', '仅市营商办可以抽取“回头看”样本');
    const q = readQuery(c, ['n', 'from', 'to', 'seed', 'asOf']);
    const n = intParam(q, 'n', '抽取数量', 1, MAX_N, 10) ?? 10;
    const from = dateParam(q, 'from', '受理日期起');
    const to = dateParam(q, 'to', '受理日期止');
    if (from !== null && to !== null && from > to) refuse('INVALID_INPUT', '“受理日期起”不能晚于“受理日期止”', 'from');
    const seed = intParam(q, 'seed', '随机种子', 0, MAX_SEED, null) ?? randomInt(MAX_SEED);
    const now = ledger.clock();
    const asOf = asOfParam(q, now);
    const draw = await drawAuditedSample(ledger, store, actor, { n, from, to, seed, asOf }, now);
    const cases = draw.cases.map((x) => ({ id: x.id, ...caseFields(x) }));
    return sendJson(c, {
      n,
      from,
      to,
      seed,
      asOf: draw.asOf,
      available: draw.available,
      cases,
    } satisfies SpotCheckSample);
  });
}
