// The in-process HTTP test bench: memory store, real calendar, a fake clock, deterministic ids, users of every role.
import { CATEGORIES } from '../../../shared/vocabulary';
import { parseIsoTime } from '../../../shared/time';
import { Accounts } from '../../../sync-server/accounts';
import { Ledger } from '../../../sync-server/ledger/ledger';
import { createMemoryStore } from '../../../sync-server/store/memory-store';
import type { MemoryStore } from '../../../sync-server/store/memory-store';
import type { AppOptions } from '../../../sync-server/http/app';
import { createApp } from '../../../sync-server/http/app';

export const T0 = '2026-09-30T10:00:00+08:00';
export const LEAD_NAME = '市市场监管局';
export const CO_NAME = '市住建局';
export const OTHER_NAME = '市税务局';
export const COMPANY = '枣阳市某某机械有限公司';

/** A response body as the tests read it (checked field by field). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies are inspected loosely in tests
export type Body = any;

export interface Reply {
  status: number;
  text: string;
  body: Body;
  headers: Headers;
}

export type Who = 'office' | 'viewer' | 'lead' | 'co' | 'other';

export function at(iso: string): number {
  const ms = parseIsoTime(iso);
  if (ms === null) throw new Error(`bad time ${iso}`);
  return ms;
}

/** Registration fields (登记) with the defaults of the running example; override any. */
export function registration(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    receivedAt: '2026-09-30',
    channel: '热线电话',
    company: COMPANY,
    address: '枣阳市光武大道1号',
    contactName: '刘先生',
    contactPhone: '13812345678',
    target: '某审批窗口',
    summary: '办理施工许可被反复要求补充材料',
    category: CATEGORIES[0],
    ...over,
  };
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** A raw body sent as is (no JSON encoding, no default Content-Type). */
  raw?: string;
}

export async function bench(startIso = T0, opts: Partial<AppOptions> = {}) {
  let now = at(startIso);
  const clock = () => now;
  const counters = new Map<string, number>();
  const newId = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}${n}`;
  };
  const store: MemoryStore = createMemoryStore();
  const ledger = await Ledger.open({ store, clock, newId });
  const accounts = await Accounts.open(store, clock, newId);
  // WF31: a draw waits for its second to end; on the fake clock that wait moves the clock, as a real one would
  const sleep = async (ms: number) => {
    now += ms;
  };
  const app = createApp({ ledger, accounts, store, sleep, ...opts });

  const lead = await ledger.createUnit(LEAD_NAME, '0710-6331373');
  const co = await ledger.createUnit(CO_NAME, null);
  const other = await ledger.createUnit(OTHER_NAME, null);
  const tokens: Record<Who, string> = {
    office: (await accounts.create('营商办张三', 'office', null)).token,
    viewer: (await accounts.create('领导', 'viewer', null)).token,
    lead: (await accounts.create('市场监管李四', 'unit', lead.id)).token,
    co: (await accounts.create('住建王五', 'unit', co.id)).token,
    other: (await accounts.create('税务赵六', 'unit', other.id)).token,
  };

  async function request(
    token: string | null,
    method: string,
    path: string,
    body?: unknown,
    ro: RequestOptions = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    let payload: string | undefined;
    if (ro.raw !== undefined) payload = ro.raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
    }
    const res = await app.request(path, { method, headers: { ...headers, ...ro.headers }, body: payload });
    const text = await res.text();
    let parsed: Body;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = text;
    }
    return { status: res.status, text, body: parsed, headers: res.headers };
  }

  const as = (who: Who) => ({
    get: (path: string, ro?: RequestOptions) => request(tokens[who], 'GET', path, undefined, ro),
    post: (path: string, body?: unknown, ro?: RequestOptions) => request(tokens[who], 'POST', path, body, ro),
    put: (path: string, body?: unknown, ro?: RequestOptions) => request(tokens[who], 'PUT', path, body, ro),
  });

  /** Registers a case as the office; returns its id. */
  async function register(over: Record<string, unknown> = {}): Promise<string> {
    const r = await as('office').post('/api/cases', registration(over));
    if (r.status !== 201) throw new Error(`register failed: ${r.text}`);
    return r.body.id as string;
  }

  /** Runs a command as `who`, expecting success; returns the new fields. */
  async function run(who: Who, caseId: string, command: string, input: unknown = {}): Promise<Body> {
    const r = await as(who).post(`/api/cases/${caseId}/${command}`, input);
    if (r.status !== 200) throw new Error(`${command} by ${who} failed: ${r.status} ${r.text}`);
    return r.body.fields;
  }

  /** A registered case assigned to the lead unit with the co unit cooperating (general, assigned now). */
  async function assigned(over: Record<string, unknown> = {}, assign: Record<string, unknown> = {}): Promise<string> {
    const id = await register(over);
    await run('office', id, 'assign', {
      leadUnit: lead.id,
      coUnits: [co.id],
      kind: 'general',
      note: '请核实办理',
      ...assign,
    });
    return id;
  }

  return {
    app,
    ledger,
    accounts,
    store,
    tokens,
    request,
    as,
    register,
    run,
    assigned,
    units: { lead: lead.id, co: co.id, other: other.id },
    setNow: (iso: string) => {
      now = at(iso);
    },
    clock,
  };
}

export type Bench = Awaited<ReturnType<typeof bench>>;
