// The HTTP API client of the add-in: base URL + token, JSON in and out, server refusals as typed errors with their Chinese message.
import type { PeriodInput } from '../../shared/stats/period';
import type { CommandInput } from '../../shared/contract/commands';
import type {
  ApiCase,
  CalendarInfo,
  CalendarLoaded,
  CaseList,
  CaseWithAllowed,
  ImportReport,
  LedgerUpload,
  Me,
  Registered,
  SpotCheckSample,
  Stats,
  UnitInfo,
} from '../../shared/contract/http';
import { readErrorBody } from '../../shared/contract/http';
import type { ErrorCode } from '../../shared/errors';
import type { CommandName } from '../../shared/workflow';
import { fileNameOf } from './file-name';

/** A refusal of the server (`{"error":{code,message,field}}`), a network failure or an unreadable answer. */
export class ApiError extends Error {
  /** The server's error code; `NETWORK` when the server could not be reached, `BAD_RESPONSE` for an unreadable answer. */
  readonly code: ErrorCode | 'NETWORK' | 'BAD_RESPONSE';
  readonly field: string | null;
  /** HTTP status; 0 when there was no answer. */
  readonly status: number;
  constructor(code: ApiError['code'], message: string, status: number, field: string | null = null) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.field = field;
  }
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
  const err = readErrorBody(body);
  if (err !== null) return new ApiError(err.code, err.message, status, err.field ?? null);
  return new ApiError('BAD_RESPONSE', `服务器返回了无法识别的应答（HTTP ${status}）`, status);
}

export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** ADDIN50: a file the server generated, with the name it gave it (HTTP48). */
export interface DownloadedFile {
  bytes: Uint8Array;
  fileName: string;
  type: string;
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
  async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      const detail = e instanceof Error && e.message ? `（${e.message.slice(0, 200)}）` : '';
      console.warn('[台账] 请求未送达', detail);
      throw new ApiError('NETWORK', '无法连接台账服务器，请检查网络或服务器地址', 0);
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
    if (parsed === undefined)
      throw new ApiError('BAD_RESPONSE', `服务器返回了无法识别的应答（HTTP ${res.status}）`, res.status);
    return parsed as T;
  }

  /**
   * ADDIN50, ADDIN52: a generated file (HTTP45–HTTP49) fetched with the token (a link could not carry it); a refusal is
   * read as JSON like any other, the name from Content-Disposition (`fallback` when there is none).
   */
  async download(path: string, fallback: string): Promise<DownloadedFile> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, { headers: { Authorization: `Bearer ${this.token}` } });
    } catch (e) {
      const detail = e instanceof Error && e.message ? `（${e.message.slice(0, 200)}）` : '';
      throw new ApiError('NETWORK', `无法连接台账服务器，请检查网络或服务器地址${detail}`, 0);
    }
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = undefined;
      }
      throw errorFromBody(res.status, parsed);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    const type = res.headers.get('Content-Type') ?? 'application/octet-stream';
    return { bytes, type, fileName: fileNameOf(res.headers.get('Content-Disposition'), fallback) };
  }

  me(): Promise<Me> {
    return this.request<Me>('GET', '/api/me');
  }

  units(): Promise<UnitInfo[]> {
    return this.request<UnitInfo[]>('GET', '/api/units');
  }

  /** 登记 (WF3): office only. */
  register(input: CommandInput<'register'>): Promise<Registered> {
    return this.request<Registered>('POST', '/api/cases', input);
  }

  async listCases(): Promise<ApiCase[]> {
    const { cases } = await this.request<CaseList>('GET', '/api/cases');
    return cases.map(({ id, ...fields }) => ({ id, fields }));
  }

  getCase(id: string): Promise<CaseWithAllowed> {
    return this.request<CaseWithAllowed>('GET', `/api/cases/${encodeURIComponent(id)}`);
  }

  /** Any workflow command: `POST /api/cases/:id/<command>` (HTTP15); resolves with the case after the command. */
  run<C extends CommandName>(caseId: string, command: C, input: CommandInput<C>): Promise<ApiCase> {
    return this.request<ApiCase>('POST', `/api/cases/${encodeURIComponent(caseId)}/${command}`, input);
  }

  /** HTTP41: the years the calendar covers, and the caller's provisional deadlines. */
  calendar(): Promise<CalendarInfo> {
    return this.request<CalendarInfo>('GET', '/api/calendar');
  }

  /** HTTP40: the office loads a year's holiday notice; the answer lists the deadlines that moved. */
  loadCalendar(year: number, notice: unknown): Promise<CalendarLoaded> {
    return this.request<CalendarLoaded>('PUT', `/api/calendar/${encodeURIComponent(String(year))}`, notice);
  }

  /** HTTP35: the statistics of a period (no parameters: everything). */
  stats(period: PeriodInput = {}): Promise<Stats> {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(period)) if (typeof v === 'string') query.set(k, v);
    const qs = query.toString();
    return this.request<Stats>('GET', `/api/stats${qs === '' ? '' : `?${qs}`}`);
  }

  /** HTTP30: the office's 回头看 sample; `query` is '' or '?n=…&from=…' (sampleQueryString). */
  spotCheckSample(query: string): Promise<SpotCheckSample> {
    return this.request<SpotCheckSample>('GET', `/api/spot-check/sample${query}`);
  }

  /**
   * IMP6: an existing 台账 as its cells (office only). A dry run changes nothing and answers the same report; only the
   * options that are on are sent (`?dryRun=1&createUnits=1&skipInvalid=1`).
   */
  importLedger(
    upload: LedgerUpload,
    opts: { dryRun: boolean; createUnits: boolean; skipInvalid: boolean },
  ): Promise<ImportReport> {
    const query = (['dryRun', 'createUnits', 'skipInvalid'] as const).filter((k) => opts[k]).map((k) => `${k}=1`);
    return this.request<ImportReport>('POST', `/api/import/ledger${query.length ? `?${query.join('&')}` : ''}`, upload);
  }
}
