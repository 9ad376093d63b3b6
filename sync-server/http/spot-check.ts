// GET /api/spot-check/sample: the office's seeded random sample of closed or archived cases for a 回头看 (HTTP30, WF30–WF32).
import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import type { SpotCheckSample } from '../../shared/contract/http';
import { formatShanghai, isValidDate, parseIsoTime } from '../../shared/time';
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
  if (raw === undefined) return null;
  if (!isValidDate(raw)) refuse('INVALID_DATE', `“${name}”应为 YYYY-MM-DD 格式的真实日期`, key);
  return raw;
}

/** HTTP30: the one form `asOf` is taken in — the form the answer echoes: Shanghai time, whole seconds, `+08:00`. */
const AS_OF_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
/** parseIsoTime reads no year after this one: a later one is a time to come, not a malformed one. */
const LAST_YEAR = 2200;

/**
 * WF31: the second the frame is taken at: by default the one the request arrives in, or an earlier one named; the
 * draw waits for that second to end (waitForSecondEnd), so every change made before the request is in the frame and
 * no change made after the answer can fall in it. Not in AS_OF_FORM or not a real time → 400 INVALID_DATE naming
 * `asOf`; later than the current second → the same code, saying it cannot be later.
 */
function asOfParam(q: Map<string, string>, now: number): number {
  const latest = Math.floor(now / SECOND_MS) * SECOND_MS;
  const raw = q.get('asOf');
  if (raw === undefined) return latest;
  const later = () => refuse('INVALID_DATE', '“抽样截至时间”不能晚于当前时间', 'asOf');
  const ms = AS_OF_FORM.test(raw) ? parseIsoTime(raw) : null;
  if (ms === null || formatShanghai(ms) !== raw) {
    if (AS_OF_FORM.test(raw) && Number(raw.slice(0, 4)) > LAST_YEAR) later();
    refuse(
      'INVALID_DATE',
      '“抽样截至时间”应为 YYYY-MM-DDTHH:mm:ss+08:00 格式的北京时间，如 2026-11-30T10:00:00+08:00',
      'asOf',
    );
  }
  if (ms > latest) later();
  return ms;
}

/** WF31: the longest a draw waits for its second to end (a clock stepped back meanwhile makes asOf a time to come). */
const MAX_WAIT_MS = 3 * SECOND_MS;

/**
 * WF31: waits until the ledger's clock has left the second `asOf` (audit times are whole seconds), reading the clock
 * again after each wait: a timer may fire a millisecond before the wall clock gets there. A clock that does not get
 * there in MAX_WAIT_MS (stepped back) makes asOf later than the current second: 400, as if asked so.
 */
async function waitForSecondEnd(
  asOf: number,
  clock: () => number,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  for (let waited = 0; clock() < asOf + SECOND_MS;) {
    if (waited >= MAX_WAIT_MS) refuse('INVALID_DATE', '“抽样截至时间”不能晚于当前时间', 'asOf');
    const ms = Math.min(asOf + SECOND_MS - clock(), SECOND_MS);
    await sleep(ms);
    waited += ms;
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** STAT12 for the sample too: a parameter sent empty (a form's blank field) is absent; repeats are still refused. */
function withoutEmpty(q: Map<string, string>): Map<string, string> {
  return new Map([...q].filter(([, v]) => v !== ''));
}

/** HTTP30: office only; n, from, to, seed, asOf checked (400 with the parameter); the answer echoes them (WF32: audited). */
export function spotCheckApp({
  ledger,
  store,
  sleep = realSleep,
}: Pick<AppDeps, 'ledger' | 'store' | 'sleep'>): Hono<AppEnv> {
  return new Hono<AppEnv>().get('/sample', async (c) => {
    const actor = actorOf(c);
    if (actor.role !== 'office') refuse('FORBIDDEN_ROLE', '仅市营商办可以抽取“回头看”样本');
    const q = withoutEmpty(readQuery(c, ['n', 'from', 'to', 'seed', 'asOf']));
    const n = intParam(q, 'n', '抽取数量', 1, MAX_N, 10) ?? 10;
    const from = dateParam(q, 'from', '受理日期起');
    const to = dateParam(q, 'to', '受理日期止');
    if (from !== null && to !== null && from > to) refuse('INVALID_INPUT', '“受理日期起”不能晚于“受理日期止”', 'from');
    const seed = intParam(q, 'seed', '随机种子', 0, MAX_SEED, null) ?? randomInt(MAX_SEED);
    const asOf = asOfParam(q, ledger.clock());
    await waitForSecondEnd(asOf, () => ledger.clock(), sleep);
    const draw = await drawAuditedSample(ledger, store, actor, { n, from, to, seed, asOf }, ledger.clock());
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
