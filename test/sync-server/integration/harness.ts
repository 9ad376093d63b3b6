// Integration harness: a real server on a random port with a temporary SQLite file, real HTTP and real WebsocketProvider clients.
import { MESSAGE_REJECTION } from '../../../shared/contract/sync';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerConfig } from '../../../sync-server/config';
import type { RunningServer, StartOptions } from '../../../sync-server/server';
import { startServer } from '../../../sync-server/server';
import { readAllCases } from '../../../shared/ydoc-layout';

export const ADMIN_TOKEN = 'integration-admin-token-0123456789';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ledger-it-'));
}

export function testConfig(dataDir: string, extra: Partial<ServerConfig> = {}): ServerConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    adminToken: ADMIN_TOKEN,
    holidayFiles: [],
    demo: false,
    tls: null,
    addinDir: join(dataDir, 'no-addin'),
    ...extra,
  };
}

export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Every binary frame this client received, as raw bytes. */
  frames: Buffer[];
  rejections: { caseId: string | null; field: string | null; code: string; message: string }[];
  closeCodes: number[];
  synced(): Promise<void>;
  destroy(): void;
}

export class Harness {
  private constructor(
    readonly server: RunningServer,
    readonly dataDir: string,
    private readonly clients: Client[] = [],
  ) {}

  static async start(
    dataDir = tempDir(),
    extra: Partial<ServerConfig> = {},
    clock?: () => number,
    opts: StartOptions = {},
  ): Promise<Harness> {
    const server = await startServer(testConfig(dataDir, extra), clock ? { ...opts, clock } : opts);
    return new Harness(server, dataDir);
  }

  get url(): string {
    return this.server.url;
  }

  async api<T = unknown>(
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async ok<T = Record<string, unknown>>(token: string, method: string, path: string, body?: unknown): Promise<T> {
    const r = await this.api<T>(token, method, path, body);
    if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  connect(room: string, token: string, doc = new Y.Doc()): Client {
    const frames: Buffer[] = [];
    const closeCodes: number[] = [];
    class RecordingSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        this.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
        this.on('close', (code: number) => closeCodes.push(code));
      }
    }
    const provider = new WebsocketProvider(`${this.url.replace(/^http/, 'ws')}/sync`, room, doc, {
      WebSocketPolyfill: RecordingSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { token },
    });
    const rejections: Client['rejections'] = [];
    provider.messageHandlers[MESSAGE_REJECTION] = (_encoder, decoder) => {
      rejections.push(JSON.parse(decoding.readVarString(decoder)));
    };
    const client: Client = {
      doc,
      provider,
      frames,
      rejections,
      closeCodes,
      synced: () =>
        provider.synced ? Promise.resolve() : new Promise((resolve) => provider.once('sync', () => resolve())),
      destroy: () => {
        provider.destroy();
        doc.destroy();
      },
    };
    this.clients.push(client);
    return client;
  }

  async stop(removeData = true): Promise<void> {
    for (const c of this.clients) c.provider.destroy();
    await this.server.close();
    if (removeData) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Units and users for a typical scene: the office, a viewer, a lead unit, a cooperating unit, an outsider. */
export async function scene(h: Harness) {
  const unit = async (name: string) => (await h.ok<{ id: string }>(ADMIN_TOKEN, 'POST', '/api/units', { name })).id;
  const user = async (name: string, role: string, unitId?: string) =>
    (await h.ok<{ id: string; token: string }>(ADMIN_TOKEN, 'POST', '/api/users', { name, role, unitId })).token;
  const lead = await unit('市市场监督管理局');
  const co = await unit('市住房和城乡建设局');
  const other = await unit('市税务局');
  return {
    units: { lead, co, other },
    tokens: {
      office: ADMIN_TOKEN,
      viewer: await user('领导', 'viewer'),
      lead: await user('市场监管联络员', 'unit', lead),
      co: await user('住建联络员', 'unit', co),
      other: await user('税务联络员', 'unit', other),
    },
  };
}

export const REGISTRATION = {
  receivedAt: '2026-09-28',
  channel: '热线电话',
  company: '枣阳市汉光机械有限公司',
  address: '枣阳市南城街道',
  contactName: '刘经理',
  contactPhone: '13812345678',
  target: '',
  summary: '施工许可超期未办结',
  category: '1.行政许可、政务服务不予受理或不按程序时限办理',
};

/** A document's cases as text, independent of the order keys were inserted in (for convergence checks). */
export function canonical(doc: Y.Doc): string {
  return JSON.stringify(
    readAllCases(doc)
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((c) => [c.id, Object.entries(c.fields).sort(([a], [b]) => a.localeCompare(b))]),
  );
}
