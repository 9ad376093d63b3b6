// One signed-in session: who (GET /api/me) → room → Y.Doc + sync + local copy → the sheet binding; and its teardown.
import * as Y from 'yjs';
import type { Actor } from '../../shared/case';
import { casesOf, readUnits } from '../../shared/ydoc-layout';
import type { Refusal } from '../binding/binding';
import { LedgerBinding } from '../binding/binding';
import type { SessionClaim, SheetPort } from '../sheet/port';
import type { Me, UnitInfo } from '../../shared/contract/http';
import { ApiClient, ApiError, normalizeBaseUrl } from '../client/api';
import type { Credentials } from '../client/credentials';
import type { LocalCopyFactory } from '../client/local-copy';
import { defaultLocalCopy, localCopyName } from '../client/local-copy';
import { SyncClient } from '../client/sync';
import type { StartupOffice } from './startup-behavior';
import { globalOffice, loadWithDocument } from './startup-behavior';
import { claimSettleFor } from './claim-settle';

export interface SessionDeps {
  /** The workbook (createOfficeSheet() in Excel). */
  createPort(): SheetPort;
  localCopy?: LocalCopyFactory | null;
  WebSocketPolyfill?: typeof WebSocket;
  fetch?: typeof fetch;
  /** Office.js for the startup behaviour (default the global Office; null: none). */
  startupOffice?: StartupOffice | null;
  /** BIND38: wait after claiming the workbook (default: by the document's URL, claimSettleFor). */
  claimSettleMs?: number;
}

export function actorOf(me: Me): Actor {
  return { userId: me.id, name: me.name, role: me.role, unitId: me.unitId };
}

/** Thrown when signing in cannot go on; the message is for the user. */
export class SignInError extends Error {
  /** The server said the token is invalid or revoked: forget it (and the cases kept for it). */
  constructor(
    message: string,
    readonly tokenRejected = false,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

export class Session {
  binding: LedgerBinding | null = null;
  /** The workbook once bound (the import of an existing 台账 reads it, IMP6). */
  port: SheetPort | null = null;
  private stopped = false;
  private unitList: UnitInfo[] | null = null;
  private readonly cleanups: (() => void)[] = [];

  private constructor(
    readonly credentials: Credentials,
    readonly api: ApiClient,
    readonly me: Me,
    /** True when the server could not be reached and the last known identity was used. */
    readonly offlineStart: boolean,
    readonly sync: SyncClient,
  ) {}

  get actor(): Actor {
    return actorOf(this.me);
  }

  get doc(): Y.Doc {
    return this.sync.doc;
  }

  /**
   * Signs in. When the server cannot be reached, the identity remembered from the last sign-in (`cachedMe`) lets the
   * user keep working on the local copy; edits are sent when the connection returns.
   */
  static async open(credentials: Credentials, deps: SessionDeps, cachedMe: Me | null): Promise<Session> {
    const api = new ApiClient({
      baseUrl: credentials.serverUrl,
      token: credentials.token,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
    let me: Me;
    let offlineStart = false;
    try {
      me = await api.me();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'NETWORK' && cachedMe !== null) {
        me = cachedMe;
        offlineStart = true;
      } else if (e instanceof ApiError && e.code === 'UNAUTHORIZED') {
        throw new SignInError('令牌无效或已吊销，请向市营商办索取新的令牌', true);
      } else {
        throw new SignInError(e instanceof Error ? e.message : '登录失败');
      }
    }
    if (me.room === null) throw new SignInError('此账号没有关联承办单位，无法打开台账，请联系市营商办');
    const sync = await SyncClient.open({
      serverUrl: api.baseUrl,
      token: credentials.token,
      room: me.room,
      userId: me.id,
      ...(deps.localCopy !== undefined ? { localCopy: deps.localCopy } : {}),
      ...(deps.WebSocketPolyfill ? { WebSocketPolyfill: deps.WebSocketPolyfill } : {}),
    });
    return new Session(credentials, api, me, offlineStart, sync);
  }

  /**
   * Binds the sheet once there is something to show: at once when the local copy has cases, otherwise after the first
   * exchange with the server (so an existing table is not emptied and refilled). Server rejections go to the binding.
   */
  async bindSheet(
    deps: SessionDeps,
    onRefusal: (r: Refusal) => void,
    onCoAuthored?: (holder?: SessionClaim | null) => void,
  ): Promise<LedgerBinding | null> {
    if (casesOf(this.doc).size === 0) await this.sync.whenSynced();
    if (this.stopped) return null;
    const port = deps.createPort();
    const binding = await LedgerBinding.start({
      doc: this.doc,
      port,
      actor: this.actor,
      onRefusal,
      ...(onCoAuthored ? { onCoAuthored } : {}),
      claimSettleMs:
        deps.claimSettleMs ?? claimSettleFor(deps.startupOffice === undefined ? globalOffice() : deps.startupOffice),
    });
    if (this.stopped) {
      binding.stop();
      return null;
    }
    this.binding = binding;
    this.port = port;
    this.cleanups.push(this.sync.onRejection((r) => binding.serverRejected(r)));
    // BIND12: connected and bound: open with the document from now on, so edits made meanwhile are compared early
    void loadWithDocument(deps.startupOffice === undefined ? globalOffice() : (deps.startupOffice ?? undefined));
    return binding;
  }

  /** Deletes the local copy kept for a sign-in whose token was refused (its identity known from the last session). */
  static async eraseLocalCopy(credentials: Credentials, me: Me | null, deps: SessionDeps): Promise<void> {
    const factory = deps.localCopy === undefined ? defaultLocalCopy() : deps.localCopy;
    if (factory === null || me === null || me.room === null) return;
    try {
      const copy = factory(localCopyName(normalizeBaseUrl(credentials.serverUrl), me.id, me.room), new Y.Doc());
      await copy.whenLoaded;
      await copy.clearData();
    } catch (e) {
      console.warn('[台账] 无法删除本机副本', e);
    }
  }

  /** Unit names: the room's units map (works offline), completed by the API list when loaded. */
  unitName = (id: string): string | null =>
    readUnits(this.doc).get(id) ?? this.unitList?.find((u) => u.id === id)?.name ?? null;

  /** Units for the 交办 form: from the API (all units), or from the document when offline. */
  async units(): Promise<UnitInfo[]> {
    if (this.unitList === null) {
      try {
        this.unitList = await this.api.units();
      } catch {
        return [...readUnits(this.doc)].map(([id, name]) => ({ id, name }));
      }
    }
    return this.unitList;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const c of this.cleanups.splice(0)) c();
    this.binding?.stop();
    this.sync.destroy();
  }

  /** After 4401: the cases must not stay on this computer. */
  async stopAndErase(): Promise<void> {
    this.stopped = true;
    for (const c of this.cleanups.splice(0)) c();
    this.binding?.stop();
    await this.sync.clearLocalCopy();
  }
}
