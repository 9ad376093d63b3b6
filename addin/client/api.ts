// The HTTP API client of the add-in: base URL + token, JSON in and out, server refusals as typed errors with their Chinese message.
import type { FieldId, FieldValue } from '../../shared/fields';
import type { Counts, Rates, UnitStats } from '../../shared/stats';
import type { CaseKind, Role } from '../../shared/vocabulary';
import type { CommandName } from '../../shared/workflow';

/** A refusal of the server (`{"error":{code,message,field}}`), a network failure or an unreadable answer. */
export class ApiError extends Error {
  /** The server's error code; `NETWORK` when the server could not be reached, `BAD_RESPONSE` for an unreadable answer. */
  readonly code: string;
  readonly field: string | null;
  /** HTTP status; 0 when there was no answer. */
  readonly status: number;
  constructor(code: string, message: string, status: number, field: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.field = field;
  }
}

export interface Me {
  id: string;
  name: string;
  role: Role;
  unitId: string | null;
  unitName: string | null;
  /** The sync room of this user (`ledger` or `unit:<unitId>`); null for a unit user without a unit. */
  room: string | null;
}

export interface UnitInfo {
  id: string;
  name: string;
  contact?: string | null;
}

/** A case as the API returns it: its id and every field (null when empty). */
export interface ApiCase {
  id: string;
  fields: Record<FieldId, FieldValue>;
}

export interface CaseWithAllowed extends ApiCase {
  allowed: CommandName[];
}

export interface Registered {
  id: string;
  code: string | null;
  seq: number | null;
}

export type StatsCounts = Counts & Rates;
export type UnitStatsRow = UnitStats;

export interface Stats {
  units: UnitStatsRow[];
  totals: StatsCounts;
  overdueSupervisions: number;
}

/** Registration fields (登记), as the clerk typed them. */
export interface RegistrationInput {
  receivedAt: string;
  channel: string;
  company: string;
  address?: string | null;
  contactName: string;
  contactPhone: string;
  target?: string | null;
  summary: string;
  category: string;
}

/** The input of every command (docs/SPEC.md WF3–WF18; shared/commands/*.ts `r.allowKeys([...])`). */
export interface CommandInputs {
  reject: { ground: string; note?: string };
  answer: { reply: string };
  assign: { leadUnit: string; coUnits?: string[]; kind: CaseKind; note?: string; assignedAt?: string };
  accept: { handler?: string; handlerPhone?: string };
  return: { reason: string };
  'co-opinion': { text: string };
  'extension-request': { amount: number; reason: string };
  'extension-decision': { approve: boolean; amount?: number; note?: string };
  feedback: {
    findings: string; measures: string; feedbackAt: string; feedbackMethod: string; companyVerdict: string;
    dissatisfaction?: string; nextPlan?: string; handler?: string; handlerPhone?: string;
  };
  visit: { result: string; method: string; note?: string };
  'second-round': { note?: string };
  supervise: { note: string };
  'supervise-reply': { note: string };
  transfer: { note: string };
  archive: { note?: string };
}

export interface ApiClientOptions {
  /** e.g. `https://ledger.example.gov.cn:8787`; a trailing slash is ignored. */
  baseUrl: string;
  token: string;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

/** Reads the server's error body; anything else becomes BAD_RESPONSE with the HTTP status. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const err = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof err === 'object' && err !== null) {
    const { code, message, field } = err as Record<string, unknown>;
    if (typeof code === 'string' && typeof message === 'string') {
      return new ApiError(code, message, status, typeof field === 'string' ? field : null);
    }
  }
  return new ApiError('BAD_RESPONSE', `服务器返回了无法识别的应答（HTTP ${status}）`, status);
}

export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly fetchImpl: typeof fetch;

  constructor(opts: ApiClientOptions) {
    this.baseUrl = normalizeBaseUrl(opts.baseUrl);
    this.token = opts.token;
    this.fetchImpl = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** One request; resolves with the parsed JSON body of a 2xx answer, otherwise throws an ApiError. */
  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      const detail = e instanceof Error && e.message ? `（${e.message.slice(0, 200)}）` : '';
      throw new ApiError('NETWORK', `无法连接台账服务器，请检查网络或服务器地址${detail}`, 0);
    }
    let parsed: unknown = undefined;
    const text = await res.text().catch(() => '');
    if (text !== '') {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = undefined;
      }
    }
    if (!res.ok) throw errorFromBody(res.status, parsed);
    if (parsed === undefined) throw new ApiError('BAD_RESPONSE', `服务器返回了无法识别的应答（HTTP ${res.status}）`, res.status);
    return parsed as T;
  }

  me(): Promise<Me> {
    return this.request<Me>('GET', '/api/me');
  }

  units(): Promise<UnitInfo[]> {
    return this.request<UnitInfo[]>('GET', '/api/units');
  }

  /** 登记 (WF3): office only. */
  register(input: RegistrationInput): Promise<Registered> {
    return this.request<Registered>('POST', '/api/cases', input);
  }

  async listCases(): Promise<ApiCase[]> {
    const { cases } = await this.request<{ cases: ({ id: string } & Record<FieldId, FieldValue>)[] }>('GET', '/api/cases');
    return cases.map(({ id, ...fields }) => ({ id, fields: fields as Record<FieldId, FieldValue> }));
  }

  getCase(id: string): Promise<CaseWithAllowed> {
    return this.request<CaseWithAllowed>('GET', `/api/cases/${encodeURIComponent(id)}`);
  }

  /** Any workflow command: `POST /api/cases/:id/<command>` (HTTP15); resolves with the case after the command. */
  run<C extends CommandName>(caseId: string, command: C, input: CommandInputs[C]): Promise<ApiCase> {
    return this.request<ApiCase>('POST', `/api/cases/${encodeURIComponent(caseId)}/${command}`, input);
  }

  stats(): Promise<Stats> {
    return this.request<Stats>('GET', '/api/stats');
  }
}
